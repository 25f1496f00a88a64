/**
 * The name a person probably meant when they wrote one that does not exist ("区财政厅" for
 * 区财政局, "整改率%" for 整改率): one containing the other, or within a small edit distance.
 */

export function nearestName(name: string, names: readonly string[]): string | null {
  let best: { name: string; score: number } | null = null;
  for (const candidate of names) {
    if (name.length >= 2 && (candidate.includes(name) || name.includes(candidate))) return candidate;
    const score = editDistance(name, candidate);
    if (score <= Math.max(1, Math.floor(candidate.length / 3)) && (best === null || score < best.score)) best = { name: candidate, score };
  }
  return best?.name ?? null;
}

/**
 * Every name closest to one that does not exist (at most `limit`), for a clerk's typo in a column
 * or table name: one containing the other (整改率% → 整改率), a slip within a third of the name
 * (合记 → 合计), or one word of a two-word name swapped for another (发现时间 → 发现日期, the
 * other word kept as the start or the end). None when nothing is that close.
 */
export function closestNames(name: string, names: readonly string[], limit = 3): string[] {
  const candidates = [...new Set(names)].filter((candidate) => candidate !== '');
  if ([...name].length >= 2) {
    const containing = candidates.find((candidate) => candidate.includes(name) || name.includes(candidate));
    if (containing) return [containing];
  }
  const scored = candidates
    .map((candidate) => ({ candidate, score: editDistance(name, candidate) }))
    .filter(({ candidate, score }) => isClose(name, candidate, score));
  const best = Math.min(...scored.map((item) => item.score));
  return scored
    .filter((item) => item.score === best)
    .map((item) => item.candidate)
    .slice(0, limit);
}

function isClose(name: string, candidate: string, distance: number): boolean {
  const [x, y] = [[...name], [...candidate]];
  const longer = Math.max(x.length, y.length);
  if (distance <= Math.max(1, Math.floor(y.length / 3))) return true;
  let prefix = 0;
  while (prefix < Math.min(x.length, y.length) && x[prefix] === y[prefix]) prefix++;
  let suffix = 0;
  while (suffix < Math.min(x.length, y.length) && x[x.length - 1 - suffix] === y[y.length - 1 - suffix]) suffix++;
  return distance <= Math.floor(longer / 2) && Math.max(prefix, suffix) >= Math.ceil(longer / 2);
}

function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++)
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[y.length]!;
}

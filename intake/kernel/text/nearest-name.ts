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

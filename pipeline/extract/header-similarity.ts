/**
 * How close two header texts are, for the last resort of header matching: units retype
 * "检查计算机数量(台)" as "检查计算机数（台）" or "计算机检查数(台)". Both texts are folded
 * (headerKey), the words that carry no meaning in these headers (数量/数/的/其中) dropped, and
 * the Dice coefficient of their character bigrams computed: 1 = same, 0 = nothing shared.
 */

const FILLER = /数量|数目|总数|个数|情况|数|的/gu;

function core(folded: string): string {
  return folded.replace(FILLER, '');
}

function bigrams(text: string): Map<string, number> {
  const grams = new Map<string, number>();
  const chars = [...text];
  if (chars.length === 1) grams.set(chars[0]!, 1);
  for (let index = 0; index + 1 < chars.length; index++) {
    const gram = chars[index]! + chars[index + 1]!;
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}

/**
 * Scores already computed: every unit's table repeats the same header texts, so one analysis
 * child meets the same pairs message after message. Bounded; emptied when full.
 */
const known = new Map<string, number>();
const KNOWN_MAX = 50_000;

/** Similarity of two folded header texts, 0 to 1. */
export function headerSimilarity(a: string, b: string): number {
  if (a === b) return a === '' ? 0 : core(a) === '' ? 0 : 1;
  const pair = `${a}\u0000${b}`;
  let score = known.get(pair);
  if (score === undefined) {
    if (known.size >= KNOWN_MAX) known.clear();
    score = dice(a, b);
    known.set(pair, score);
  }
  return score;
}

function dice(a: string, b: string): number {
  const left = core(a);
  const right = core(b);
  if (left === '' || right === '') return 0;
  if (left === right) return 1;
  const x = bigrams(left);
  const y = bigrams(right);
  let shared = 0;
  for (const [gram, count] of x) shared += Math.min(count, y.get(gram) ?? 0);
  const total = [...x.values()].reduce((s, n) => s + n, 0) + [...y.values()].reduce((s, n) => s + n, 0);
  return total === 0 ? 0 : (2 * shared) / total;
}

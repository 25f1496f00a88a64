/**
 * A title's lines as the page prints them. GB/T 9704-2012 (7.3.3): 标题回行时，要做到词意完整，排列
 * 对称，长短适宜. A line the clerk wrote that does not fit one printed line would be wrapped by the
 * word processor wherever the line is full — in the middle of a word (…整治工 / 作中). Such a line
 * is broken here instead: between words, into lines of nearly equal length. Lines that fit are
 * kept as the clerk broke them. Pure.
 */
import { TEXT_WIDTH } from './official-format.js';

/** Characters of 2号 (22 pt) type in the 156 mm 版心: 442 pt / 22 pt. */
export const TITLE_CHARS = Math.floor(TEXT_WIDTH.portrait / 20 / 22);

/** Punctuation that closes, and words that lean on the word before them: never the first of a line. */
const NO_LINE_START = /^[，。、；：？！）》」』”’%‰·…—的之中等们了]/u;
/** Punctuation that opens: never the last of a line. */
const NO_LINE_END = /[（《「『“‘]$/u;
const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u2014\u2026\u201c\u201d\u2018\u2019]/u;

/**
 * Width in characters of the title's size: Chinese 1, digits and letters ½, and ¼ more where a
 * digit or letter meets Chinese (the space Word and LibreOffice put between the two).
 */
export function titleWidth(text: string): number {
  let width = 0;
  let previousWide: boolean | null = null;
  for (const char of text) {
    const wide = WIDE.test(char);
    width += wide ? 1 : 0.5;
    if (previousWide !== null && wide !== previousWide && /\S/u.test(char)) width += 0.25;
    previousWide = wide;
  }
  return width;
}

/** Where a line may break: between words (Intl.Segmenter), not inside a number or before a particle. */
function breakPoints(line: string): number[] {
  const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh-CN', { granularity: 'word' }) : null;
  const starts = segmenter ? [...segmenter.segment(line)].map((part) => part.index) : [...line].map((_, index) => index);
  return starts.filter((at) => {
    if (at === 0) return false;
    const before = line.slice(0, at);
    const after = line.slice(at);
    // 2026 | 年: a number keeps what it counts.
    if (/[0-9A-Za-z]$/u.test(before)) return false;
    return !NO_LINE_START.test(after) && !NO_LINE_END.test(before);
  });
}

/** The line cut at `count - 1` of its break points: each part fits, and the parts are as even as can be. */
function evenParts(line: string, count: number, capacity: number): string[] | null {
  const points = [0, ...breakPoints(line), line.length];
  const ideal = titleWidth(line) / count;
  // best[i][k]: the least squared unevenness of cutting line[0, points[i]) into k parts.
  const best: number[][] = points.map(() => Array<number>(count + 1).fill(Number.POSITIVE_INFINITY));
  const from: number[][] = points.map(() => Array<number>(count + 1).fill(-1));
  best[0]![0] = 0;
  for (let end = 1; end < points.length; end++)
    for (let parts = 1; parts <= count; parts++)
      for (let start = 0; start < end; start++) {
        if (best[start]![parts - 1] === Number.POSITIVE_INFINITY) continue;
        const width = titleWidth(line.slice(points[start], points[end]));
        if (width > capacity) continue;
        const cost = best[start]![parts - 1]! + (width - ideal) ** 2;
        if (cost < best[end]![parts]!) {
          best[end]![parts] = cost;
          from[end]![parts] = start;
        }
      }
  const last = points.length - 1;
  if (best[last]![count] === Number.POSITIVE_INFINITY) return null;
  const cuts: number[] = [];
  for (let at = last, parts = count; parts > 0; parts--) {
    cuts.unshift(points[at]!);
    at = from[at]![parts]!;
  }
  return cuts.map((end, index) => line.slice(index === 0 ? 0 : cuts[index - 1], end));
}

/** One line as printed lines: itself when it fits, else cut evenly between words (by characters when no word boundary serves). */
function printedLines(line: string, capacity: number): string[] {
  const width = titleWidth(line);
  if (width <= capacity) return [line];
  for (let count = Math.ceil(width / capacity); count <= Math.ceil(width / capacity) + 2; count++) {
    const parts = evenParts(line, count, capacity);
    if (parts) return parts;
  }
  // No break between words fits (a very long word): the word processor's own wrapping.
  return [line];
}

export function titleLines(lines: readonly string[], capacity = TITLE_CHARS): string[] {
  return lines.flatMap((line) => printedLines(line, capacity));
}

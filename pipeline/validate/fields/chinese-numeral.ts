/**
 * Chinese numerals as people write them in count cells: 十二, 三, 两, 零, 二十五, 一百零三,
 * 一千二百, 壹拾贰 (the financial forms). Only whole, non-negative numbers below 一万亿 are read;
 * anything else (若干, 多, 十几, 三四, 一二) is not a number and stays an error for the caller.
 */

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const LARGE_UNITS: Record<string, number> = { 万: 10_000, 萬: 10_000, 亿: 100_000_000, 億: 100_000_000 };

/** The value of a Chinese numeral, or null when the text is not one. */
export function parseChineseNumeral(text: string): number | null {
  if (text === '' || ![...text].every((char) => char in DIGITS || char in SMALL_UNITS || char in LARGE_UNITS)) return null;
  if (!/[十拾百佰千仟万萬亿億]/u.test(text))
    // Digits side by side ("三四", "一两") mean "three or four", not 34.
    return text.length === 1 ? DIGITS[text]! : null;
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastSmall = Number.POSITIVE_INFINITY;
  let lastLarge = Number.POSITIVE_INFINITY;
  let zeroPending = false;
  for (const char of text) {
    if (char in DIGITS) {
      // Two digits in a row ("三四") is a range, not a number; 零 only marks a gap.
      if (digit !== null && !(DIGITS[char] === 0 || zeroPending)) return null;
      if (DIGITS[char] === 0) {
        zeroPending = true;
        continue;
      }
      if (digit !== null) return null;
      digit = DIGITS[char]!;
      continue;
    }
    if (char in SMALL_UNITS) {
      const unit = SMALL_UNITS[char]!;
      if (unit >= lastSmall) return null;
      // 十二 at the start of a section means 一十二.
      if (digit === null && !(unit === 10 && section === 0)) return null;
      section += (digit ?? 1) * unit;
      digit = null;
      lastSmall = unit;
      zeroPending = false;
      continue;
    }
    const unit = LARGE_UNITS[char]!;
    if (unit >= lastLarge) return null;
    section += digit ?? 0;
    if (section === 0) return null;
    total += section * unit;
    section = 0;
    digit = null;
    lastSmall = Number.POSITIVE_INFINITY;
    lastLarge = unit;
    zeroPending = false;
  }
  // "二百五" is colloquial for 250; in a statistics cell it is ambiguous, so refuse it.
  if (digit !== null && lastSmall !== Number.POSITIVE_INFINITY && lastSmall > 10 && !zeroPending) return null;
  return total + section + (digit ?? 0);
}

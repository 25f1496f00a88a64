/**
 * Dates as notices write them: 2026年5月20日, 二〇二六年五月二十日 (a 成文日期 in Chinese numerals),
 * 6月20日 (a deadline without its year), 2013年8月18日18时 / 17:30 / 下午5点半. Pure.
 */
import { parseChineseNumeral } from '../../validate/fields/chinese-numeral.js';

const YEAR_DIGITS: Readonly<Record<string, string>> = {
  〇: '0',
  零: '0',
  O: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

/** 2013, 二〇一三 → 2013. */
export function yearValue(text: string): number | null {
  if (/^\d{4}$/u.test(text)) return Number(text);
  const digits = [...text].map((char) => YEAR_DIGITS[char]);
  return digits.length === 4 && digits.every((digit) => digit !== undefined) ? Number(digits.join('')) : null;
}

/** 18, 十八, 二十 → the number. */
export function smallNumber(text: string): number | null {
  if (/^\d{1,2}$/u.test(text)) return Number(text);
  return parseChineseNumeral(text);
}

export const CN_NUMBER = '[\\d一二三四五六七八九十〇零两]{1,3}';
export const CN_YEAR = '(?:\\d{4}|[〇零一二三四五六七八九]{4})';

/** A date alone on a line: 2026年5月20日, 二〇二六年五月二十日. */
export function lineDate(text: string): { year: number; month: number; day: number } | null {
  const match = new RegExp(`^(${CN_YEAR})年(${CN_NUMBER})月(${CN_NUMBER})日$`, 'u').exec(text.trim());
  if (!match) return null;
  return validDate(yearValue(match[1]!), smallNumber(match[2]!), smallNumber(match[3]!));
}

export function validDate(
  year: number | null,
  month: number | null,
  day: number | null,
): { year: number; month: number; day: number } | null {
  if (year === null || month === null || day === null) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? { year, month, day } : null;
}

export const isoDate = (date: { year: number; month: number; day: number }) =>
  `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

export function weekday(date: { year: number; month: number; day: number }): string {
  return WEEKDAYS[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()]!;
}

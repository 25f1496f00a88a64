import { describe, expect, it } from 'vitest';
import { parseChineseNumeral } from './chinese-numeral.js';

describe('parseChineseNumeral', () => {
  it.each([
    ['零', 0],
    ['〇', 0],
    ['三', 3],
    ['两', 2],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十五', 25],
    ['一百', 100],
    ['一百零三', 103],
    ['一百一十', 110],
    ['一千零一', 1001],
    ['一千二百三十四', 1234],
    ['两千', 2000],
    ['一万', 10000],
    ['一万零五百', 10500],
    ['壹拾贰', 12],
    ['贰佰', 200],
  ])('%s → %d', (text, value) => expect(parseChineseNumeral(text)).toBe(value));
  it.each(['若干', '多', '十几', '三四', '二百五', '百', '十十', '几', '', '一百二十三四', '万', '一二'])('%s is not a number', (text) => {
    expect(parseChineseNumeral(text)).toBeNull();
  });
});

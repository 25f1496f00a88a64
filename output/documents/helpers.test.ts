import { describe, expect, it } from 'vitest';
import { COMPILE_OPTIONS, createEnvironment } from './handlebars-env.js';
import { atMost, chineseDate, chineseDateTime, countOf, endWith, joinList, numberWithUnit } from './helpers.js';
import { protect, unprotect } from './protected-text.js';

describe('helpers', () => {
  it('writes dates as 2013年8月20日, in Beijing time', () => {
    expect(chineseDate('2013-08-20T02:00:00.000Z')).toBe('2013年8月20日');
    // 17:00 UTC on the 19th is already the 20th in Beijing.
    expect(chineseDate('2013-08-19T17:00:00Z')).toBe('2013年8月20日');
    expect(chineseDate('2013-08-05')).toBe('2013年8月5日');
    expect(chineseDate('')).toBe('');
  });

  it('writes times as 2013年8月18日18时, with minutes only when there are any', () => {
    expect(chineseDateTime('2013-08-18T18:00:00+08:00')).toBe('2013年8月18日18时');
    expect(chineseDateTime('2013-08-19T01:31:00Z')).toBe('2013年8月19日9时31分');
  });

  it('joins lists with 、 and 和 (or 及)', () => {
    expect(joinList(['庞村镇', '李村镇', '寇店镇'])).toBe('庞村镇、李村镇和寇店镇');
    expect(joinList(['庞村镇', '李村镇'])).toBe('庞村镇和李村镇');
    expect(joinList(['庞村镇'])).toBe('庞村镇');
    expect(joinList([])).toBe('');
    expect(joinList(['甲', '乙', '丙'], { and: '及' })).toBe('甲、乙及丙');
    expect(joinList([{ unit: '甲' }, { unit: '乙' }])).toBe('甲和乙');
    expect(joinList([{ title: '甲', unit: '乙' }], { key: 'title' })).toBe('甲');
  });

  it('counts and writes numbers with their units', () => {
    expect(countOf([1, 2, 3], '个单位')).toBe('3个单位');
    expect(countOf([])).toBe('0');
    expect(numberWithUnit(12, '台')).toBe('12台');
    expect(numberWithUnit(0, '个')).toBe('0个');
    expect(numberWithUnit('', '个')).toBe('');
  });

  it('are the only helpers a template can call, and work on protected text', () => {
    const env = createEnvironment();
    const render = (source: string, data: object) => unprotect(env.compile(source, COMPILE_OPTIONS)(data));
    const data = {
      units: [{ unit: protect('庞村镇') }, { unit: protect('李村镇') }, { unit: protect('寇店镇') }],
      at: '2013-08-20T02:00:00Z',
      n: 5,
      unit: protect('台'),
    };
    expect(render('{{join units}}；{{count units "个单位"}}；{{date at}}；{{datetime at}}；{{number n unit}}', data)).toBe(
      '庞村镇、李村镇和寇店镇；3个单位；2013年8月20日；2013年8月20日10时；5台',
    );
    expect(render('{{join units and="及"}}', data)).toBe('庞村镇、李村镇及寇店镇');
    expect(() => env.compile('{{lookup units 0}}', COMPILE_OPTIONS)(data)).toThrow();
    expect(() => env.compile('{{upper n}}', COMPILE_OPTIONS)(data)).toThrow(/unknown helper upper/);
  });

  it('tests a number or a list length against a limit the template writes (atMost)', () => {
    expect(atMost(200, 200)).toBe(true);
    expect(atMost(201, 200)).toBe(false);
    expect(atMost([1, 2], 2)).toBe(true);
    expect(atMost([1, 2, 3], 2)).toBe(false);
    expect(atMost('', 200)).toBe(false);
    expect(atMost(protect('12'), 200)).toBe(true);
    expect(atMost(5, 'x')).toBe(false);
    const env = createEnvironment();
    const render = (source: string, data: object) => unprotect(env.compile(source, COMPILE_OPTIONS)(data));
    const source = '{{#if (atMost rows 200)}}全部印出{{else}}共{{rows}}行，见汇总表{{/if}}';
    expect(render(source, { rows: 37 })).toBe('全部印出');
    expect(render(source, { rows: 50000 })).toBe('共50000行，见汇总表');
  });

  it('ends a text in a word once (endWith): 进展情况 stays, 大检查 becomes 大检查情况', () => {
    expect(endWith('重点项目建设进展情况', '情况')).toBe('重点项目建设进展情况');
    expect(endWith('安全生产大检查', '情况')).toBe('安全生产大检查情况');
    // A data value keeps its protection; the word from the template is added outside it.
    expect(endWith(protect('进展情况'), '情况')).toBe(protect('进展情况'));
    expect(endWith(protect('大检查'), '情况')).toBe(`${protect('大检查')}情况`);
    const env = createEnvironment();
    const render = (source: string, data: object) => unprotect(env.compile(source, COMPILE_OPTIONS)(data));
    expect(render('关于{{endWith title "情况"}}的汇总报告', { title: protect('隐患排查整治工作') })).toBe(
      '关于隐患排查整治工作情况的汇总报告',
    );
  });

  it('never compiles data: braces in a value come out as written', () => {
    const env = createEnvironment();
    const out = env.compile('【正文】{{remark}}', COMPILE_OPTIONS)({ remark: protect('{{campaign.title}} {{#each x}}') });
    expect(unprotect(out)).toBe('【正文】{{campaign.title}} {{#each x}}');
  });
});

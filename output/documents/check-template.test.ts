import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { bundledCampaignDir } from '../../intake/kernel/package-root.js';
import { demoCampaign } from '../../test/support/demo-campaign.js';
import { fixtureCampaign } from '../../test/support/fixture-campaigns.js';
import { withUpwardLetterhead } from '../../test/support/upward-letterhead.js';
import { checkTemplate, templateLines } from './check-template.js';
import { DOCUMENT_KINDS, SUMMARY, TEMPLATES_DIR } from './documents.js';
import { TABLE_NAMES, tableNames } from './named-tables.js';
import { type ObjectShape, templateFields } from './template-fields.js';

let campaign: Campaign;
let fields: ObjectShape;
beforeAll(async () => {
  campaign = await demoCampaign();
  fields = templateFields(campaign);
});

const check = (source: string) => checkTemplate(source, fields, TABLE_NAMES);

describe('checkTemplate', () => {
  it('catches what prints wrong without any Handlebars error', () => {
    // A named option written as a positional argument: join ignores it.
    expect(check('【正文】{{join late "、"}}')).toEqual([{ line: 1, column: 17, message: expect.stringContaining('separator="、"') }]);
    // number on a text field.
    expect(check('【正文】{{number campaign.title "个"}}')[0]?.message).toBe(
      '函数「number」的参数应为数字字段，例如 totals.departments，「campaign.title」是文字',
    );
    // Full-width braces from a Chinese input method, once per line.
    expect(check('【正文】截至｛｛date generatedAt｝｝')).toEqual([{ line: 1, column: 7, message: expect.stringContaining('全角大括号') }]);
    // Single braces.
    expect(check('【正文】{campaign.title}')).toEqual([
      { line: 1, column: 5, message: '单个大括号「{campaign.title}」不会填入数据，数据字段要写成两层大括号「{{campaign.title}}」' },
    ]);
    expect(check('{{!-- 注释里的 {x} 和 ｛｛ 不算 --}}\n【正文】x')).toEqual([]);
  });

  it('takes endWith with a text field and the word it ends in', () => {
    expect(check('【标题】关于{{endWith campaign.title "情况"}}的汇总报告')).toEqual([]);
    expect(check('【正文】{{endWith campaign.title}}')[0]?.message).toContain('需要两个参数');
    expect(check('【正文】{{endWith counts.units "个"}}')[0]?.message).toBe(
      '函数「endWith」的参数应为文字字段，例如 campaign.title，「counts.units」是数字',
    );
  });

  it('takes atMost as a test in {{#if}}, with a number (or list) and a limit', () => {
    expect(
      check('{{#each tableList}}{{#if (atMost rows 200)}}【表格】{{name}}{{else}}【正文】{{rows}}行，见“{{sheet}}”工作表{{/if}}{{/each}}'),
    ).toEqual([]);
    expect(check('{{#if (atMost late 3)}}【正文】少{{/if}}')).toEqual([]);
    expect(check('【正文】{{atMost counts.late 3}}')[0]?.message).toContain('是一个判断，要写在块中');
    expect(check('{{#if (atMost campaign.title 3)}}【正文】x{{/if}}')[0]?.message).toBe(
      '函数「atMost」的参数应为数字字段或列表，例如 rows，「campaign.title」是文字',
    );
    expect(check('{{#if (atMost counts.late)}}【正文】x{{/if}}')[0]?.message).toContain('需要两个参数');
  });

  it('reports every block error at once, with the markup mistakes around them', () => {
    const issues = check('{{#if late}}\n【正文】a\n{{#each missing}}\n【正文】b\n{{/if}}\n{{/each}}\n正文没有标记\n{{#unless pending}}');
    expect(issues.map((issue) => `${issue.line}:${issue.message}`)).toEqual([
      '3:块 {{#each}} 没有结束，缺少 {{/each}}',
      '6:多余的块结尾 {{/…}}：前面没有对应的 {{#…}}',
      expect.stringMatching(/^7:/),
      '8:块 {{#unless}} 没有结束，缺少 {{/unless}}',
    ]);
  });

  it('passes the default templates', async () => {
    for (const kind of DOCUMENT_KINDS) {
      const source = await readFile(join(bundledCampaignDir(), TEMPLATES_DIR, kind.template), 'utf8');
      expect(check(source), kind.template).toEqual([]);
      expect(check(source.replace(/\n/g, '\r\n')), `${kind.template} with CRLF`).toEqual([]);
    }
    // The summary's upward-document 版头 (【签发人】), switched on as the clerk would.
    const summary = withUpwardLetterhead(await readFile(join(bundledCampaignDir(), TEMPLATES_DIR, SUMMARY.template), 'utf8'));
    expect(summary).toContain('\n【签发人】');
    expect(check(summary)).toEqual([]);
    expect(check('【文号】某办〔2013〕5号\n【签发人】')).toEqual([{ line: 2, column: 1, message: '【签发人】后面没有内容' }]);
  });

  it('finds an unknown field, with its line and column and the field meant', () => {
    expect(check('【标题】关于\n【正文】{{campaign.titel}}的通知')).toEqual([
      { line: 2, column: 7, message: '没有「campaign.titel」这个字段（是不是「campaign.title」？）' },
    ]);
    expect(check('【正文】{{nothing}}')).toEqual([{ line: 1, column: 7, message: '没有「nothing」这个字段' }]);
  });

  it('follows {{#each}} into the items, and knows @index, @root and ../', () => {
    expect(
      check('{{#each late}}\n【正文】{{@index}}{{unit}}{{@root.campaign.title}}{{../campaign.title}}{{values.departments}}\n{{/each}}'),
    ).toEqual([]);
    expect(check('{{#each late}}\n【正文】{{untit}}\n{{/each}}')).toEqual([
      { line: 2, column: 7, message: '没有「untit」这个字段（是不是「unit」？）' },
    ]);
    expect(check('{{#each late}}\n【正文】{{campaign.title}}\n{{/each}}')[0]?.message).toContain('@root.campaign.title');
    expect(check('{{#each measures}}{{#each parts}}【正文】{{label}}{{number value ../unit}}{{/each}}{{/each}}')).toEqual([]);
    expect(check('【正文】{{@index}}')[0]?.message).toBe('「@index」只能用在 {{#each}} 中');
  });

  it('knows the statistics table columns of the campaign', () => {
    expect(check('【正文】{{totals.computersClassified}}')).toEqual([]);
    expect(check('【正文】{{totals.computers}}')[0]?.message).toContain('没有「totals.computers」这个字段');
  });

  it('finds an unclosed block where it opens', () => {
    expect(check('【正文】开头\n{{#if late}}\n【正文】有逾期\n')).toEqual([
      { line: 2, column: 1, message: '块 {{#if}} 没有结束，缺少 {{/if}}' },
    ]);
    expect(check('{{#if late}}\n【正文】x\n{{/each}}')).toEqual([
      { line: 1, column: 4, message: '块的开头 {{#if}} 与结尾 {{/each}} 不对应' },
    ]);
    expect(check('【正文】x\n{{/if}}')).toEqual([{ line: 2, column: 1, message: '多余的块结尾 {{/…}}：前面没有对应的 {{#…}}' }]);
  });

  it('finds unknown helpers and helpers given the wrong kind of field', () => {
    expect(check('【正文】{{upper campaign.title}}')).toEqual([
      { line: 1, column: 7, message: '不认识的函数「upper」，可用的函数：date、datetime、join、count、number、atMost、endWith' },
    ]);
    expect(check('【正文】{{dat generatedAt}}')[0]?.message).toContain('是不是「date」');
    expect(check('【正文】{{join counts.units}}')[0]?.message).toBe(
      '函数「join」的参数应为列表，例如 circular.missing，「counts.units」是数字',
    );
    expect(check('【正文】{{join late and="及" with="x"}}')[0]?.message).toContain('没有「with=」这个选项');
    expect(check('{{#date generatedAt}}{{/date}}')[0]?.message).toContain('不能写成块');
    expect(check('【正文】{{lookup late 0}}')[0]?.message).toContain('不认识的函数「lookup」');
  });

  it('refuses to print a list or a group as it is', () => {
    expect(check('【正文】{{late}}')[0]?.message).toBe(
      '「late」是列表，不能直接写入；请用 {{#each late}}…{{/each}} 逐项写出，或用 {{join late}}',
    );
    expect(check('【正文】{{campaign}}')[0]?.message).toContain('「campaign」是一组字段');
  });

  it('finds markup lines without a known marker, in the template itself', () => {
    expect(check('【正文】好\n正文没有标记\n【正文】{{#if late}}x{{/if}}\n【题目】错')).toEqual([
      { line: 2, column: 1, message: expect.stringContaining('这一行没有以标记开头') },
      { line: 4, column: 1, message: expect.stringContaining('不认识的标记【题目】') },
    ]);
    expect(check('{{campaign.title}}通知')).toEqual([{ line: 1, column: 1, message: expect.stringContaining('行首缺少标记') }]);
    expect(check('【标题】')).toEqual([{ line: 1, column: 1, message: '【标题】后面没有内容' }]);
    expect(check('【表格】总表')[0]?.message).toBe('没有名为「总表」的表格，可用的表格：各单位统计表、合计表');
    expect(check('{{!-- 注释\n不是正文 --}}\n{{#each late}}\n【表行】{{unit}}\n{{/each}}')).toEqual([]);
  });

  it('reports an unclosed }} once, on its own line, not again on the next line', () => {
    expect(check('【标题】关于{{campaign.title}\n【正文】截至{{date generatedAt}}，好。\n【正文】第三行')).toEqual([
      { line: 1, column: expect.any(Number), message: expect.any(String) },
    ]);
  });

  it('reads the template lines as the parser will: values are literal, tags vanish', () => {
    expect(templateLines('【正文】{{a}}x{{#if b}}y{{/if}}')).toEqual([
      [
        { text: '【正文】', literal: false, column: 0 },
        { text: '…', literal: true, column: 4 },
        { text: 'x', literal: false, column: 9 },
        { text: 'y', literal: false, column: 19 },
      ],
    ]);
  });

  it('checks fields of a campaign whose campaign.yaml is broken, except the table columns', () => {
    expect(checkTemplate('【正文】{{totals.anything}}{{campaign.titel}}', templateFields(null), TABLE_NAMES)).toEqual([
      { line: 1, column: 26, message: expect.stringContaining('campaign.titel') },
    ]);
  });
});

describe('checkTemplate on a list table’s rows', () => {
  let listFields: ObjectShape;
  let names: string[];
  beforeAll(async () => {
    const listCampaign = await fixtureCampaign('yinhuan-2026');
    listFields = templateFields(listCampaign);
    names = tableNames(listCampaign);
  });
  const checkList = (source: string) => checkTemplate(source, listFields, names);

  it('takes a row’s values with their column’s type: numbers for number, dates for date, and the row’s index', () => {
    expect(
      checkList(
        '{{#each units}}{{#each tables.重大隐患整改台账.rows}}\n【正文】{{index}}.{{隐患地点}}{{date 发现日期}}{{number 整改资金 "万元"}}{{number 序号}}{{text.整改资金}}\n{{/each}}{{/each}}',
      ),
    ).toEqual([]);
    expect(
      checkList('{{#each units}}{{#each tables.重大隐患整改台账.rows}}\n【正文】{{number 隐患地点}}{{隐患名}}\n{{/each}}{{/each}}'),
    ).toEqual([
      { line: 2, column: 14, message: '函数「number」的参数应为数字字段，例如 totals.departments，「隐患地点」是文字' },
      { line: 2, column: 22, message: '没有「隐患名」这个字段' },
    ]);
  });
});

describe('checkTemplate with a block left open', () => {
  it('still checks the rest: unknown functions and fields before and after it, at their own lines and columns', () => {
    const source = [
      '【正文】{{campaign.titel}}',
      '【正文】{{sum counts.units}}和{{#if counts.late}}有逾期',
      '【正文】{{countz.units}}，{{date generatedAt}}',
      '{{#each late}}【正文】{{unit}}{{uint}}{{/each}}',
    ].join('\n');
    expect(check(source)).toEqual([
      { line: 1, column: 7, message: '没有「campaign.titel」这个字段（是不是「campaign.title」？）' },
      { line: 2, column: 7, message: expect.stringContaining('不认识的函数「sum」') },
      { line: 2, column: 26, message: '块 {{#if}} 没有结束，缺少 {{/if}}' },
      { line: 3, column: 7, message: '没有「countz」这个字段（是不是「counts」？）' },
      { line: 4, column: 29, message: '没有「uint」这个字段（是不是「unit」？）' },
    ]);
  });

  it('keeps columns right after a closing tag it had to add, and guesses no fields in an {{#each}} whose end is unknown', () => {
    // {{#each}} closed by the {{/if}}: its end is a guess, so its fields go unchecked; the text after is checked.
    expect(
      check('【正文】{{#if late}}{{#each late}}{{unit}}{{/if}}{{campaign.titel}}').map((issue) => [
        issue.line,
        issue.column,
        issue.message,
      ]),
    ).toEqual([
      [1, 17, '块 {{#each}} 没有结束，缺少 {{/each}}'],
      [1, 48, '没有「campaign.titel」这个字段（是不是「campaign.title」？）'],
    ]);
    // A mismatched end is read as the end of the block it closes; a stray end is ignored.
    expect(
      check('【正文】{{#if late}}x{{/each}}{{campaign.titel}}\n【正文】{{/if}}{{upper late}}').map((issue) => [
        issue.line,
        issue.column,
        issue.message.slice(0, 5),
      ]),
    ).toEqual([
      [1, 8, '块的开头 '],
      [1, 29, '没有「ca'],
      [2, 5, '多余的块结'],
      [2, 14, '不认识的函'],
    ]);
    // Inside an unclosed {{#each}}, fields are not guessed at; functions still are.
    expect(check('{{#each late}}\n【正文】{{unitt}}{{upper unit}}').map((issue) => issue.message)).toEqual([
      '块 {{#each}} 没有结束，缺少 {{/each}}',
      expect.stringContaining('不认识的函数「upper」'),
    ]);
  });
});

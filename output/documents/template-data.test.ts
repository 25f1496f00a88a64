import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { NO_DECISIONS } from '../../intake/kernel/campaign/decisions.js';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { unsentTable } from '../../pipeline/merge/table-results.js';
import { demoCampaign } from '../../test/support/demo-campaign.js';
import { fixtureCampaign } from '../../test/support/fixture-campaigns.js';
import { mergeResult } from '../../test/support/merge-fixture.js';
import { PROTECT_END, PROTECT_START } from './protected-text.js';
import { renderOfficialDocument } from './render-document.js';
import { buildTemplateData, circularTemplateData, measureName, protectData, type TemplateData } from './template-data.js';
import { fieldRows, type Shape, templateFields } from './template-fields.js';

let campaign: Campaign;
let data: TemplateData;
beforeAll(async () => {
  campaign = await demoCampaign();
  const result = mergeResult(campaign, {
    寇店镇: { status: 'late', firstReceivedAt: '2013-08-19T01:31:00Z', values: { computersClassified: 2, computersUnclassified: 30 } },
    佃庄镇: { status: 'missing' },
    区国土资源分局: { status: 'missing' },
    区经济发展局: { status: 'invalid' },
    区规划建设局: { status: 'incomplete', report: null },
    区招商局: { status: 'incomplete' },
    区财政局: { status: 'onTime', report: '很短的报告' },
    区公安分局: { status: 'onTime', values: { remarks: '{{campaign.title}}【标题】' } },
    区安全生产监督管理局: { status: 'pending' },
  });
  data = buildTemplateData({ campaign, result, decisions: NO_DECISIONS, generatedAt: result.asOf! });
});

/** Every path of the shape is in the data with the right kind of value, and nothing else is. */
function conformance(value: unknown, shape: Shape, path: string): string[] {
  switch (shape.kind) {
    case 'text':
      return typeof value === 'string' ? [] : [`${path}: expected text, got ${JSON.stringify(value)}`];
    case 'number':
      return typeof value === 'number' ? [] : [`${path}: expected number, got ${JSON.stringify(value)}`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${path}: expected boolean`];
    case 'date':
      return typeof value === 'string' && (value === '' || !Number.isNaN(Date.parse(value)))
        ? []
        : [`${path}: expected a time, got ${JSON.stringify(value)}`];
    case 'list':
      return Array.isArray(value)
        ? value.flatMap((item, index) => conformance(item, shape.item, `${path}[${index}]`))
        : [`${path}: expected a list`];
    case 'object': {
      if (value === null || typeof value !== 'object') return [`${path}: expected an object`];
      const record = value as Record<string, unknown>;
      // An item of a list over the campaign's tables names its columns by each table's own keys.
      const open = shape.anyColumn === true;
      const extra = Object.keys(record)
        .filter((key) => !open && !(key in shape.fields))
        .map((key) => `${path}.${key}: not in template-fields.ts`);
      // A column value may be blank ('') where the unit sent no table.
      const fields = Object.entries(shape.fields).flatMap(([key, field]) =>
        !(key in record)
          ? [`${path}.${key}: missing`]
          : shape.columns && record[key] === ''
            ? []
            : conformance(record[key], field, `${path}.${key}`),
      );
      return [...extra, ...fields];
    }
  }
}

describe('buildTemplateData', () => {
  it('produces exactly the documented fields', () => {
    expect(conformance(data, templateFields(campaign), 'data')).toEqual([]);
  });

  it('counts and lists the units by how they reported', () => {
    expect(data.counts).toMatchObject({
      units: 18,
      reported: 15,
      onTime: 14,
      late: 1,
      missing: 2,
      pending: 1,
      incomplete: 2,
      invalid: 1,
      counted: 12,
      excluded: 1,
    });
    expect(data.late.map((unit) => [unit.index, unit.unit])).toEqual([[1, '寇店镇']]);
    expect(data.missing.map((unit) => unit.unit)).toEqual(['佃庄镇', '区国土资源分局']);
    expect(data.units.find((unit) => unit.unit === '佃庄镇')).toMatchObject({
      reported: false,
      firstReceivedAt: '',
      values: { departments: '' },
    });
    expect(data.invalid[0]!.errors).toEqual(['「检查计算机数量(台)·涉密」：填写为「若干」，不是数字，应为非负整数']);
  });

  it('sums the items for sentences and tables', () => {
    const computers = data.measures.find((measure) => measure.label === '检查计算机数量(台)')!;
    expect(computers).toMatchObject({
      name: '检查计算机',
      unit: '台',
      parts: [
        { label: '涉密', value: 13 },
        { label: '非涉密', value: 41 },
      ],
    });
    expect(computers.total).toBe(54);
    expect(data.totals.computersClassified).toBe(13);
    expect(measureName('检查机关、单位内设部门数量(个)')).toBe('检查机关、单位内设部门');
  });

  it('flags short reports and maps the checklist', () => {
    expect(data.flaggedReports.map((unit) => unit.unit)).toEqual(['区财政局']);
    expect(data.checklist[0]).toMatchObject({ title: '政府信息公开保密审查制度建设情况', missing: ['区财政局'] });
    expect(data.counts.reportsReceived).toBe(14);
  });

  it('dates the documents by the data, and takes the document prefix from the notice number', () => {
    expect(data.generatedAt).toBe('2013-08-20T02:00:00.000Z');
    expect(data.year).toBe(2013);
    expect(data.campaign.documentPrefix).toBe('伊滨办');
    expect(data.circular.draft).toBe(true);
  });

  it('gives the circular’s part alone as the whole data has it (the console’s 通报 page reads only that)', () => {
    const result = mergeResult(campaign, { 寇店镇: { status: 'late' }, 佃庄镇: { status: 'missing' } });
    const decisions = { ...NO_DECISIONS, circular: { ...NO_DECISIONS.circular, number: 7, date: '2013-08-25' } };
    const input = { campaign, result, decisions, generatedAt: result.asOf! };
    const alone = circularTemplateData(input);
    expect(alone).toEqual(buildTemplateData(input).circular);
    expect(alone.documentNumber).toBe('伊滨办〔2013〕7号');
    expect(alone.late.length + alone.missing.length).toBeGreaterThan(0);
  });

  it('wraps text as literal for the template, and leaves times and numbers for the helpers', () => {
    const wrapped = protectData(data, templateFields(campaign)) as TemplateData;
    expect(wrapped.campaign.title).toBe(`${PROTECT_START}政府信息公开保密审查专项检查${PROTECT_END}`);
    expect(wrapped.units.find((unit) => unit.unit.includes('区公安分局'))!.values.remarks).toBe(
      `${PROTECT_START}{{campaign.title}}【标题】${PROTECT_END}`,
    );
    expect(wrapped.generatedAt).toBe('2013-08-20T02:00:00.000Z');
    expect(wrapped.counts.units).toBe(18);
  });
});

describe('the README', () => {
  it('documents every template field', async () => {
    const readme = await readFile(join(packageRoot(), 'README.md'), 'utf8');
    const missing = fieldRows(templateFields(campaign))
      .map((row) => row.path)
      .filter((path) => !readme.includes(`\`${path}\``));
    expect(missing).toEqual([]);
  });
});

describe('a list table’s rows (明细表)', () => {
  const LIST = '重大隐患整改台账';
  let listCampaign: Campaign;
  let listData: TemplateData;
  beforeAll(async () => {
    listCampaign = await fixtureCampaign('yinhuan-2026');
    const result = mergeResult(listCampaign, {});
    const table = listCampaign.tables.find((each) => each.name === LIST)!;
    const sent = (rows: Record<string, number | string | null>[]) => ({
      ...unsentTable(table),
      file: '台账.xlsx',
      messageId: 'd'.repeat(64),
      counted: true,
      rows: rows.map((values, index) => ({ location: `第${index + 5}行`, label: '', cells: {}, values, hasErrors: false })),
    });
    const [first, second] = result.units;
    first!.tables[table.key] = sent([
      {
        序号: 1,
        隐患地点: '伊河左岸堤段',
        隐患类别: '城市内涝',
        发现日期: '2026-05-08',
        整改时限: '2026-06-01',
        整改资金: 8.2,
        是否完成整改: '是',
      },
      { 序号: 2, 隐患地点: '老街危房', 隐患类别: '危房', 发现日期: '2026-05-09', 整改时限: null, 整改资金: 3, 是否完成整改: '否' },
    ]);
    second!.tables[table.key] = sent([
      { 序号: null, 隐患地点: '西沟', 隐患类别: '其他', 发现日期: '2026-05-10', 整改时限: null, 整改资金: null, 是否完成整改: null },
    ]);
    listData = buildTemplateData({ campaign: listCampaign, result, decisions: NO_DECISIONS, generatedAt: result.asOf! });
  });

  it('gives each value its column’s type, as a 统计表’s values, with the row’s number in the unit’s list', () => {
    const rows = listData.units[0]!.tables[LIST]!.rows;
    expect(rows[0]).toEqual({
      index: 1,
      序号: 1,
      隐患地点: '伊河左岸堤段',
      隐患类别: '城市内涝',
      发现日期: '2026-05-08',
      整改时限: '2026-06-01',
      整改资金: 8.2,
      是否完成整改: '是',
      text: {
        序号: '1',
        隐患地点: '伊河左岸堤段',
        隐患类别: '城市内涝',
        发现日期: '2026年5月8日',
        整改时限: '2026年6月1日',
        整改资金: '8.20',
        是否完成整改: '是',
      },
    });
    expect(rows[1]).toMatchObject({ index: 2, 整改时限: '', 整改资金: 3 });
    expect(listData.units[1]!.tables[LIST]!.rows[0]).toMatchObject({ index: 1, 序号: '', 整改资金: '' });
    expect(conformance(listData, templateFields(listCampaign), 'data')).toEqual([]);
  });

  it('lets a template print a row’s numbers and dates with the helpers; the 【表格】 still prints them as documents do', async () => {
    const source = [
      `【表头】单位｜序号｜地点｜发现日期｜资金｜印出`,
      `{{#each units}}{{#each tables.${LIST}.rows}}`,
      `【表行】{{../unit}}｜{{index}}｜{{隐患地点}}｜{{date 发现日期}}｜{{number 整改资金 "万元"}}｜{{text.整改资金}}`,
      '{{/each}}{{/each}}',
      `【表格】${LIST}`,
    ].join('\n');
    const rendered = await renderOfficialDocument({ campaign: listCampaign, source, data: listData, title: 't', draft: true });
    if (!rendered.ok) throw new Error(JSON.stringify(rendered.issues));
    const [written, named] = rendered.model.blocks.flatMap((block) =>
      block.kind === 'table' ? [block.table.body.map((row) => row.map((cell) => cell.text).join('｜'))] : [],
    );
    const [unit1, unit2] = listData.units.map((unit) => unit.unit);
    expect(written).toEqual([
      `${unit1}｜1｜伊河左岸堤段｜2026年5月8日｜8.2万元｜8.20`,
      `${unit1}｜2｜老街危房｜2026年5月9日｜3万元｜3.00`,
      `${unit2}｜1｜西沟｜2026年5月10日｜｜`,
    ]);
    expect(named!.slice(0, 3)).toEqual([
      `1｜${unit1}｜伊河左岸堤段｜城市内涝｜2026年5月8日｜2026年6月1日｜8.20｜是｜`,
      `2｜${unit1}｜老街危房｜危房｜2026年5月9日｜｜3.00｜否｜`,
      `3｜${unit2}｜西沟｜其他｜2026年5月10日｜｜｜｜`,
    ]);
  });
});

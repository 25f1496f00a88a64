import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { readRules } from '../../intake/kernel/campaign/rules/read-rules.js';
import { tableSchema } from '../../intake/kernel/campaign/schema/table-schema.js';
import { buildTable } from '../../intake/kernel/campaign/tables.js';
import type { FoundRow, FoundTable } from '../extract/find-table.js';
import { validateTable } from './validate-table.js';

const tables = [
  buildTable(tableSchema.parse({ name: '统计表', columns: [{ label: '重大隐患(处)' }] })),
  buildTable(
    tableSchema.parse({
      name: '重大隐患整改台账',
      kind: '台账',
      columns: [
        { label: '序号' },
        { label: '隐患地点', type: '文字', required: true },
        { label: '发现日期', type: '日期' },
        { label: '整改时限', type: '日期' },
        { label: '是否完成整改', type: '单选' },
      ],
    }),
  ),
];
const campaign: Pick<Campaign, 'rules' | 'tables' | 'deadlineMs'> = {
  tables,
  rules: readRules(['整改时限 >= 发现日期', '行数(重大隐患整改台账) = 重大隐患'], tables).rules,
  deadlineMs: Date.parse('2026-05-25T18:00:00+08:00'),
};

function row(r: number, values: string[]): FoundRow {
  const keys = ['序号', '隐患地点', '发现日期', '整改时限', '是否完成整改'];
  return {
    location: `第${r}行`,
    label: '',
    cells: Object.fromEntries(keys.map((key, c) => [key, { text: values[c] ?? '', address: `${'ABCDE'[c]}${r}` }])),
  };
}

function list(rows: FoundRow[], source = ''): FoundTable {
  return {
    table: '重大隐患整改台账',
    source,
    headerAddress: 'A4',
    unitName: { text: '庞村镇', location: 'A3' },
    date: null,
    rows,
    missingColumns: [],
  };
}

const validate = (found: FoundTable) => {
  const result = validateTable(found, campaign, { file: '台账.xlsx' });
  if (result.kind !== 'list') throw new Error('a 台账 validates as a list');
  return result;
};

describe('validateTable on a list', () => {
  it('reads every row as the columns’ types, and judges the rules inside each row', () => {
    const result = validate(
      list(
        [row(5, ['1', '伊河左岸', '2026.5.8', '5月30日', '是的']), row(6, ['2', '老街排水口', '2026-05-10', '2026-05-01', '否'])],
        '工作表「台账」',
      ),
    );
    expect(result.rows).toEqual([
      {
        location: '工作表「台账」第5行',
        values: { 序号: 1, 隐患地点: '伊河左岸', 发现日期: '2026-05-08', 整改时限: '2026-05-30', 是否完成整改: '是' },
        cells: { 序号: 'A5', 隐患地点: 'B5', 发现日期: 'C5', 整改时限: 'D5', 是否完成整改: 'E5' },
        hasErrors: false,
      },
      expect.objectContaining({ location: '工作表「台账」第6行', hasErrors: true }),
    ]);
    expect(result.problems.map((item) => [item.severity, item.code, item.location])).toEqual([
      ['warning', 'value.normalised', '工作表「台账」D5'],
      ['warning', 'value.normalised', '工作表「台账」E5'],
      ['error', 'rule.failed', '工作表「台账」D6、C6'],
    ]);
    expect(result.problems.at(-1)?.summary).toBe(
      '不符合规则「整改时限 >= 发现日期」：「整改时限」为 2026-05-01，「发现日期」为 2026-05-10，前者应不早于后者',
    );
  });

  it('leaves blank cells blank (no 0 for a list), and refuses a blank required one', () => {
    const result = validate(list([row(5, ['', '', '', '', ''])]));
    expect(result.rows[0]!.values).toEqual({ 序号: null, 隐患地点: null, 发现日期: null, 整改时限: null, 是否完成整改: null });
    expect(result.problems.map((item) => [item.code, item.field])).toEqual([['value.required', '隐患地点']]);
  });

  it('says a row filled in only a few of its columns, naming the empty ones (序号 not counted), as a warning', () => {
    const result = validate(
      list([row(5, ['1', '伊河左岸', '', '', '']), row(6, ['2', '老街排水口', '2026-05-10', '', '否']), row(7, ['3', '', '', '', ''])]),
    );
    expect(result.rows.map((item) => item.hasErrors)).toEqual([false, false, true]);
    expect(result.problems.map((item) => [item.severity, item.code, item.location])).toEqual([
      ['warning', 'table.list_row_sparse', '第5行'],
      ['error', 'value.required', 'B7'],
    ]);
    expect(result.problems[0]!.summary).toBe(
      '「重大隐患整改台账」第5行只填写了「隐患地点」，「发现日期」「整改时限」「是否完成整改」未填写',
    );
  });

  it('says each hidden row left out of the list, with what it held', () => {
    const hidden = row(6, ['2', '已撤销隐患（作废）', '2026-05-10', '2026-05-20', '否']);
    const result = validate({
      ...list([row(5, ['1', '伊河左岸', '2026-05-08', '2026-05-30', '是'])], '工作表「台账」'),
      hiddenRows: [hidden],
    });
    expect(result.rows.map((item) => item.location)).toEqual(['工作表「台账」第5行']);
    expect(result.problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'table.hidden_row',
        location: '工作表「台账」第6行',
        summary: '「重大隐患整改台账」第6行是隐藏行，未计入（已撤销隐患（作废）、2026-05-10、2026-05-20、否）',
      }),
    ]);
  });

  it('says a list of zero rows, as a warning', () => {
    const result = validate(list([]));
    expect(result.rows).toEqual([]);
    expect(result.problems).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'table.list_empty', summary: '「重大隐患整改台账」只有表头，没有填写任何一行' }),
    ]);
  });
});

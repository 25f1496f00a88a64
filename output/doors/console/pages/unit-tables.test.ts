import { describe, expect, it } from 'vitest';
import type { ColumnDef, TableDef } from '../../../../intake/kernel/campaign/campaign.js';
import type { Problem } from '../../../../intake/kernel/problems.js';
import type { FoundTable, RawValue } from '../../../../pipeline/extract/find-table.js';
import type { UnitResult, UnitTableResult } from '../../../../pipeline/merge/merge-result.js';
import type { PageData } from './page-data.js';
import { unitTablesHtml } from './unit-tables.js';

// A campaign of a 统计表 (附件1) and a list (附件2); names are this test's own.
const column = (key: string, displayName: string, type: ColumnDef['type'], extra: Partial<ColumnDef> = {}): ColumnDef =>
  ({ key, name: displayName, displayName, type, headerTexts: [displayName], required: false, ...extra }) as ColumnDef;
const STATS: TableDef = {
  key: 'stats',
  name: '甲统计表',
  attachmentLabel: '附件1',
  kind: 'row',
  unitField: '填报单位',
  dateField: '填报日期',
  columns: [column('big', '大项', 'count'), column('share', '比例(%)', 'percent', { places: 1 }), column('day', '填报日期', 'date')],
} as TableDef;
const LIST: TableDef = {
  key: 'list',
  name: '乙台账',
  attachmentLabel: '附件2',
  kind: 'list',
  unitField: '填报单位',
  dateField: '填报日期',
  columns: [column('place', '地点', 'text'), column('found', '发现日期', 'date'), column('due', '时限', 'date')],
} as TableDef;

const cell = (address: string, text: string, extra: Partial<RawValue> = {}): RawValue => ({ address, text, ...extra });

function page(options: { statsFile: string; listFile: string; statsSource: string; listSource: string; problems: Problem[] }) {
  const statsFound: FoundTable = {
    table: 'stats',
    source: options.statsSource,
    headerAddress: 'A4',
    unitName: { text: '某局', location: 'A3' },
    date: null,
    rows: [
      {
        location: '第6行',
        label: '',
        cells: {
          big: cell('A6', '3', { number: 3 }),
          share: cell('B6', '0.5', { number: 0.5, percent: true }),
          day: cell('C6', '2026年6月5日', { date: '2026-06-05' }),
        },
      },
    ],
    missingColumns: [],
  };
  const listFound: FoundTable = {
    table: 'list',
    source: options.listSource,
    headerAddress: 'B4',
    unitName: { text: '某局', location: 'A3' },
    date: null,
    rows: [5, 6].map((r) => ({
      location: `第${r}行`,
      label: String(r - 4),
      cells: { place: cell(`B${r}`, `地点${r}`), found: cell(`C${r}`, '2026年5月20日'), due: cell(`D${r}`, '2026年5月10日') },
    })),
    missingColumns: [],
  };
  const attachments =
    options.statsFile === options.listFile
      ? [{ name: options.statsFile, tables: [statsFound, listFound] }]
      : [
          { name: options.statsFile, tables: [statsFound] },
          { name: options.listFile, tables: [listFound] },
        ];
  const base = { messageId: 'abc123abc123', receivedAt: '2026-06-09T06:00:00Z', counted: false };
  const tables: Record<string, UnitTableResult> = {
    stats: {
      ...base,
      table: 'stats',
      kind: 'row',
      file: options.statsFile,
      values: { big: 3, share: 50, day: '2026-06-05' },
      cells: {},
      rows: [],
    },
    list: {
      ...base,
      table: 'list',
      kind: 'list',
      file: options.listFile,
      values: null,
      cells: {},
      rows: [5, 6].map((r) => ({
        location: `第${r}行`,
        values: { place: `地点${r}`, found: '2026-05-20', due: '2026-05-10' },
        cells: {},
        hasErrors: r === 5,
      })),
    },
  } as unknown as Record<string, UnitTableResult>;
  const data = {
    snapshot: {
      context: { campaign: { tables: [STATS, LIST] } },
      messages: new Map([['abc123abc123', { facts: { attachments } }]]),
      result: { messages: [] },
    },
  } as unknown as PageData;
  return unitTablesHtml(data, { unit: '某局', tables, problems: options.problems } as unknown as UnitResult).text;
}

const ruleProblem = (file: string, location: string, summary: string): Problem => ({
  severity: 'error',
  code: 'rule.failed',
  summary,
  file,
  location,
});

/** The cells of a table drawn as wrong, in the table's order, and the cells carrying a problem's text. */
function marks(text: string, table: string): { framed: string[]; withText: string[] } {
  const section = text.slice(text.indexOf(`id="table-${table}"`), text.indexOf('</table>', text.indexOf(`id="table-${table}"`)));
  const cells = [...section.matchAll(/<td class="cell ([^"]*)" data-cell="([^"]+)"[^>]*>(.*?)<\/td>/gsu)];
  return {
    framed: cells.filter((match) => match[1]!.includes('cell-error')).map((match) => match[2]!),
    withText: cells.filter((match) => match[3]!.includes('cell-problem')).map((match) => match[2]!),
  };
}

describe('the 单位 page: cells a problem names', () => {
  it('draws a rule across two files on the 统计表 only, not on the same address of the list', () => {
    const text = page({
      statsFile: '某局附件1.xlsx',
      listFile: '某局附件2.xlsx',
      statsSource: '',
      listSource: '',
      problems: [ruleProblem('某局附件1.xlsx、某局附件2.xlsx', 'C6', '不符合规则「行数(乙台账) = 大项」')],
    });
    expect(marks(text, 'stats')).toEqual({ framed: ['C6'], withText: ['C6'] });
    expect(marks(text, 'list')).toEqual({ framed: [], withText: [] });
  });

  it('frames every cell of a list rule on its sheet, the text beside the first; the other sheet of the file is not drawn', () => {
    const text = page({
      statsFile: '某局材料.xlsx',
      listFile: '某局材料.xlsx',
      statsSource: '工作表「附件1」',
      listSource: '工作表「附件2」',
      problems: [ruleProblem('某局材料.xlsx', '工作表「附件2」D5、C5', '不符合规则「时限 >= 发现日期」')],
    });
    expect(marks(text, 'list')).toEqual({ framed: ['C5', 'D5'], withText: ['D5'] });
    expect(marks(text, 'stats')).toEqual({ framed: [], withText: [] });
    expect(text).toContain('不符合规则「时限 ≥ 发现日期」');
    expect(text).not.toContain('&gt;=');
  });

  it('frames each cell of a 统计表 rule, the text once', () => {
    const text = page({
      statsFile: '某局附件1.xlsx',
      listFile: '某局附件2.xlsx',
      statsSource: '',
      listSource: '',
      problems: [ruleProblem('某局附件1.xlsx', 'B6、A6', '不符合规则「比例 <= 100」')],
    });
    expect(marks(text, 'stats')).toEqual({ framed: ['A6', 'B6'], withText: ['B6'] });
    expect(text).toContain('比例 ≤ 100');
  });
});

describe('the 单位 page: values as printed', () => {
  const text = page({ statsFile: '某局附件1.xlsx', listFile: '某局附件2.xlsx', statsSource: '', listSource: '', problems: [] });
  it('takes the 填报日期 from the table’s own column, and says nothing of a date nowhere written', () => {
    const [stats, list] = text.split('id="section-list"');
    expect(stats).toMatch(/填报日期：2026年6月5日<span class="addr-inline">C6<\/span>/u);
    expect(list).not.toContain('填报日期：');
    expect(text).not.toContain('未填');
  });
  it('prints adopted dates in Chinese and a percentage cell as the file shows it', () => {
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/u);
    expect(text).toContain('<td class="num">50.0%</td>');
    expect(text).toMatch(/>50%<span class="addr">B6/u);
  });
  it('heads a list’s own numbering 序号', () => {
    expect(text).toContain('<th>序号</th>');
    expect(text).not.toContain('其他内容');
  });
});

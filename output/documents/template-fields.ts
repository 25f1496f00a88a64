/**
 * Every field a template can use, with its meaning and an example, declared once as a tree. The
 * data builder's types are derived from it (TemplateData = FieldValue of the tree, see
 * template-data.ts), `huizong check` finds unknown fields in a template with it without running
 * the template, and the README's field table is printed from it (fieldRows). A field added here
 * is a field the data must fill, the checker knows and the README lists.
 */
import type { Campaign, ColumnDef, TableDef } from '../../intake/kernel/campaign/campaign.js';
import { isNumeric } from '../../intake/kernel/campaign/field-types.js';

export type ScalarKind = 'text' | 'number' | 'boolean' | 'date';

/** `columns`: the fields are the statistics table's columns (one per key in campaign.yaml), all of them or the counts only. */
export type ColumnsKind = 'all' | 'counts';

export interface ScalarShape<K extends ScalarKind = ScalarKind> {
  kind: K;
  doc: string;
  example: string;
}

export interface ObjectShape<
  F extends Record<string, Shape> = Record<string, Shape>,
  C extends ColumnsKind | undefined = ColumnsKind | undefined,
> {
  kind: 'object';
  doc: string;
  fields: F;
  columns?: C;
  /**
   * The columns are unknown here (no campaign, or the shape stands for any table): a field not
   * listed may still be one of a table's columns, so the checker accepts it.
   */
  anyColumn?: boolean;
}

export interface ListShape<I extends Shape = Shape> {
  kind: 'list';
  doc: string;
  item: I;
}

/**
 * An object whose fields are named by the campaign (its tables, by the names a clerk reads in
 * the header): each field has the shape of `keyed` (filled for the campaign's own names).
 */
export interface KeyedShape<I extends Shape = Shape> {
  kind: 'object';
  doc: string;
  fields: Record<string, I>;
  keyed: I;
  /** What the name stands for, as the README writes it: <表格>. */
  keyName: string;
  columns?: undefined;
  anyColumn?: undefined;
}

export type Shape = ScalarShape | ObjectShape | ListShape;

interface ScalarValue {
  text: string;
  number: number;
  boolean: boolean;
  /** An ISO time, or '' where there is none. */
  date: string;
}

/** The value a template receives for a field of this shape. */
export type FieldValue<S> =
  S extends KeyedShape<infer I>
    ? Record<string, FieldValue<I>>
    : S extends ListShape<infer I>
      ? FieldValue<I>[]
      : S extends ObjectShape<infer F, infer C>
        ? [C] extends ['counts']
          ? Record<string, number>
          : [C] extends ['all']
            ? Record<string, number | string>
            : { [K in keyof F]: FieldValue<F[K]> }
        : S extends ScalarShape<infer K>
          ? ScalarValue[K]
          : never;

const text = (doc: string, example: string): ScalarShape<'text'> => ({ kind: 'text', doc, example });
const number = (doc: string, example: string): ScalarShape<'number'> => ({ kind: 'number', doc, example });
const boolean = (doc: string, example: string): ScalarShape<'boolean'> => ({ kind: 'boolean', doc, example });
const date = (doc: string, example: string): ScalarShape<'date'> => ({ kind: 'date', doc, example });
const object = <F extends Record<string, Shape>>(doc: string, fields: F): ObjectShape<F, undefined> => ({ kind: 'object', doc, fields });
const list = <I extends Shape>(doc: string, item: I): ListShape<I> => ({ kind: 'list', doc, item });

export const KIND_LABEL: Record<Shape['kind'], string> = {
  text: '文字',
  number: '数字',
  boolean: '是/否',
  date: '时间',
  object: '一组字段',
  list: '列表',
};

/** The statistics table's columns as fields: numbers for count columns, text for 备注-like columns. */
function columnFields<C extends ColumnsKind>(campaign: Campaign | null, doc: string, columns: C): ObjectShape<Record<string, Shape>, C> {
  const fields: Record<string, Shape> = {};
  for (const column of campaign?.columns ?? []) {
    if (columns === 'counts' && column.type !== 'count') continue;
    fields[column.key] = column.type === 'count' ? number(column.displayName, '12') : text(column.displayName, '无');
  }
  return { kind: 'object', doc, fields, columns, ...(campaign ? {} : { anyColumn: true }) };
}

/** A column's value as a field: a number, a date, or a text (a choice, a text). */
function valueField(column: ColumnDef): Shape {
  if (isNumeric(column.type)) return number(column.displayName, '12');
  if (column.type === 'date') return date(column.displayName, '2026-05-18');
  return text(column.displayName, '是');
}

/** One table's columns as fields, as read (numbers, dates, texts) or as printed (all text: 85.7%, 2026年5月18日). */
function tableColumns(table: TableDef | null, doc: string, printed: boolean): ObjectShape<Record<string, Shape>, 'all'> {
  const fields: Record<string, Shape> = {};
  for (const column of table?.columns ?? []) fields[column.key] = printed ? text(column.displayName, '85.7%') : valueField(column);
  return { kind: 'object', doc, fields, columns: 'all', ...(table ? {} : { anyColumn: true }) };
}

/**
 * One row of a list table (明细表): its columns as read, each of its column's type as in a
 * 统计表's values; the same printed as documents write them (text, as a 统计表's text); and its
 * number within the unit's rows. A column keyed `index` or `text` keeps its own value: a column
 * is never hidden by a field of ours.
 */
function rowShape(table: TableDef | null): ObjectShape<Record<string, Shape>, 'all'> {
  const columns = tableColumns(table, '', false);
  return {
    ...columns,
    doc: '一行：各栏（按表头中的栏目名称；数字、日期、文字，同 values）、text 和 index',
    fields: {
      index: number('在本单位所填各行中的序号，从 1 起', '1'),
      text: tableColumns(
        table,
        '这一行的各栏，按公文的写法印出（12.50、85.7%、2026年5月18日），同 【表格】 中的写法；读不出的一格为单位所填的原样',
        true,
      ),
      ...columns.fields,
    },
  };
}

/** Fields named by the campaign's tables, each of the shape `make` gives for that table. */
function keyed<I extends Shape>(doc: string, campaign: Campaign | null, make: (table: TableDef | null) => I): KeyedShape<I> {
  const fields: Record<string, I> = {};
  for (const table of campaign?.tables ?? []) fields[table.key] = make(table);
  return { kind: 'object', doc, fields, keyed: make(null), keyName: '<表格>' };
}

/** One table of one unit: whether it was sent and counted, its values (统计表) or its rows (明细表). */
function unitTableShape(table: TableDef | null) {
  return object('本单位的这张表格', {
    name: text('表格名称', '重大隐患整改台账'),
    sent: boolean('报送了这张表格', 'true'),
    counted: boolean('无错误、已计入合计', 'true'),
    file: text('采用的文件名（未报送时为空）', '庞村镇隐患排查统计表.xlsx'),
    values: tableColumns(table, '统计表：本单位一行的各栏（按表头中的栏目名称；数字、日期、文字）', false),
    text: tableColumns(
      table,
      '统计表：同上，按公文的写法印出（85.7%、2026年5月18日），同 【表格】 中的写法；读不出的一格为单位所填的原样',
      true,
    ),
    rows: list('明细表：本单位填写的各行（按本单位文件中的顺序）', rowShape(table)),
    rowCount: number('明细表：本单位填写的行数', '2'),
  });
}

/** One table of the campaign with its district totals. */
function tableShape(table: TableDef | null) {
  return object('一张表格及其合计', {
    key: text('表格在模板中的名称', '重大隐患整改台账'),
    name: text('表格名称', '重大隐患整改台账'),
    label: text('在通知中的附件编号', '附件2'),
    sheet: text('在汇总表中的工作表名称（长的明细可以只写“见汇总表某工作表”）', '重大隐患整改台账'),
    kind: text('统计表（每个单位一行）或 明细表（每个单位若干行）', '明细表'),
    isList: boolean('是明细表（台账、清单、花名册）', 'false'),
    sent: number('报送了这张表格的单位数', '15'),
    counted: number('计入合计的单位数', '12'),
    rows: number('明细表：计入合计的行数', '37'),
    listed: number('明细表：汇总表和【表格】中列出的行数（含数据有误、未计入合计的单位的行）', '40'),
    excluded: list('报送了但数据有误、未计入合计的单位', text('单位名称', '区水利局')),
    unsent: list('没有报送这张表格的单位（不含来信待核实的单位，见 pending）', text('单位名称', '区教育局')),
    pending: list('来信待核实、尚未计入的单位（有来信可能属于它，尚未认定；不算未报送）', text('单位名称', '区交通运输局')),
    totals: tableColumns(table, '各栏的合计（按表头中的栏目名称；能相加的栏求和，百分比按规则算出，不能相加的为空）', false),
    totalsText: tableColumns(table, '同上，按公文的写法印出（85.7%、12.50）', true),
    totalsSentence: text('各栏合计写成一句（没有可合计的栏时为空）', '排查点位数132处，已整改21处，整改率84.0%'),
    columns: list(
      '各栏',
      object('一栏', {
        key: text('栏目在模板中的名称', '整改率'),
        name: text('栏目名称（分组下为“组·栏”）', '发现隐患·重大隐患'),
        label: text('表头中的写法', '整改率(%)'),
        type: text('类型：整数、小数、百分比、金额、日期、单选、文字', '百分比'),
        unit: text('计量单位', '处'),
        summed: boolean('合计是各单位数值之和', 'true'),
        total: number('合计（没有合计时为 0，见 hasTotal）', '84'),
        hasTotal: boolean('这一栏有合计', 'true'),
        totalText: text('合计，按公文的写法印出（没有时为空）', '84.0%'),
      }),
    ),
  });
}

function unitShape(campaign: Campaign | null) {
  return object('一个单位', {
    index: number('在所在列表中的序号，从 1 起', '1'),
    unit: text('单位名称（名单中的写法）', '庞村镇'),
    status: text('报送情况：按时报送、逾期报送、材料不全、数据有误、待核实、未报送', '按时报送'),
    late: boolean('首次报送晚于截止时间', 'false'),
    reported: boolean('有本单位的来信', 'true'),
    onTime: boolean('有来信且未逾期', 'true'),
    firstReceivedAt: date('首次报送时间（未报送时为空）', '2013-08-15T02:12:31.000Z'),
    receivedAt: date('最近报送时间（未报送时为空）', '2013-08-15T02:12:31.000Z'),
    counted: boolean('统计表无错误、已计入合计', 'true'),
    values: columnFields(campaign, '统计表各栏的数值（未报送或读不出时为空）', 'all'),
    tableFile: text('采用的统计表文件名', '庞村镇自查情况统计表.xlsx'),
    reportFile: text('采用的书面报告文件名', '庞村镇自查报告.docx'),
    report: object('书面总结报告的分析', {
      received: boolean('收到书面报告', 'true'),
      chars: number('报告字数（读不出时为 0）', '1260'),
      missingAreas: list('报告未涉及的检查方面', text('检查方面标题', '社会网站监管情况')),
      flags: list('需要关注之处', text('一条说明', '报告仅 320 字，少于 500 字')),
      findings: text('需要关注之处，写成公文中的一句（没有时为空）', '未涉及“社会网站监管情况”方面，篇幅过短（仅320字）'),
      mentionsProblems: boolean('报告写了发现的问题', 'true'),
      mentionsRectification: boolean('报告写了整改情况', 'true'),
    }),
    findings: text(
      '该单位统计表中的错误，写成公文中的一句（各条用“；”连接；没有时为空）',
      '检查计算机数量（涉密）一栏填写为“若干”，不是数字',
    ),
    tables: keyed('本单位报送的各张表格（按表格名称）', campaign, unitTableShape),
    sentMaterials: list('已报送的材料（表格名称、书面总结报告、其他材料）', text('材料名称', '重大隐患整改台账')),
    missingMaterials: list('缺少的材料', text('材料名称', '签字盖章扫描件')),
    errors: list(
      '该单位材料中的错误',
      text('一条错误的中文说明（文件和单元格见汇总表「问题清单」）', '「检查计算机数量(台)·涉密」：填写为「若干」，不是数字，应为非负整数'),
    ),
  });
}

function circularUnitShape() {
  return object('通报中的一个单位', {
    index: number('在所在列表中的序号，从 1 起', '1'),
    unit: text('单位名称', '佃庄镇'),
    kind: text('通报原因类别：未报送、逾期报送、秘书科增加', '未报送'),
    reason: text('通报原因（规则得出的和 decisions.yaml 中写明的理由）', '截至通报时未报送自查材料'),
    situation: text('通报表格“情况”一栏：未报送、逾期报送，或秘书科增加的单位的理由', '未报送'),
    status: text('报送情况', '未报送'),
    firstReceivedAt: date('首次报送时间（未报送时为空）', ''),
  });
}

const campaignShape = () =>
  object('活动（campaign.yaml）', {
    title: text('活动名称', '政府信息公开保密审查专项检查'),
    documentNumber: text('通知文号', '伊滨办〔2013〕62号'),
    documentPrefix: text('发文机关代字（通知文号〔之前的部分）', '伊滨办'),
    issuingOffice: text('发文机关', '洛阳伊滨区管委会办公室'),
    secretariat: text('承办部门', '区综合办公室秘书科'),
    materials: text('要求报送的材料的统称', '自查材料'),
    noticeTitle: text('通知标题', '关于在全区范围内组织开展政府信息公开保密审查专项检查的通知'),
    noticeDate: date('通知日期（未填为空）', '2013-08-05'),
    deadline: date('报送截止时间', '2013-08-18T18:00:00+08:00'),
    recipients: text('主送单位', '各镇党委、人民政府，区直各相关单位'),
    tableName: text('统计表名称', '自查情况统计表'),
    tableLabel: text('统计表在通知中的附件编号', '附件2'),
  });

/** The numbers of units: by kind of list, and by the workbook's 报送情况 categories. */
const countShapes = () => ({
  counts: object('各类单位的数目', {
    units: number('名单中的单位数', '18'),
    reported: number('已报送（有来信）的单位数', '15'),
    onTime: number('按期报送（有来信且未逾期）的单位数', '13'),
    late: number('逾期报送的单位数', '2'),
    missing: number('未报送的单位数', '2'),
    pending: number('待核实的单位数', '1'),
    incomplete: number('材料不全的单位数', '2'),
    invalid: number('数据有误的单位数', '1'),
    counted: number('计入合计的单位数', '12'),
    excluded: number('有统计表但因数据有误未计入合计的单位数', '1'),
    reportsReceived: number('收到书面报告的单位数', '14'),
    reportsAnalysed: number('书面报告内容可以读取、已对照检查目录分析的单位数', '13'),
    flaggedReports: number('书面报告需要关注的单位数', '3'),
    unidentified: number('尚未认定单位的来信数', '2'),
  }),
  statusCounts: object('按报送情况（与汇总表「报送情况」一栏相同的分类）统计的单位数；各项相加等于名单中的单位数', {
    onTime: number('报送情况为“按时报送”（按时、材料齐全、数据无误）的单位数', '10'),
    late: number('报送情况为“逾期报送”的单位数', '2'),
    incomplete: number('报送情况为“材料不全”的单位数', '2'),
    invalid: number('报送情况为“数据有误”的单位数', '1'),
    pending: number('报送情况为“待核实”的单位数', '1'),
    missing: number('报送情况为“未报送”的单位数', '2'),
  }),
});

/** The statistics table's items, columns and the checklist, as lists for sentences and tables. */
const listShapes = () => ({
  measures: list(
    '统计表的各个项目（涉密、非涉密合为一项），用于写成句子',
    object('一个项目', {
      name: text('项目名称（列标题去掉“数量”和计量单位）', '检查计算机'),
      label: text('列标题', '检查计算机数量(台)'),
      unit: text('计量单位', '台'),
      total: number('合计', '56'),
      parts: list(
        '分项（如涉密、非涉密；不分项时为空）',
        object('一个分项', { label: text('分项名称', '涉密'), value: number('合计', '3') }),
      ),
    }),
  ),
  columns: list(
    '统计表的各数量栏（涉密、非涉密分列）',
    object('一栏', {
      key: text('键名', 'computersClassified'),
      label: text('栏目名称', '检查计算机数量(台)·涉密'),
      unit: text('计量单位', '台'),
      total: number('合计', '3'),
    }),
  ),
  checklist: list(
    '检查目录（附件1）的各个方面与书面报告的对照',
    object('一个检查方面', {
      title: text('检查方面标题', '社会网站监管情况'),
      covered: number('报告涉及该方面的单位数', '12'),
      missing: list('报告可以读取、但未涉及该方面的单位', text('单位名称', '区招商局')),
    }),
  ),
});

function circularShape() {
  const circularUnit = circularUnitShape();
  const decided = object('一个单位及理由', {
    unit: text('单位名称', '区财政局'),
    reason: text('decisions.yaml 中写明的理由', '经批准延期报送'),
  });
  return object('通报（候选来自规则，再按 decisions.yaml 增减）', {
    units: list('最终通报的单位（名单顺序）', circularUnit),
    missing: list('其中未报送的单位', circularUnit),
    late: list('其中逾期报送的单位', circularUnit),
    added: list('其中由秘书科增加的单位', circularUnit),
    removed: list('秘书科从候选中去掉的单位', decided),
    exempt: list('免予通报的单位', decided),
    final: boolean('已定稿（decisions.yaml circular.final）', 'false'),
    draft: boolean('仍是草稿', 'true'),
    newDeadline: date('补报截止时间（decisions.yaml circular.newDeadline；未填为空）', '2013-08-25T18:00:00+08:00'),
    number: number('发文字号中的序号（decisions.yaml circular.number；未填为 0）', '15'),
    date: date('成文日期（decisions.yaml circular.date；未填时为数据截至时间）', '2013-08-21T16:00:00.000Z'),
    year: number('发文字号中的年份（成文日期的年份）', '2013'),
    documentNumber: text('发文字号（未填序号时序号处留空，待手写）', '伊滨办〔2013〕15号'),
  });
}

/** The one declaration of every field a template can use. */
export function templateFields(campaign: Campaign | null) {
  const unit = unitShape(campaign);
  const units = (doc: string) => list(doc, unit);
  const tables = keyed('各张表格及其合计（按表格名称，如 tables.重大隐患整改台账.rows）', campaign, tableShape);
  return object('模板数据', {
    campaign: campaignShape(),
    generatedAt: date(
      '数据截至时间（IMAP 收信为最近一次完整收信的时间；从文件夹或 import 收入的为存档来信中最晚的接收时间）；从未收信时为生成时间',
      '2013-08-20T02:00:00.000Z',
    ),
    year: number('generatedAt 的年份（北京时间）；通报的发文字号年份用 circular.year', '2013'),
    asOf: date('数据截至时间（同 generatedAt；从未收信时为空）', '2013-08-20T02:00:00.000Z'),
    ...countShapes(),
    units: units('名单中的全部单位，按名单顺序'),
    reported: units('已报送（有来信）的单位'),
    onTime: units('按期报送（有来信且未逾期）的单位'),
    late: units('逾期报送的单位'),
    missing: units('未报送的单位'),
    pending: units('待核实的单位（有来信可能属于它，尚未认定）'),
    incomplete: units('材料不全的单位（缺统计表或书面报告）'),
    invalid: units('数据有误的单位'),
    excluded: units('有统计表但因数据有误未计入合计的单位'),
    flaggedReports: units('书面报告需要关注的单位（报告可以读取，但未涉及某些检查方面、字数偏少等）'),
    totals: columnFields(campaign, '各数量栏的合计（只计入统计表无错误的单位）', 'counts'),
    ...listShapes(),
    tables,
    tableList: list('各张表格及其合计，按 campaign.yaml 中的顺序', tables.keyed),
    materials: list(
      '要求报送的材料（campaign.yaml 的 required:）',
      object('一项材料', {
        name: text('材料名称', '签字盖章扫描件'),
        kind: text('表格、书面报告 或 其他材料', '其他材料'),
        sent: number('报送了这项材料的单位数', '14'),
        missing: list('缺少这项材料的单位（不含来信待核实的单位，见 pending）', text('单位名称', '寇店镇')),
        pending: list('来信待核实、尚未计入的单位（有来信可能属于它，尚未认定；不算未报送）', text('单位名称', '区交通运输局')),
      }),
    ),
    circular: circularShape(),
  });
}

export interface FieldRow {
  /** As written in a template: units[].report.flags, units[].values.<键名>. */
  path: string;
  kind: Shape['kind'];
  doc: string;
  example: string;
}

/** The one row standing for all the columns of a group of fields named by a table's columns. */
function columnRow(prefix: string, shape: ObjectShape): FieldRow {
  const sample = Object.values(shape.fields)[0];
  return {
    path: `${prefix}<键名>`,
    kind: sample?.kind ?? 'number',
    doc: '键名为 <键名> 的一栏（campaign.yaml 中的 key，如 departments、computersClassified；不写 key 时为表头中的栏目名称，如 整改率、发现隐患·重大隐患）',
    example: sample && 'example' in sample ? sample.example : '12',
  };
}

/**
 * Every documented path, depth first. The table's columns collapse into one <键名> row; a list
 * whose items were already described (the unit lists) points to the first description.
 */
export function fieldRows(shape: ObjectShape, prefix = '', described = new Map<Shape, string>()): FieldRow[] {
  const rows: FieldRow[] = [];
  for (const [name, field] of Object.entries(shape.fields)) {
    const path = `${prefix}${name}`;
    if (field.kind === 'object') {
      rows.push({ path, kind: 'object', doc: field.doc, example: '' });
      if ('keyed' in field && field.keyed) {
        const keyedShape = field as unknown as KeyedShape;
        const at = `${path}.${keyedShape.keyName}`;
        rows.push({ path: at, kind: keyedShape.keyed.kind, doc: keyedShape.keyed.doc, example: '' });
        described.set(keyedShape.keyed, at);
        if (keyedShape.keyed.kind === 'object') rows.push(...fieldRows(keyedShape.keyed, `${at}.`, described));
      } else if (field.columns) {
        rows.push(columnRow(`${path}.`, field));
      } else {
        rows.push(...fieldRows(field, `${path}.`, described));
      }
    } else if (field.kind === 'list') {
      const first = described.get(field.item);
      const same = first?.endsWith('>') ? first : `${first}[]`;
      rows.push({ path, kind: 'list', doc: first ? `${field.doc}；每项的字段同 ${same}` : field.doc, example: '' });
      if (field.item.kind === 'object' && !first) {
        described.set(field.item, path);
        rows.push(...fieldRows(field.item, `${path}[].`, described));
        // A list table's rows: each row's own fields above, then its columns.
        if (field.item.columns) rows.push(columnRow(`${path}[].`, field.item));
      }
    } else {
      rows.push({ path, kind: field.kind, doc: field.doc, example: field.example });
    }
  }
  return rows;
}

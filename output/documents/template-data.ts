/**
 * What a template sees: the campaign, the counts, every unit with its status, values and report
 * analysis, the late and missing units, the totals, the checklist coverage and the circular's
 * list. Pure: merge result, campaign, decisions and the generation time in, plain data out.
 * Its types are derived from the one declaration of the fields (template-fields.ts), so the
 * data cannot leave a documented field out or fill one with the wrong kind of value; missing
 * values are '' or 0, never null, so a template can test them with {{#if}} and strict mode
 * never trips on them.
 */
import { type Campaign, type ColumnDef, primaryTable } from '../../intake/kernel/campaign/campaign.js';
import type { Decisions } from '../../intake/kernel/campaign/decisions.js';
import { describeProblem } from '../../intake/kernel/problems.js';
import { formatChineseDate } from '../../intake/kernel/time.js';
import { type MergeResult, UNIT_STATUS_LABEL, type UnitResult } from '../../pipeline/merge/merge-result.js';
import { type CircularEntry, type CircularList, circularList } from './circular.js';
import { register, reportFindings, tableFindings } from './findings.js';
import { lazyField } from './lazy-field.js';
import { problemRows, problemTables } from './problem-rows.js';
import { protect } from './protected-text.js';
import { tablesData, unitMaterials, unitTables } from './table-data.js';
import type { FieldValue, Shape, templateFields } from './template-fields.js';

export type TemplateData = FieldValue<ReturnType<typeof templateFields>>;
export type UnitData = TemplateData['units'][number];
export type CircularUnitData = TemplateData['circular']['units'][number];
export type MeasureData = TemplateData['measures'][number];

export interface TemplateInput {
  campaign: Campaign;
  result: MergeResult;
  decisions: Decisions;
  /** The data's 截至 time (result.asOf), or the clock when mail was never read. */
  generatedAt: string;
}

/** The first 统计表's columns (the fields `values`, `totals`, `measures` and `columns` speak of). */
const primaryColumns = (campaign: Campaign): ColumnDef[] => primaryTable(campaign.tables).columns;

/** Its whole-number columns: what the first campaign's totals, measures and columns are made of. */
const countColumns = (campaign: Campaign): ColumnDef[] => primaryColumns(campaign).filter((column) => column.type === 'count');

/** "检查计算机数量(台)" → "检查计算机": the item as a sentence names it. */
export function measureName(label: string): string {
  return label
    .replace(/[(（][^()（）]*[)）]\s*$/u, '')
    .replace(/数量$/u, '')
    .trim();
}

function unitData(unit: UnitResult, campaign: Campaign): Omit<UnitData, 'index'> {
  const values: Record<string, number | string> = {};
  const primary = primaryTable(campaign.tables);
  const own = primary.kind === 'row' ? (unit.tables[primary.key]?.values ?? null) : null;
  for (const column of primary.columns) {
    const value = own?.[column.key];
    values[column.key] = value === null || value === undefined ? '' : value;
  }
  const analysis = unit.report?.analysis ?? null;
  const areas = analysis?.areas ?? {};
  const missingAreas =
    analysis && analysis.chars !== null ? campaign.checklist.filter((area) => !areas[area.key]).map((area) => area.title) : [];
  const reportSettings = campaign.file.report;
  const gaps =
    analysis && analysis.chars !== null
      ? reportFindings({
          missingAreas,
          chars: analysis.chars,
          minChars: reportSettings.minChars,
          checksProblems: reportSettings.problemKeywords.length > 0,
          mentionsProblems: analysis.mentionsProblems,
          checksRectification: reportSettings.rectificationKeywords.length > 0,
          mentionsRectification: analysis.mentionsRectification,
        })
      : '';
  return {
    unit: unit.unit,
    status: UNIT_STATUS_LABEL[unit.status],
    late: unit.late,
    reported: unit.messageIds.length > 0,
    onTime: unit.messageIds.length > 0 && !unit.late,
    firstReceivedAt: unit.firstReceivedAt ?? '',
    receivedAt: unit.receivedAt ?? '',
    counted: unit.tables[primary.key]?.counted ?? false,
    values,
    tableFile: unit.tables[primary.key]?.file ?? '',
    reportFile: unit.report?.file ?? '',
    report: {
      received: unit.report !== null,
      chars: analysis?.chars ?? 0,
      missingAreas,
      flags: analysis?.flags ?? [],
      // Flags this file cannot phrase yet still reach the report, in the register.
      findings: gaps !== '' ? gaps : (analysis?.flags ?? []).map(register).join('，'),
      mentionsProblems: analysis?.mentionsProblems ?? false,
      mentionsRectification: analysis?.mentionsRectification ?? false,
    },
    // What is wrong, not where in which file: the file and cell are in the workbook's 问题清单.
    errors: unit.problems
      .filter((item) => item.severity === 'error')
      .map((item) => describeProblem({ ...item, unit: undefined, file: undefined, location: undefined, messageId: undefined })),
    findings: tableFindings(unit.problems, problemRows(campaign, unit), problemTables(campaign, unit)),
    tables: unitTables(campaign, unit),
    ...unitMaterials(campaign, unit),
  };
}

const numbered = <T extends object>(items: readonly T[]): (T & { index: number })[] =>
  items.map((item, index) => ({ index: index + 1, ...item }));

function measures(campaign: Campaign, totals: Record<string, number>): MeasureData[] {
  const out: MeasureData[] = [];
  const columns = primaryColumns(campaign);
  columns.forEach((column, index) => {
    const group = column.subHeaderTexts ? column.headerTexts[0]! : null;
    if (group === null) {
      if (column.type === 'count')
        out.push({
          name: measureName(column.displayName),
          label: column.displayName,
          unit: column.unit ?? '',
          total: totals[column.key] ?? 0,
          parts: [],
        });
      return;
    }
    const part = { label: column.subHeaderTexts![0]!, value: totals[column.key] ?? 0 };
    const previous = columns[index - 1];
    // A group's sub-columns (涉密 / 非涉密) are one item with its parts.
    if (previous?.subHeaderTexts && previous.headerTexts[0] === group) {
      const item = out.at(-1)!;
      item.parts.push(part);
      item.total += part.value;
    } else {
      out.push({ name: measureName(group), label: group, unit: column.unit ?? '', total: part.value, parts: [part] });
    }
  });
  return out;
}

function circularUnits(entries: readonly CircularEntry[]): CircularUnitData[] {
  return numbered(
    entries.map((entry) => ({
      unit: entry.unit,
      kind: entry.kind,
      reason: entry.reason,
      situation: entry.situation,
      status: entry.status,
      firstReceivedAt: entry.firstReceivedAt ?? '',
    })),
  );
}

/** "2013-08-22" (a Beijing date) → the instant of that day's midnight in Beijing. */
const beijingMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString();

/**
 * The circular's 发文字号: 机关代字〔年份〕序号号, the year that of the 成文日期; without a number
 * the place for it stays blank (a full-width space) to be filled in by hand.
 */
export function circularDocumentNumber(prefix: string, year: number, number: number): string {
  return `${prefix}〔${year}〕${number > 0 ? number : '　'}号`;
}

/** The 机关代字 of the notice's 文号: "伊滨办" of "伊滨办〔2013〕62号". */
function documentPrefixOf(campaign: Campaign): string {
  return /^(.*?)[〔［[（(]/u.exec(campaign.file.documentNumber)?.[1]?.trim() ?? '';
}

function campaignData(campaign: Campaign): TemplateData['campaign'] {
  return {
    title: campaign.file.title,
    documentNumber: campaign.file.documentNumber,
    documentPrefix: documentPrefixOf(campaign),
    issuingOffice: campaign.file.issuingOffice,
    secretariat: campaign.file.secretariat,
    materials: campaign.file.materials,
    noticeTitle: campaign.file.noticeTitle,
    noticeDate: campaign.file.noticeDate ?? '',
    deadline: campaign.file.deadline,
    recipients: campaign.file.recipients,
    tableName: primaryTable(campaign.tables).name,
    tableLabel: primaryTable(campaign.tables).attachmentLabel,
  };
}

type UnitLists = Pick<
  TemplateData,
  'units' | 'reported' | 'onTime' | 'late' | 'missing' | 'pending' | 'incomplete' | 'invalid' | 'excluded' | 'flaggedReports'
>;

/** A report that could not be read is the clerk's to look at (the workbook says so), not a finding. */
const readableReport = (unit: UnitResult) => unit.report !== null && unit.report.analysis.chars !== null;

/** Every unit, and the lists of units a template names: each list numbered from 1. */
function unitLists(campaign: Campaign, result: MergeResult): UnitLists {
  const all = result.units.map((unit) => ({ result: unit, data: unitData(unit, campaign) }));
  const where = (test: (unit: UnitResult, data: Omit<UnitData, 'index'>) => boolean): UnitData[] =>
    numbered(all.filter((item) => test(item.result, item.data)).map((item) => item.data));
  return {
    units: numbered(all.map((item) => item.data)),
    reported: where((_, data) => data.reported),
    onTime: where((_, data) => data.onTime),
    late: where((unit) => unit.late),
    missing: where((unit) => unit.status === 'missing'),
    pending: where((unit) => unit.status === 'pending'),
    incomplete: where((unit) => unit.status === 'incomplete'),
    invalid: where((unit) => unit.status === 'invalid'),
    excluded: where((_, data) => data.tableFile !== '' && !data.counted),
    flaggedReports: where((unit, data) => readableReport(unit) && data.report.flags.length > 0),
  };
}

function countsData(campaign: Campaign, result: MergeResult, lists: UnitLists): TemplateData['counts'] {
  return {
    units: lists.units.length,
    reported: lists.reported.length,
    onTime: lists.onTime.length,
    late: lists.late.length,
    missing: lists.missing.length,
    pending: lists.pending.length,
    incomplete: lists.incomplete.length,
    invalid: lists.invalid.length,
    counted: result.tables[primaryTable(campaign.tables).key]?.included.length ?? 0,
    excluded: lists.excluded.length,
    reportsReceived: result.units.filter((unit) => unit.report !== null).length,
    reportsAnalysed: result.units.filter(readableReport).length,
    flaggedReports: lists.flaggedReports.length,
    unidentified: result.unidentified.length,
  };
}

/** Units per status, the categories of the workbook's 报送情况 column. */
function statusCounts(result: MergeResult): TemplateData['statusCounts'] {
  const count = (status: UnitResult['status']) => result.units.filter((unit) => unit.status === status).length;
  return {
    onTime: count('onTime'),
    late: count('late'),
    incomplete: count('incomplete'),
    invalid: count('invalid'),
    pending: count('pending'),
    missing: count('missing'),
  };
}

function checklistData(campaign: Campaign, result: MergeResult): TemplateData['checklist'] {
  const withReport = result.units.filter(readableReport);
  return campaign.checklist.map((area) => ({
    title: area.title,
    covered: withReport.filter((unit) => unit.report!.analysis.areas[area.key]).length,
    missing: withReport.filter((unit) => !unit.report!.analysis.areas[area.key]).map((unit) => unit.unit),
  }));
}

function circularData(input: TemplateInput, circular: CircularList, documentPrefix: string): TemplateData['circular'] {
  const date = input.decisions.circular.date ? beijingMidnight(input.decisions.circular.date) : input.generatedAt;
  const year = Number(formatChineseDate(date).slice(0, 4));
  const number = input.decisions.circular.number ?? 0;
  const selected = (kind: CircularEntry['kind']) => circularUnits(circular.entries.filter((entry) => entry.kind === kind));
  return {
    units: circularUnits(circular.entries),
    missing: selected('未报送'),
    late: selected('逾期报送'),
    added: selected('秘书科增加'),
    removed: circular.removed,
    exempt: circular.exempt,
    final: circular.final,
    draft: !circular.final,
    newDeadline: circular.newDeadline ?? '',
    number,
    date,
    year,
    documentNumber: circularDocumentNumber(documentPrefix, year, number),
  };
}

/**
 * Only the circular's part of the template data (its lists, 文号 and 成文日期): what the console's
 * 通报 page shows after every decision, without the rows of every unit that the whole data holds.
 */
export function circularTemplateData(
  input: TemplateInput,
  circular: CircularList = circularList(input.result, input.decisions, input.campaign.file.materials),
): TemplateData['circular'] {
  return circularData(input, circular, documentPrefixOf(input.campaign));
}

export function buildTemplateData(
  input: TemplateInput,
  circular: CircularList = circularList(input.result, input.decisions, input.campaign.file.materials),
): TemplateData {
  const { campaign, result } = input;
  const campaignFields = campaignData(campaign);
  const lists = unitLists(campaign, result);
  const primaryTotals = result.tables[primaryTable(campaign.tables).key]?.totals ?? {};
  const totals = Object.fromEntries(countColumns(campaign).map((column) => [column.key, primaryTotals[column.key] ?? 0]));
  return {
    campaign: campaignFields,
    generatedAt: input.generatedAt,
    year: Number(formatChineseDate(input.generatedAt).slice(0, 4)),
    asOf: result.asOf ?? '',
    counts: countsData(campaign, result, lists),
    ...lists,
    statusCounts: statusCounts(result),
    totals,
    measures: measures(campaign, totals),
    columns: countColumns(campaign).map((column) => ({
      key: column.key,
      label: column.displayName,
      unit: column.unit ?? '',
      total: totals[column.key] ?? 0,
    })),
    checklist: checklistData(campaign, result),
    ...tablesData(campaign, result),
    circular: circularData(input, circular, campaignFields.documentPrefix),
  };
}

/**
 * The data as Handlebars receives it: every text value wrapped as literal text (see
 * protected-text.ts). Times, numbers and yes/no stay as they are, for the helpers.
 * A list is wrapped when the template first reads it: a campaign's list tables can hold tens of
 * thousands of rows that most templates never print (and the rows themselves are computed only
 * when read, table-data.ts).
 */
export function protectData(value: unknown, shape: Shape): unknown {
  switch (shape.kind) {
    case 'text':
      return typeof value === 'string' ? protect(value) : value;
    case 'list':
      return Array.isArray(value) ? value.map((item) => protectData(item, shape.item)) : value;
    case 'object': {
      if (value === null || typeof value !== 'object') return value;
      const source = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(source)) {
        const field = shape.fields[key];
        if (field?.kind === 'list') lazyField(out, key, () => protectData(source[key], field));
        else out[key] = field ? protectData(source[key], field) : source[key];
      }
      return out;
    }
    default:
      return value;
  }
}

/**
 * What a template sees: the campaign, the counts, every unit with its status, values and report
 * analysis, the late and missing units, the totals, the checklist coverage and the circular's
 * list. Pure: merge result, campaign, decisions and the generation time in, plain data out.
 * The shape is template-fields.ts (a test keeps the two equal); missing values are '' or 0,
 * never null, so a template can test them with {{#if}} and strict mode never trips on them.
 */
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import type { Decisions } from '../../intake/kernel/campaign/decisions.js';
import { leafKey, subKey } from '../../intake/kernel/campaign/tables.js';
import { describeProblem } from '../../intake/kernel/problems.js';
import { formatChineseDate } from '../../intake/kernel/time.js';
import { type MergeResult, UNIT_STATUS_LABEL, type UnitResult } from '../../pipeline/merge/merge-result.js';
import { type CircularEntry, type CircularList, circularList } from './circular.js';
import { register, reportFindings, tableFindings } from './findings.js';
import { protect } from './protected-text.js';
import type { Shape } from './template-fields.js';

export interface UnitData {
  index: number;
  unit: string;
  status: string;
  late: boolean;
  reported: boolean;
  onTime: boolean;
  firstReceivedAt: string;
  receivedAt: string;
  counted: boolean;
  values: Record<string, number | string>;
  tableFile: string;
  reportFile: string;
  report: {
    received: boolean;
    chars: number;
    missingAreas: string[];
    flags: string[];
    findings: string;
    mentionsProblems: boolean;
    mentionsRectification: boolean;
  };
  errors: string[];
  findings: string;
}

export interface CircularUnitData {
  index: number;
  unit: string;
  kind: string;
  reason: string;
  situation: string;
  status: string;
  firstReceivedAt: string;
}

export interface MeasureData {
  name: string;
  label: string;
  unit: string;
  total: number;
  parts: { label: string; value: number }[];
}

export interface TemplateData {
  campaign: {
    title: string;
    documentNumber: string;
    documentPrefix: string;
    issuingOffice: string;
    secretariat: string;
    materials: string;
    noticeTitle: string;
    noticeDate: string;
    deadline: string;
    recipients: string;
    tableName: string;
    tableLabel: string;
  };
  generatedAt: string;
  year: number;
  asOf: string;
  counts: Record<
    | 'units'
    | 'reported'
    | 'onTime'
    | 'late'
    | 'missing'
    | 'pending'
    | 'incomplete'
    | 'invalid'
    | 'counted'
    | 'excluded'
    | 'reportsReceived'
    | 'reportsAnalysed'
    | 'flaggedReports'
    | 'unidentified',
    number
  >;
  units: UnitData[];
  reported: UnitData[];
  onTime: UnitData[];
  late: UnitData[];
  missing: UnitData[];
  pending: UnitData[];
  incomplete: UnitData[];
  invalid: UnitData[];
  excluded: UnitData[];
  flaggedReports: UnitData[];
  /** Units per status, the categories of the workbook's 报送情况 column. */
  statusCounts: Record<'onTime' | 'late' | 'incomplete' | 'invalid' | 'pending' | 'missing', number>;
  totals: Record<string, number>;
  measures: MeasureData[];
  columns: { key: string; label: string; unit: string; total: number }[];
  checklist: { title: string; covered: number; missing: string[] }[];
  circular: {
    units: CircularUnitData[];
    missing: CircularUnitData[];
    late: CircularUnitData[];
    added: CircularUnitData[];
    removed: { unit: string; reason: string }[];
    exempt: { unit: string; reason: string }[];
    final: boolean;
    draft: boolean;
    newDeadline: string;
    number: number;
    date: string;
    year: number;
    documentNumber: string;
  };
}

export interface TemplateInput {
  campaign: Campaign;
  result: MergeResult;
  decisions: Decisions;
  /** The data's 截至 time (result.asOf), or the clock when mail was never read. */
  generatedAt: string;
}

/** "检查计算机数量(台)" → "检查计算机": the item as a sentence names it. */
export function measureName(label: string): string {
  return label
    .replace(/[(（][^()（）]*[)）]\s*$/u, '')
    .replace(/数量$/u, '')
    .trim();
}

function unitData(unit: UnitResult, campaign: Campaign): Omit<UnitData, 'index'> {
  const values: Record<string, number | string> = {};
  for (const column of campaign.columns) {
    const value = unit.values?.[column.key];
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
    counted: unit.countedInTotals,
    values,
    tableFile: unit.tableFile ?? '',
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
    findings: tableFindings(unit.problems),
  };
}

const numbered = <T extends object>(items: readonly T[]): (T & { index: number })[] =>
  items.map((item, index) => ({ index: index + 1, ...item }));

function measures(campaign: Campaign, totals: Record<string, number>): MeasureData[] {
  const out: MeasureData[] = [];
  for (const entry of campaign.file.table.columns) {
    if ('group' in entry) {
      const parts = entry.columns.map((column) => ({ label: column.label, value: totals[subKey(entry, column)] ?? 0 }));
      out.push({
        name: measureName(entry.group),
        label: entry.group,
        unit: entry.unit ?? '',
        total: parts.reduce((sum, part) => sum + part.value, 0),
        parts,
      });
    } else if ((entry.type ?? 'count') === 'count') {
      out.push({
        name: measureName(entry.label),
        label: entry.label,
        unit: entry.unit ?? '',
        total: totals[leafKey(entry)] ?? 0,
        parts: [],
      });
    }
  }
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

export function buildTemplateData(
  input: TemplateInput,
  circular: CircularList = circularList(input.result, input.decisions, input.campaign.file.materials),
): TemplateData {
  const { campaign, result } = input;
  const documentPrefix = /^(.*?)[〔［[（(]/u.exec(campaign.file.documentNumber)?.[1]?.trim() ?? '';
  const circularDate = input.decisions.circular.date ? beijingMidnight(input.decisions.circular.date) : input.generatedAt;
  const circularYear = Number(formatChineseDate(circularDate).slice(0, 4));
  const circularNumber = input.decisions.circular.number ?? 0;
  const all = result.units.map((unit) => ({ result: unit, data: unitData(unit, campaign) }));
  const where = (test: (unit: UnitResult, data: Omit<UnitData, 'index'>) => boolean): UnitData[] =>
    numbered(all.filter((item) => test(item.result, item.data)).map((item) => item.data));
  const units = numbered(all.map((item) => item.data));
  const reported = where((_, data) => data.reported);
  const onTime = where((_, data) => data.onTime);
  const late = where((unit) => unit.late);
  const missing = where((unit) => unit.status === 'missing');
  const pending = where((unit) => unit.status === 'pending');
  const incomplete = where((unit) => unit.status === 'incomplete');
  const invalid = where((unit) => unit.status === 'invalid');
  const excluded = where((unit) => unit.tableFile !== null && !unit.countedInTotals);
  // A report that could not be read is the clerk's to look at (the workbook says so), not a finding.
  const readable = (unit: UnitResult) => unit.report !== null && unit.report.analysis.chars !== null;
  const flaggedReports = where((unit, data) => readable(unit) && data.report.flags.length > 0);
  const totals = Object.fromEntries(campaign.countColumns.map((column) => [column.key, result.totals[column.key] ?? 0]));
  const withReport = all.filter((item) => readable(item.result));
  const selected = (kind: CircularEntry['kind']) => circular.entries.filter((entry) => entry.kind === kind);
  return {
    campaign: {
      title: campaign.file.title,
      documentNumber: campaign.file.documentNumber,
      documentPrefix,
      issuingOffice: campaign.file.issuingOffice,
      secretariat: campaign.file.secretariat,
      materials: campaign.file.materials,
      noticeTitle: campaign.file.noticeTitle,
      noticeDate: campaign.file.noticeDate ?? '',
      deadline: campaign.file.deadline,
      recipients: campaign.file.recipients,
      tableName: campaign.file.table.name,
      tableLabel: campaign.file.table.attachmentLabel,
    },
    generatedAt: input.generatedAt,
    year: Number(formatChineseDate(input.generatedAt).slice(0, 4)),
    asOf: result.asOf ?? '',
    counts: {
      units: units.length,
      reported: reported.length,
      onTime: onTime.length,
      late: late.length,
      missing: missing.length,
      pending: pending.length,
      incomplete: incomplete.length,
      invalid: invalid.length,
      counted: result.totalsIncluded.length,
      excluded: excluded.length,
      reportsReceived: all.filter((item) => item.result.report !== null).length,
      reportsAnalysed: withReport.length,
      flaggedReports: flaggedReports.length,
      unidentified: result.unidentified.length,
    },
    units,
    reported,
    onTime,
    late,
    missing,
    pending,
    incomplete,
    invalid,
    excluded,
    flaggedReports,
    statusCounts: {
      onTime: result.units.filter((unit) => unit.status === 'onTime').length,
      late: result.units.filter((unit) => unit.status === 'late').length,
      incomplete: incomplete.length,
      invalid: invalid.length,
      pending: pending.length,
      missing: missing.length,
    },
    totals,
    measures: measures(campaign, totals),
    columns: campaign.countColumns.map((column) => ({
      key: column.key,
      label: column.displayName,
      unit: column.unit ?? '',
      total: totals[column.key] ?? 0,
    })),
    checklist: campaign.checklist.map((area) => ({
      title: area.title,
      covered: withReport.filter((item) => item.result.report!.analysis.areas[area.key]).length,
      missing: withReport.filter((item) => !item.result.report!.analysis.areas[area.key]).map((item) => item.result.unit),
    })),
    circular: {
      units: circularUnits(circular.entries),
      missing: circularUnits(selected('未报送')),
      late: circularUnits(selected('逾期报送')),
      added: circularUnits(selected('秘书科增加')),
      removed: circular.removed,
      exempt: circular.exempt,
      final: circular.final,
      draft: !circular.final,
      newDeadline: circular.newDeadline ?? '',
      number: circularNumber,
      date: circularDate,
      year: circularYear,
      documentNumber: circularDocumentNumber(documentPrefix, circularYear, circularNumber),
    },
  };
}

/**
 * The data as Handlebars receives it: every text value wrapped as literal text (see
 * protected-text.ts). Times, numbers and yes/no stay as they are, for the helpers.
 */
export function protectData(value: unknown, shape: Shape): unknown {
  switch (shape.kind) {
    case 'text':
      return typeof value === 'string' ? protect(value) : value;
    case 'list':
      return Array.isArray(value) ? value.map((item) => protectData(item, shape.item)) : value;
    case 'object': {
      if (value === null || typeof value !== 'object') return value;
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        const field = shape.fields[key];
        out[key] = field ? protectData(item, field) : item;
      }
      return out;
    }
    default:
      return value;
  }
}

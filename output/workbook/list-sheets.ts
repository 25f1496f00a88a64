/**
 * The working workbook's list sheets: 报送情况 (each unit's submission), 问题清单 (every
 * problem), 来信记录 (every message) and 报告分析 (what each written report covers).
 */
import type { Workbook } from 'exceljs';
import { type Campaign, primaryTable } from '../../intake/kernel/campaign/campaign.js';
import { asksForReport } from '../../intake/kernel/campaign/materials.js';
import { describeProblem, SEVERITY_LABEL, shortId } from '../../intake/kernel/problems.js';
import type { MergeResult, UnitResult } from '../../pipeline/merge/merge-result.js';
import { MESSAGE_OUTCOME_LABEL, RECEIVED_SOURCE_LABEL, UNIT_STATUS_LABEL } from '../../pipeline/merge/merge-result.js';
import { listSheet } from './list-sheet.js';

/**
 * An instant as an Excel date-time showing Beijing wall-clock time: Excel dates carry no zone,
 * and exceljs writes a Date as its UTC reading.
 */
const beijingDate = (iso: string): Date => new Date(Date.parse(iso) + 8 * 3_600_000);

/** A receive time as a real Excel date-time (Beijing), blank when unknown. */
const when = (iso: string | null): Date | null => (iso && Number.isFinite(Date.parse(iso)) ? beijingDate(iso) : null);

/**
 * 采用的统计表: the adopted file; when the unit's tables come from different files (a correction
 * resending only 附件2), each file with the tables taken from it, and with its message where two
 * share a name.
 */
export function adoptedTablesText(campaign: Campaign, unit: UnitResult): string {
  const groups = new Map<string, { file: string; messageId: string; tables: string[] }>();
  for (const table of campaign.tables) {
    const adopted = unit.tables[table.key];
    if (!adopted || adopted.file === null) continue;
    const key = `${adopted.messageId}\u0000${adopted.file}`;
    const group = groups.get(key) ?? { file: adopted.file, messageId: adopted.messageId ?? '', tables: [] };
    group.tables.push(table.attachmentLabel || table.name);
    groups.set(key, group);
  }
  const primary = unit.tables[primaryTable(campaign.tables).key];
  if (groups.size === 1 && primary?.file) return primary.file;
  const all = [...groups.values()];
  const shared = (file: string) => all.filter((group) => group.file === file).length > 1;
  return all
    .map((group) => `${group.file}（${group.tables.join('、')}${shared(group.file) ? `，来信 ${shortId(group.messageId)}` : ''}）`)
    .join('\n');
}

/** 报送情况; its 书面报告 column only when the campaign asks for a report. */
export function statusSheet(workbook: Workbook, campaign: Campaign, result: MergeResult): void {
  const report = asksForReport(campaign.materials);
  listSheet(
    workbook,
    '报送情况',
    [
      { header: '序号', width: 6 },
      { header: '单位', width: 18 },
      { header: '报送情况', width: 12 },
      { header: '是否逾期', width: 9 },
      { header: '首次报送时间', width: 17 },
      { header: '最近报送时间', width: 17 },
      { header: '发件人', width: 22 },
      { header: '邮件标题', width: 24 },
      { header: '附件', width: 26 },
      { header: '采用的统计表', width: 20 },
      ...(report ? [{ header: '书面报告', width: 20 }] : []),
      { header: '错误', width: 6 },
      { header: '提示', width: 6 },
    ],
    result.units.map((unit, index) => [
      index + 1,
      unit.unit,
      UNIT_STATUS_LABEL[unit.status],
      unit.late ? '是' : unit.firstReceivedAt ? '否' : '',
      when(unit.firstReceivedAt),
      when(unit.receivedAt),
      unit.sender ?? '',
      unit.subject ?? '',
      unit.files.join('\n'),
      adoptedTablesText(campaign, unit),
      ...(report ? [unit.report?.file ?? ''] : []),
      unit.problems.filter((item) => item.severity === 'error').length,
      unit.problems.filter((item) => item.severity === 'warning').length,
    ]),
  );
}

export function problemSheet(workbook: Workbook, result: MergeResult): void {
  listSheet(
    workbook,
    '问题清单',
    [
      { header: '序号', width: 6 },
      { header: '级别', width: 6 },
      { header: '单位', width: 16 },
      { header: '来信编号', width: 14 },
      { header: '文件', width: 26 },
      { header: '位置', width: 12 },
      { header: '栏目', width: 24 },
      { header: '发现', width: 14 },
      { header: '应为', width: 16 },
      { header: '说明', width: 50 },
    ],
    result.problems.map((item, index) => [
      index + 1,
      SEVERITY_LABEL[item.severity],
      item.unit ?? '（待核实）',
      item.messageId ?? '',
      item.file ?? '',
      item.location ?? '',
      item.field ?? '',
      item.found ?? '',
      item.expected ?? '',
      describeProblem(item),
    ]),
  );
}

export function messageSheet(workbook: Workbook, result: MergeResult): void {
  listSheet(
    workbook,
    '来信记录',
    [
      { header: '来信编号', width: 14 },
      { header: '接收时间', width: 17 },
      { header: '时间依据', width: 20 },
      { header: '发件人', width: 22 },
      { header: '邮件标题', width: 24 },
      { header: '附件', width: 26 },
      { header: '处理结果', width: 10 },
      { header: '归属单位', width: 16 },
      { header: '识别依据', width: 40 },
      { header: '来源', width: 22 },
    ],
    result.messages.map((message) => [
      shortId(message.id),
      when(message.receivedAt),
      RECEIVED_SOURCE_LABEL[message.receivedSource],
      message.from,
      message.subject,
      message.files.join('\n'),
      message.note ? `${MESSAGE_OUTCOME_LABEL[message.outcome]}（${message.note}）` : MESSAGE_OUTCOME_LABEL[message.outcome],
      message.unit ?? '',
      message.basis,
      message.origin,
    ]),
  );
}

/** 报告分析: per unit, what its written report covers; a flag for the clerk, never a verdict. */
export function reportSheet(workbook: Workbook, campaign: Campaign, result: MergeResult): void {
  const yesNo = (value: boolean | undefined) => (value === undefined ? '' : value ? '是' : '否');
  listSheet(
    workbook,
    '报告分析',
    [
      { header: '序号', width: 6 },
      { header: '单位', width: 18 },
      { header: '书面报告', width: 28 },
      { header: '字数', width: 8 },
      ...campaign.checklist.map((area) => ({ header: area.title, width: 14 })),
      { header: '提及问题', width: 9 },
      { header: '提及整改', width: 9 },
      { header: '扫描件', width: 8 },
      { header: '请关注', width: 50 },
    ],
    result.units.map((unit, index) => {
      const analysis = unit.report?.analysis;
      const readable = analysis !== undefined && analysis.chars !== null;
      return [
        index + 1,
        unit.unit,
        unit.report?.file ?? '（未收到）',
        analysis?.chars ?? null,
        ...campaign.checklist.map((area) => (readable ? yesNo(analysis.areas[area.key]) : '')),
        readable ? yesNo(analysis.mentionsProblems) : '',
        readable ? yesNo(analysis.mentionsRectification) : '',
        analysis ? yesNo(analysis.scanned) : '',
        analysis?.flags.join('；') ?? '',
      ];
    }),
  );
}

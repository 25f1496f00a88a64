/**
 * The office's notice and table templates (as read) → a draft of the whole campaign: every value
 * campaign.yaml holds, each with where it was read and how sure, and what the set-up could not
 * settle. Plain data: the command line prints it and writes the folder from it; the console's
 * 新建活动 page shows it, lets the clerk correct it, and writes the folder from the corrected one.
 * Pure: the clock comes in as `today`.
 */

import type { RosterUnit } from '../../intake/kernel/campaign/roster.js';
import type { MaterialEntry } from '../../intake/kernel/campaign/schema/material-schema.js';
import { byDefault, type Derived, guess, likely } from './derived.js';
import { mailKeywordsOf } from './mail-keywords.js';
import { matchTables, TABLE_TITLE } from './match-tables.js';
import { type DraftNotice, deriveNotice } from './notice/derive-notice.js';
import type { DraftChecklist } from './notice/notice-checklist.js';
import { END_OF_WORKING_DAY } from './notice/notice-deadline.js';
import type { ReadSetupFile } from './read-setup-files.js';
import { type DraftTable, deriveTable } from './table/derive-table.js';
import { tableDefOf } from './table-entries.js';
import { templateRules } from './template-rules.js';

export interface CampaignDraft {
  /** The files it was derived from. */
  notice: string | null;
  files: string[];
  title: Derived<string>;
  documentNumber: Derived<string>;
  issuingOffice: Derived<string>;
  secretariat: Derived<string>;
  materialsWord: Derived<string>;
  noticeTitle: Derived<string> | null;
  noticeDate: Derived<string> | null;
  deadline: Derived<string>;
  recipients: Derived<string> | null;
  keywords: Derived<string[]>;
  tables: DraftTable[];
  rules: Derived<string>[];
  suggestedRules: Derived<string>[];
  required: Derived<MaterialEntry>[];
  checklist: DraftChecklist | null;
  /** The address units send materials to. */
  mailbox: Derived<string> | null;
  contact: Derived<string> | null;
  /** The notice's 附件 and what each became. */
  attachments: { label: string; title: string; became: string }[];
  roster: { units: RosterUnit[]; from: string } | null;
  /** What the set-up could not settle and is not one value: a listed table without its file, a file it could not read. */
  doubts: string[];
}

export interface SetupInput {
  /** The notice, read; null when only templates are given. */
  notice: ReadSetupFile | null;
  /** The table templates, read. */
  templates: readonly ReadSetupFile[];
  roster: { units: RosterUnit[]; from: string } | null;
  /** "YYYY-MM-DD" in Beijing: the year of a notice that names none, the fallback deadline. */
  today: string;
}

function templateTables(file: ReadSetupFile, doubts: string[]): DraftTable[] {
  if (file.kind === 'unreadable') {
    doubts.push(`${file.name}：${file.reason}`);
    return [];
  }
  const sheets = file.kind === 'sheet' ? file.sheets : file.tables;
  const tables = sheets.map(deriveTable).filter((table): table is DraftTable => table !== null);
  if (tables.length === 0) doubts.push(`${file.name}：没有找到表格的表头（至少两个栏目名称并排的一行）`);
  return tables;
}

/** Two tables may not share a name: the second gets its 附件 label or a number. */
function uniqueNames(tables: DraftTable[]): DraftTable[] {
  const seen = new Set<string>();
  return tables.map((table, index) => {
    let name = table.name.value;
    if (seen.has(name)) name = `${name}（${table.attachmentLabel?.value || index + 1}）`;
    seen.add(name);
    return name === table.name.value ? table : { ...table, name: guess(name, table.name.from, `与另一张表同名，改为「${name}」，请核对`) };
  });
}

function requiredMaterials(tables: readonly DraftTable[], notice: DraftNotice | null): Derived<MaterialEntry>[] {
  const required: Derived<MaterialEntry>[] = tables.map((table) =>
    likely<MaterialEntry>(table.name.value, table.name.from, '通知附件中的表格'),
  );
  const report = notice?.requirements.report;
  if (report)
    required.push(
      likely<MaterialEntry>(
        report.value === '书面总结报告' ? report.value : { report: report.value },
        report.from,
        '通知要求报送的书面报告',
      ),
    );
  else if (!notice) required.push(byDefault<MaterialEntry>('书面总结报告', '没有通知可读，按惯例要求报送书面总结报告'));
  const scan = notice?.requirements.scan;
  if (scan) required.push(likely<MaterialEntry>({ file: scan.value.name, keywords: scan.value.keywords }, scan.from, scan.note ?? ''));
  return required;
}

function mailKeywords(title: string, tables: readonly DraftTable[], notice: DraftNotice | null): Derived<string[]> {
  const keywords = mailKeywordsOf({
    title,
    tables: tables.map((table) => table.name.value),
    report: notice?.requirements.report?.value ?? null,
    materialsWord: notice?.requirements.materialsWord?.value ?? null,
  });
  return likely(
    keywords,
    notice?.file ?? '表格',
    '由活动名称、表格名称和通知所要求的材料得出，“报告”“统计”“总结”“台账”一类各种来信都用的词不列入：标题或附件名含这些词、又认不出单位的来信列为“待核实”',
  );
}

function deadlineOf(notice: DraftNotice | null, today: string): Derived<string> {
  if (notice?.deadline) return notice.deadline.deadline;
  const fallback = new Date(`${today}T00:00:00Z`);
  fallback.setUTCDate(fallback.getUTCDate() + 14);
  const value = `${fallback.toISOString().slice(0, 10)}T${END_OF_WORKING_DAY}:00+08:00`;
  return guess(value, notice?.file ?? '默认', '通知中没有找到报送截止时间：暂定为两周后，请务必改成通知规定的时间');
}

function attachmentUses(notice: DraftNotice | null, tables: readonly DraftTable[]): CampaignDraft['attachments'] {
  return (notice?.attachments ?? []).map((attachment) => {
    const table = tables.find(
      (candidate) => candidate.attachmentLabel?.value === attachment.label && candidate.name.value === attachment.title,
    );
    const became = table
      ? `表格（${table.source}）`
      : notice?.checklist?.attachmentLabel === attachment.label
        ? `检查目录（${notice.checklist.areas.length} 个方面）`
        : TABLE_TITLE.test(attachment.title)
          ? '表格，但没有它的模板文件'
          : '未使用';
    return { label: attachment.label, title: attachment.title, became };
  });
}

export function deriveCampaign(input: SetupInput): CampaignDraft {
  const doubts: string[] = [];
  const noticeFile = input.notice;
  if (noticeFile?.kind === 'unreadable') doubts.push(`通知 ${noticeFile.name}：${noticeFile.reason}`);
  const notice = noticeFile?.kind === 'document' ? deriveNotice(noticeFile.name, noticeFile.lines, Number(input.today.slice(0, 4))) : null;
  const inNotice =
    noticeFile && noticeFile.kind === 'document'
      ? noticeFile.tables.map(deriveTable).filter((table): table is DraftTable => table !== null)
      : [];
  const fromFiles = input.templates.flatMap((file) => templateTables(file, doubts));
  const matched = matchTables(fromFiles, inNotice, notice?.attachments ?? []);
  for (const missing of matched.missing)
    doubts.push(
      `通知的${missing.label}《${missing.title}》是一张表格，但没有给出它的模板文件，通知中也没有印出这张表：请在 --from 后加上这个文件`,
    );
  if (matched.tables.length === 0) doubts.push('没有得到任何表格：请在 --from 后给出附件表格的模板文件（.xlsx、.xls、.et、.docx 等）');
  const tables = uniqueNames(matched.tables);
  const defs = tables.map((table) => tableDefOf(table).def);
  const rules = templateRules(tables, defs);
  doubts.push(...rules.problems);
  const title =
    notice?.title ??
    guess(
      tables[0]?.name.value ?? '新活动',
      tables[0]?.name.from ?? '默认',
      '没有通知可读：暂以第一张表格的名称作为活动名称，请改成本次活动的名称',
    );
  const requirements = notice?.requirements;
  return {
    notice: noticeFile?.name ?? null,
    files: input.templates.map((file) => file.name),
    title,
    documentNumber: notice?.documentNumber ?? byDefault('（请填写文号）', '通知中没有找到文号（如“伊滨办〔2013〕62号”）'),
    issuingOffice: notice?.issuingOffice ?? byDefault('（请填写发文机关）', '通知中没有找到发文机关'),
    secretariat: requirements?.secretariat ?? byDefault('', '通知中没有找到接收材料的部门，留空'),
    materialsWord: requirements?.materialsWord ?? byDefault('材料', '通知中没有对所报材料的统称，通报中写“材料”'),
    noticeTitle: notice?.noticeTitle ?? null,
    noticeDate: notice?.noticeDate ?? null,
    deadline: deadlineOf(notice, input.today),
    recipients: notice?.recipients ?? null,
    keywords: mailKeywords(title.value, tables, notice),
    tables,
    rules: rules.rules,
    suggestedRules: rules.suggestions,
    required: requiredMaterials(tables, notice),
    checklist: notice?.checklist ?? null,
    mailbox: requirements?.mailbox ?? null,
    contact: requirements?.contact ?? null,
    attachments: attachmentUses(notice, tables),
    roster: input.roster,
    doubts,
  };
}

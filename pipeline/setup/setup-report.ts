/**
 * What the set-up found and what it is unsure of, in the clerk's words: the lines `huizong init
 * --from` prints (and the console can list). Every value that the files did not say in so many
 * words is among the `unsure`, with why; nothing derived is passed over in silence. Pure.
 */
import { FIELD_TYPE_LABEL, summableByDefault } from '../../intake/kernel/campaign/field-types.js';
import { formatChineseDateTime } from '../../intake/kernel/time.js';
import type { CampaignDraft } from './derive-campaign.js';
import { CONFIDENCE_LABEL, type Derived, needsConfirming } from './derived.js';
import type { DraftColumn } from './table/column-type.js';
import type { DraftTable } from './table/derive-table.js';
import { dateFieldWords } from './table/table-fields.js';

export interface SetupReport {
  found: string[];
  unsure: string[];
}

const mark = (value: Derived<unknown>) => (value.confidence === 'sure' ? '' : `（${CONFIDENCE_LABEL[value.confidence]}）`);

function columnText(column: DraftColumn): string {
  const type = column.type.value;
  const extra = [
    column.places ? `${column.places.value} 位小数` : '',
    column.amountUnit ? column.amountUnit.value : '',
    column.unit && (type === 'count' || type === 'decimal') ? `单位：${column.unit.value}` : '',
    column.options ? column.options.value.join('/') : '',
    column.min !== undefined && column.min.value !== 0 ? `不小于 ${column.min.value}` : '',
    column.max ? `不大于 ${column.max.value}` : '',
    column.required?.value ? '必填' : '',
    column.sum?.value === false && summableByDefault(type) ? '合计不求和' : '',
  ].filter(Boolean);
  return `${column.label} ${FIELD_TYPE_LABEL[type]}${extra.length > 0 ? `（${extra.join('，')}）` : ''}${mark(column.type)}`;
}

function tableLines(table: DraftTable): string[] {
  const kind = table.kind.value === 'list' ? '明细表：每个单位填若干行' : '统计表：每个单位填一行';
  const lines = [
    `表格「${table.name.value}」（${table.attachmentLabel ? `${table.attachmentLabel.value}，` : ''}${kind}${mark(table.kind)}，读自 ${table.source}）`,
  ];
  for (const entry of table.entries) {
    if (entry.kind === 'column') lines.push(`  ${columnText(entry.column)}`);
    else lines.push(`  ${entry.label}：${entry.columns.map(columnText).join('；')}`);
  }
  lines.push(`  填报单位一栏「${table.unitField.value}」，${dateFieldWords(table.dateField)}`);
  return lines;
}

function unsureOfTable(table: DraftTable): string[] {
  const where = `表格「${table.name.value}」`;
  const lines: string[] = [];
  const check = (what: string, value: Derived<unknown> | undefined) => {
    if (needsConfirming(value)) lines.push(`${what}：${JSON.stringify(value!.value).replace(/^"|"$/gu, '')}——${value!.note ?? ''}`);
  };
  check(`${where}的名称`, table.name);
  check(`${where}是统计表还是明细表`, table.kind);
  check(`${where}的填报单位一栏`, table.unitField);
  check(`${where}的填报日期一栏`, table.dateField);
  for (const entry of table.entries) {
    const columns =
      entry.kind === 'column' ? [entry.column] : entry.columns.map((column) => ({ ...column, label: `${entry.label}·${column.label}` }));
    for (const column of columns) {
      check(`${where}「${column.label}」的类型`, column.type);
      check(`${where}「${column.label}」的金额单位`, column.amountUnit);
      check(`${where}「${column.label}」的选项`, column.options);
      if (column.type.confidence === 'likely' && column.type.note?.includes('按单元格的设置'))
        lines.push(`${where}「${column.label}」：${column.type.note}`);
    }
    if (entry.kind === 'group' && entry.note) lines.push(`${where}「${entry.label}」：${entry.note}`);
  }
  return lines;
}

function noticeLines(draft: CampaignDraft): string[] {
  const value = (label: string, derived: Derived<string> | null, absent: string, format = (text: string) => text) =>
    `  ${label}：${derived ? `${format(derived.value) || '（空）'}${mark(derived)}` : absent}`;
  return [
    `通知：${draft.notice ?? '（没有给出通知）'}`,
    value('活动名称', draft.title, ''),
    value('文号', draft.documentNumber, ''),
    value('发文机关', draft.issuingOffice, ''),
    value('通知标题', draft.noticeTitle, '没有找到'),
    value('成文日期', draft.noticeDate, '没有找到（不影响使用）'),
    value('截止时间', draft.deadline, '', formatChineseDateTime),
    value('主送', draft.recipients, '没有找到'),
    value('报送邮箱', draft.mailbox, '没有找到'),
    value('接收部门', draft.secretariat, ''),
    value('联系方式', draft.contact, '没有找到'),
    ...(draft.attachments.length > 0
      ? [`  附件：${draft.attachments.map((item) => `${item.label}《${item.title}》→ ${item.became}`).join('；')}`]
      : []),
  ];
}

export function setupReport(draft: CampaignDraft): SetupReport {
  const found = [
    ...noticeLines(draft),
    ...draft.tables.flatMap(tableLines),
    `校验规则：${draft.rules.length > 0 ? draft.rules.map((rule) => rule.value).join('；') : '模板中没有公式，没有得出规则（可在 campaign.yaml 的 rules: 中添加）'}`,
    `要求报送：${draft.required.map((material) => (typeof material.value === 'string' ? material.value : 'table' in material.value ? material.value.table : 'report' in material.value ? material.value.report : material.value.file)).join('、')}`,
    draft.checklist
      ? `检查目录（${draft.checklist.source}）：${draft.checklist.areas.map((area) => `${area.title.value}〔${area.keywords.value.join('、')}〕`).join('；')}`
      : '检查目录：通知中没有找到',
    draft.roster ? `单位名单：${draft.roster.units.length} 个单位（${draft.roster.from}）` : '单位名单：没有提供（--roster）',
  ];
  const unsure: string[] = [];
  const check = (what: string, value: Derived<unknown> | null | undefined, show = (v: unknown) => String(v)) => {
    if (value && needsConfirming(value)) unsure.push(`${what}：${show(value.value)}——${value.note ?? ''}`);
  };
  check('活动名称', draft.title);
  check('文号', draft.documentNumber);
  check('发文机关', draft.issuingOffice);
  check('截止时间', draft.deadline, (v) => formatChineseDateTime(String(v)));
  check('接收部门', draft.secretariat);
  check('材料的统称', draft.materialsWord);
  if (!draft.mailbox) unsure.push('报送邮箱：通知中没有找到邮箱地址，请在 campaign.yaml 的 mailbox: 中填写收信邮箱');
  for (const rule of draft.suggestedRules)
    unsure.push(`可能需要的规则“${rule.value}”——${rule.note ?? ''}（已写在 campaign.yaml 中，行首有 #）`);
  unsure.push(...draft.tables.flatMap(unsureOfTable), ...draft.doubts);
  if (!draft.roster || draft.roster.units.length === 0)
    unsure.push('单位名单是空的：请在 roster.csv 中逐行填写单位名称、别名、邮箱，或重新运行并加 --roster <名单.xlsx 或以前的活动文件夹>');
  return { found, unsure };
}

/**
 * The clerk's corrections on the 新建活动 page, applied to the draft: the notice's fields (title,
 * 文号, 发文机关, deadline as a date and an hour, the mailbox), each table's name and kind, each
 * column's type with its unit, the rules as lines. What the clerk sets becomes `byClerk` (sure,
 * from 秘书科); what is left as it was keeps where it was read. Pure.
 */
import type { AmountUnit, FieldType } from '../../../../intake/kernel/campaign/field-types.js';
import type { TableKind } from '../../../../intake/kernel/campaign/tables.js';
import type { CampaignDraft } from '../../../../pipeline/setup/derive-campaign.js';
import { byClerk, type Derived } from '../../../../pipeline/setup/derived.js';
import type { DraftColumn } from '../../../../pipeline/setup/table/column-type.js';
import type { DraftEntry, DraftTable } from '../../../../pipeline/setup/table/derive-table.js';

/** A column's type and unit as one choice of the page's select. */
export const TYPE_CHOICES: readonly { key: string; label: string; type: FieldType; unit?: AmountUnit }[] = [
  { key: 'count', label: '整数', type: 'count' },
  { key: 'decimal', label: '小数', type: 'decimal' },
  { key: 'percent', label: '百分比（%）', type: 'percent' },
  { key: 'amount-万元', label: '金额（万元）', type: 'amount', unit: '万元' },
  { key: 'amount-元', label: '金额（元）', type: 'amount', unit: '元' },
  { key: 'date', label: '日期', type: 'date' },
  { key: 'choice', label: '单选', type: 'choice' },
  { key: 'text', label: '文字', type: 'text' },
];

export function typeChoiceOf(column: DraftColumn): string {
  const type = column.type.value;
  return type === 'amount' ? `amount-${column.amountUnit?.value ?? '万元'}` : type;
}

export type ReviewForm = Readonly<Record<string, unknown>>;

export interface Reviewed {
  draft: CampaignDraft;
  /** What the form got wrong (a date that is no date), in Chinese; the draft keeps the old value then. */
  mistakes: string[];
}

const field = (form: ReviewForm, name: string): string | undefined => {
  const value = form[name];
  return typeof value === 'string' ? value.trim() : undefined;
};

/** The value the clerk sent, as the clerk's when it differs from the draft's; missing: unchanged. */
function corrected(current: Derived<string>, sent: string | undefined): Derived<string> {
  return sent === undefined || sent === current.value ? current : byClerk(sent);
}

function retyped(column: DraftColumn, key: string | undefined): DraftColumn {
  const choice = TYPE_CHOICES.find((candidate) => candidate.key === key);
  if (!choice || choice.key === typeChoiceOf(column)) return column;
  // Places, bounds and options read for the old type do not carry over to another type.
  const { places: _places, amountUnit: _unit, min: _min, max: _max, options, ...rest } = column;
  return {
    ...rest,
    type: byClerk(choice.type),
    ...(choice.unit ? { amountUnit: byClerk(choice.unit) } : {}),
    ...(choice.type === 'choice' && options ? { options } : {}),
  };
}

function reviewTable(table: DraftTable, index: number, form: ReviewForm): DraftTable {
  let position = 0;
  const column = (draft: DraftColumn) => retyped(draft, field(form, `t${index}-c${position++}`));
  const entries = table.entries.map(
    (entry): DraftEntry =>
      entry.kind === 'column' ? { kind: 'column', column: column(entry.column) } : { ...entry, columns: entry.columns.map(column) },
  );
  const kind = field(form, `t${index}-kind`);
  return {
    ...table,
    name: corrected(table.name, field(form, `t${index}-name`) || undefined),
    kind: (kind === 'row' || kind === 'list') && kind !== table.kind.value ? byClerk<TableKind>(kind) : table.kind,
    entries,
  };
}

/** "2013-08-18" and "18:00" → the deadline campaign.yaml keeps, in Beijing time. */
export function deadlineFrom(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) return null;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/u.test(time)) return null;
  return `${date}T${time}:00+08:00`;
}

function reviewDeadline(draft: CampaignDraft, form: ReviewForm, mistakes: string[]): Derived<string> {
  const date = field(form, 'deadlineDate');
  const time = field(form, 'deadlineTime');
  if (date === undefined || time === undefined) return draft.deadline;
  const value = deadlineFrom(date, time);
  if (value === null) {
    mistakes.push(`截止时间「${date} ${time}」不是有效的日期和时间，例如 2013-08-18 18:00`);
    return draft.deadline;
  }
  return value === draft.deadline.value ? draft.deadline : byClerk(value);
}

function reviewRules(draft: CampaignDraft, form: ReviewForm): Derived<string>[] {
  const sent = field(form, 'rules');
  if (sent === undefined) return draft.rules;
  const lines = sent
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return lines.map((line) => draft.rules.find((rule) => rule.value === line) ?? byClerk(line));
}

/** A table renamed: the materials that named it name it anew. */
function renamedMaterials(draft: CampaignDraft, tables: readonly DraftTable[]): CampaignDraft['required'] {
  const renames = new Map(draft.tables.map((table, index) => [table.name.value, tables[index]!.name.value]));
  return draft.required.map((entry) => {
    const value = entry.value;
    if (typeof value === 'string' && renames.has(value) && renames.get(value) !== value) return byClerk(renames.get(value)!);
    return entry;
  });
}

export function applyReview(draft: CampaignDraft, form: ReviewForm): Reviewed {
  const mistakes: string[] = [];
  const tables = draft.tables.map((table, index) => reviewTable(table, index, form));
  const mailbox = field(form, 'mailbox');
  if (mailbox !== undefined && mailbox !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(mailbox))
    mistakes.push(`收信邮箱「${mailbox}」不是邮箱地址，例如 lyybqgwh@163.com`);
  const reviewed: CampaignDraft = {
    ...draft,
    title: corrected(draft.title, field(form, 'title') || undefined),
    documentNumber: corrected(draft.documentNumber, field(form, 'documentNumber') || undefined),
    issuingOffice: corrected(draft.issuingOffice, field(form, 'issuingOffice') || undefined),
    deadline: reviewDeadline(draft, form, mistakes),
    mailbox:
      mailbox === undefined || mistakes.length > 0
        ? draft.mailbox
        : mailbox === ''
          ? null
          : draft.mailbox?.value === mailbox
            ? draft.mailbox
            : byClerk(mailbox),
    tables,
    required: renamedMaterials(draft, tables),
    rules: reviewRules(draft, form),
  };
  return { draft: reviewed, mistakes };
}

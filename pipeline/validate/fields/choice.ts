/**
 * 单选: one of the column's options, as units type it. Exactly an option: read. An option typed
 * with spaces around or inside it, in full-width letters or another case (Ａ, "是 ", a): read,
 * with a warning (the unit's dropdown was bypassed; it should hear of it). In a
 * 是/否 column the ways people say yes and no (是的, 有, √; 不是, 没有, ×) are read as 是 / 否,
 * with a warning. Anything else (已建立 pasted over a 是/否 dropdown) is a refusal that names
 * the allowed values (value.not_an_option).
 */
import type { ColumnDef } from '../../../intake/kernel/campaign/campaign.js';
import { compact } from '../../../intake/kernel/text/normalize.js';
import type { FieldCell, FieldReading } from './field-reading.js';

const YES = new Set(['是的', '对', '有', '是是', '√', '✓', '✔', 'y', 'yes', 'true', '1']);
const NO = new Set(['不是', '否的', '没有', '无', '不', '×', '✗', '✘', 'x', 'n', 'no', 'false', '0']);

function folded(text: string): string {
  return compact(text)
    .replace(/[。.，,；;！!]+$/u, '')
    .toLowerCase();
}

export function readChoice(cell: FieldCell, column: Pick<ColumnDef, 'options'>): FieldReading {
  const options = column.options ?? [];
  const original = cell.text;
  if (options.includes(original)) return { ok: true, value: original };
  const trimmed = original.trim();
  const typed = folded(trimmed);
  const same = options.find((option) => folded(option) === typed);
  const yesNo = options.includes('是') && options.includes('否');
  const meant = same ?? (yesNo && YES.has(typed) ? '是' : yesNo && NO.has(typed) ? '否' : undefined);
  if (meant !== undefined) return { ok: true, value: meant, note: `填写为「${original}」，按「${meant}」计` };
  return { ok: false, code: 'value.not_an_option', reason: `不是可选的值，可选：${options.join('、')}` };
}

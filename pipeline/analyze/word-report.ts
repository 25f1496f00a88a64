/**
 * Whether a Word document is also the written report, and its text: the text outside the
 * campaign's tables. A document holding a table is the report only when prose of its own stands
 * beside it; the table's own lines — its 附件 label and title, the 填报单位/填报日期 line, the
 * 填表人 and 审核人 line, the template's 填报说明 — are no report, however long. Pure.
 */
import type { TableDef } from '../../intake/kernel/campaign/campaign.js';
import { compact } from '../../intake/kernel/text/normalize.js';
import type { DocxParagraph } from '../extract/docx-walk.js';
import type { ReportDraft } from './facts.js';

/**
 * A Word document holding a table of the campaign is also the written report when this much
 * prose stands outside the table and its own lines.
 */
export const REPORT_MIN_PROSE_CHARS = 100;

/** Longer than a line of fields under a table; a sentence of a report may name 填报单位 too. */
const FIELD_LINE_MAX = 60;
/** A title may carry the unit's name before the table's ("西岭镇2030年度…台账"). */
const TITLE_EXTRA_MAX = 12;

const SIGNATURE =
  /^(填表人|填报人|制表人|制表|统计人|审核人|审核|审批人|负责人|单位负责人|主要负责人|分管领导|联系人|联系电话|电话|手机|填表日期|填表时间|填报时间|日期)[:：]/u;
const NOTE_HEAD = /^(填报说明|填表说明|说明|注|备注)\d?[:：]|^(填报说明|填表说明)$/u;
const NOTE_ITEM = /^([(（]?\d{1,2}[)）.．、]|[一二三四五六七八九十]+、)/u;

function isTitle(line: string, tables: readonly TableDef[]): boolean {
  const rest = line.replace(/^附件\d{0,2}[:：]?/u, '').replace(/[《》]/gu, '');
  if (rest === '') return true;
  return tables.some((table) => {
    const name = compact(table.name);
    return name !== '' && rest.includes(name) && rest.length <= name.length + TITLE_EXTRA_MAX;
  });
}

function isFieldLine(line: string, tables: readonly TableDef[]): boolean {
  if (line.length > FIELD_LINE_MAX) return false;
  if (SIGNATURE.test(line)) return true;
  return tables.some((table) => [table.unitField, table.dateField].some((label) => label !== '' && line.includes(compact(label))));
}

/** The characters of prose among these lines, the table's own lines left out. */
function proseChars(lines: readonly string[], tables: readonly TableDef[]): number {
  let chars = 0;
  let inNotes = false;
  for (const line of lines) {
    if (NOTE_HEAD.test(line)) {
      inNotes = true;
      continue;
    }
    if (inNotes && NOTE_ITEM.test(line)) continue;
    inNotes = false;
    if (!isTitle(line, tables) && !isFieldLine(line, tables)) chars += line.length;
  }
  return chars;
}

/**
 * `tableGrids`: the labels of the Word tables the campaign's tables were found in (a list split
 * over two tables fills both); `tables`: the campaign's table definitions.
 */
export function wordReport(
  paragraphs: readonly DocxParagraph[],
  tableGrids: ReadonlySet<string>,
  tables: readonly TableDef[],
): ReportDraft | null {
  const outside = paragraphs.filter((paragraph) => paragraph.table === null || !tableGrids.has(paragraph.table));
  const text = outside.map((paragraph) => paragraph.text).join('\n');
  const chars = compact(text).length;
  if (tableGrids.size === 0) return { chars, text };
  const lines = outside.map((paragraph) => compact(paragraph.text)).filter((line) => line !== '');
  return proseChars(lines, tables) >= REPORT_MIN_PROSE_CHARS ? { chars, text } : null;
}

/**
 * An office's .xlsx table template read whole with exceljs: unlike a unit's submission (which
 * pipeline/extract cuts down to values and merges), a template is read for everything the office
 * put into its cells — number formats, data validations, formulas, borders — since these say
 * what each column holds. Templates are small; the size is capped by the caller.
 */
import type ExcelJSNamespace from 'exceljs';
import { loadExcelJs } from '../../../intake/kernel/load-exceljs.js';
import { cellContent } from '../../extract/cell-value.js';
import { columnLetters } from '../../extract/grid.js';
import type { TemplateCell, TemplateSheet, TemplateValidation } from './template-sheet.js';

/** A template's table sits near the top; rows and columns past these are not read. */
const MAX_ROWS = 300;
const MAX_COLUMNS = 60;

interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function parseRange(range: string): Merge | null {
  const match = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(range.trim().toUpperCase());
  if (!match) return null;
  const column = (letters: string) => [...letters].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0);
  const left = column(match[1]!);
  const top = Number(match[2]);
  return { top, left, bottom: match[4] ? Number(match[4]) : top, right: match[3] ? column(match[3]) : left };
}

function bordered(cell: ExcelJSNamespace.Cell): boolean {
  const border = cell.border as Partial<Record<'top' | 'left' | 'bottom' | 'right', { style?: string } | undefined>> | undefined;
  if (!border) return false;
  return (['top', 'left', 'bottom', 'right'] as const).some((side) => border[side]?.style !== undefined);
}

function formulaOf(cell: ExcelJSNamespace.Cell): string | undefined {
  const value = cell.value as { formula?: string; sharedFormula?: string } | null;
  if (value === null || typeof value !== 'object') return undefined;
  // A shared formula's own text, as Excel shows it in this cell, is exceljs's `formula`.
  const text = cell.formula ?? value.formula;
  return typeof text === 'string' && text !== '' ? text.replace(/^=/, '') : undefined;
}

function validationOf(cell: ExcelJSNamespace.Cell): TemplateValidation | undefined {
  const validation = cell.dataValidation as
    | { type?: string; operator?: string; formulae?: unknown[]; allowBlank?: boolean }
    | undefined
    | null;
  if (!validation?.type || validation.type === 'any' || validation.type === 'none') return undefined;
  return {
    type: validation.type,
    ...(validation.operator ? { operator: validation.operator } : {}),
    // exceljs gives a date validation's bounds as dates: kept as the day they name.
    formulae: (validation.formulae ?? []).map((formula) =>
      formula instanceof Date ? formula.toISOString().slice(0, 10) : String(formula),
    ),
    allowBlank: validation.allowBlank ?? false,
  };
}

function readCell(cell: ExcelJSNamespace.Cell, address: string): TemplateCell {
  const content = cellContent(cell.value);
  const numFmt = typeof cell.numFmt === 'string' && cell.numFmt !== '' && cell.numFmt !== 'General' ? cell.numFmt : undefined;
  const formula = formulaOf(cell);
  const validation = validationOf(cell);
  return {
    text: content.text,
    address,
    ...(content.number !== undefined && formula === undefined ? { number: content.number } : {}),
    ...(numFmt ? { numFmt } : {}),
    ...(formula ? { formula } : {}),
    ...(validation ? { validation } : {}),
    ...(bordered(cell) ? { bordered: true } : {}),
  };
}

function sheetMerges(sheet: ExcelJSNamespace.Worksheet): Merge[] {
  const model = sheet.model as { merges?: string[] };
  return (model.merges ?? []).map(parseRange).filter((merge): merge is Merge => merge !== null);
}

function readSheet(sheet: ExcelJSNamespace.Worksheet, file: string, place: string): TemplateSheet {
  const merges = sheetMerges(sheet);
  const rowCount = Math.min(Math.max(sheet.rowCount, ...merges.map((merge) => merge.bottom)), MAX_ROWS);
  const columnCount = Math.min(Math.max(sheet.columnCount, ...merges.map((merge) => merge.right)), MAX_COLUMNS);
  const rows: TemplateCell[][] = [];
  for (let r = 1; r <= rowCount; r++) {
    const row: TemplateCell[] = [];
    for (let c = 1; c <= columnCount; c++) row.push(readCell(sheet.getCell(r, c), `${columnLetters(c - 1)}${r}`));
    rows.push(row);
  }
  for (const merge of merges) {
    const master = rows[merge.top - 1]?.[merge.left - 1];
    if (!master) continue;
    master.span = { rows: merge.bottom - merge.top + 1, columns: merge.right - merge.left + 1 };
    for (let r = merge.top; r <= Math.min(merge.bottom, rowCount); r++)
      for (let c = merge.left; c <= Math.min(merge.right, columnCount); c++) {
        if (r === merge.top && c === merge.left) continue;
        const covered = rows[r - 1]![c - 1]!;
        rows[r - 1]![c - 1] = { ...covered, text: master.text, mergedCopy: true };
      }
  }
  return { file, place, rows, above: [], below: [], word: false };
}

/** Every visible sheet of the workbook that has any text. */
export async function readXlsxTemplate(content: Buffer, file: string): Promise<TemplateSheet[]> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const visible = workbook.worksheets.filter((sheet) => sheet.state !== 'hidden' && sheet.state !== 'veryHidden');
  return visible
    .map((sheet) => readSheet(sheet, file, visible.length > 1 ? `工作表「${sheet.name}」` : ''))
    .filter((sheet) => sheet.rows.some((row) => row.some((cell) => cell.text.trim() !== '')));
}

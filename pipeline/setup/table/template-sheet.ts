/**
 * A blank table template as the set-up reads it: every cell with its text, its merge, and what
 * the office put into it besides text — a number format, a data validation, a formula, a border.
 * An Excel sheet and a Word table both become one; a Word table has no formats or validations,
 * and every cell of it has a border. Plain data: the readers build it, the derivation reads it.
 */

export interface TemplateValidation {
  /** Excel's kinds: list (a dropdown), whole, decimal, date, time, textLength, custom. */
  type: string;
  /** between, notBetween, equal, greaterThanOrEqual, lessThanOrEqual, greaterThan, lessThan… */
  operator?: string;
  /** As written: `"是,否"`, `0`, `20`, `46023`, `$K$2:$K$4`. */
  formulae: string[];
  allowBlank: boolean;
}

export interface TemplateCell {
  /** The text as displayed, line breaks kept. */
  text: string;
  /** "D7" in a sheet, "第1个表格第3行第2列" in a Word document. */
  address: string;
  /** Covered by another cell's merge (its text repeats the master's). */
  mergedCopy?: boolean;
  /** For a merge's master cell: how many rows and columns it covers. */
  span?: { rows: number; columns: number };
  numFmt?: string;
  /** The formula without its "=": "B7+C7". */
  formula?: string;
  validation?: TemplateValidation;
  bordered?: boolean;
  /** A number stored in the cell (a 序号 typed in). */
  number?: number;
}

export interface TemplateSheet {
  /** The file's name as given. */
  file: string;
  /** Where in the file: "工作表「排查统计」", "第1个表格", "" for the only sheet. */
  place: string;
  rows: TemplateCell[][];
  /** Lines above the table outside its cells (paragraphs before a Word table). */
  above: { text: string; location: string }[];
  /** Lines below it (a 注 paragraph after a Word table). */
  below: { text: string; location: string }[];
  /** A Word table: no formats, no validations, every cell bordered. */
  word: boolean;
}

/** "附件1.xlsx 工作表「排查统计」D7": where the clerk finds a cell. */
export function cellPlace(sheet: Pick<TemplateSheet, 'file' | 'place'>, address: string): string {
  return [sheet.file, sheet.place, address].filter((part) => part !== '').join(' ');
}

export function sheetPlace(sheet: Pick<TemplateSheet, 'file' | 'place'>): string {
  return [sheet.file, sheet.place].filter((part) => part !== '').join(' ');
}

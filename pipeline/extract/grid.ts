/**
 * A table of cells as read from any source (an Excel sheet, a Word table), in one shape that
 * the table finder works on. Pure data: building a grid is the readers' job.
 */

export interface GridCell {
  /** The cell's text as displayed (a number's digits, a date as text). */
  text: string;
  /** Present when the source stored a number (not text that looks like one). */
  number?: number;
  /** Present when the cell holds a spreadsheet error such as #DIV/0!. */
  error?: string;
  /**
   * A number shown as a percentage (Excel's 0.0% format): 0.857 is 85.7 % to the unit. Only
   * spreadsheets know formats; Word and HTML tables give text ("85.7%").
   */
  percent?: true;
  /** A real date cell (a serial number in a date format): its calendar day, "2026-05-18". */
  date?: string;
  /** Where the clerk finds it: "D8" in a sheet, "第3行第4列" in a Word table. */
  address: string;
  /** True for a cell covered by a merge but not its top-left (master) cell. */
  mergedCopy?: boolean;
  /**
   * A formula the file stores without its result (generators, some WPS saves): computed here
   * (`computed`, text/number are its value) or not computable (`reason`, text empty).
   */
  formula?: FormulaNote;
}

export interface FormulaNote {
  /** The formula as written, with its "=". */
  text: string;
  computed: boolean;
  /** Why it could not be computed (Chinese). */
  reason?: string;
}

export interface Grid {
  /** How the clerk finds this grid in the file: "" for the only sheet, "工作表「表2」", "第2个表格". */
  label: string;
  /** rows[r][c]; merged ranges repeat the master cell's content in every covered cell. */
  rows: GridCell[][];
  /**
   * Rows the file hides (an .xlsx's `<row hidden="1">`), by 0-based index: the unit does not see
   * them on screen or on paper. Word and HTML tables have none.
   */
  hiddenRows?: ReadonlySet<number>;
  /** Text lines that stand above the grid outside it (Word paragraphs before a table). */
  preamble?: { text: string; location: string }[];
}

/** Spreadsheet column letters for a 0-based index: 0 → A, 26 → AA. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export function emptyCell(address: string): GridCell {
  return { text: '', address };
}

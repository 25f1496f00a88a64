/**
 * One worksheet as xlsx-grid.ts reads it, whichever reader read it (the streaming reader in this
 * folder, or exceljs for the packages that reader leaves to it): the numbers exceljs gives for
 * its size, and its cells with exceljs's `cell.value`, `cell.numFmt` and `cell.formula`.
 */
export interface SourceCellView {
  row: number;
  col: number;
  /** The cell's own address as its file writes it ("C7"). */
  address: string;
  /** exceljs's cell.value: number, string, boolean, Date, { richText }, { error }, { formula, result }… */
  value: unknown;
  numFmt: string | undefined;
  /** exceljs's cell.formula (a shared formula moved to this cell), '' when none. */
  formula(): string;
}

export interface SheetSource {
  name: string;
  state: string;
  /** exceljs's worksheet.rowCount: the last row written, empty or not. */
  rowCount: number;
  /** exceljs's worksheet.columnCount: the widest row holding a value, styled empty cells counted. */
  columnCount: number;
  /** The rows the file hides (`<row hidden="1">`, exceljs's row.hidden), by 1-based number. */
  hiddenRows: ReadonlySet<number>;
  /** The cells holding something (exceljs's eachRow/eachCell without empties), row by row. */
  cells(): Iterable<SourceCellView>;
}

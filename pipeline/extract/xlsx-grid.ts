/**
 * Reads an .xlsx file into grids, one per worksheet, with merged cells resolved the way people
 * see them: every cell covered by a merge shows the master's text. The package is first cut down
 * to what is read (xlsx-slim.ts); merges are applied here, within the rows and columns read.
 * Cells come from the streaming reader (xlsx-stream/), or from exceljs for the packages that
 * reader leaves to it: both give the same SheetSource (exceljs's values), turned into grids here.
 */
import type ExcelJSNamespace from 'exceljs';
import { unzipSync } from 'fflate';
import { loadExcelJs } from '../../intake/kernel/load-exceljs.js';
import { cellContent, isPercentFormat, isResultlessFormula } from './cell-value.js';
// The formula engine (fast-formula-parser and its parser generator, ~90 modules) loads only for a
// workbook with formulas stored without results: most never need it.
import type { SourceCell, SourceWorkbook } from './formula-values.js';
import { columnLetters, emptyCell, type Grid, type GridCell } from './grid.js';
import type { OpenedPackage } from './ooxml-inspect.js';
import { type SlimSheet, type SlimXlsx, slimXlsx } from './xlsx-slim.js';
import { loadSlideFormula, type PackageParts, readStreamBook } from './xlsx-stream/read-book.js';
import type { SheetSource, SourceCellView } from './xlsx-stream/sheet-source.js';

export interface XlsxGridOptions {
  /** Rows read per sheet; the statistics table sits near the top. Default 2000. */
  maxRows?: number;
  /** Columns read per sheet. Default 100. */
  maxColumns?: number;
  /** The package as its inspection opened it: the zip is then not read again. */
  opened?: OpenedPackage;
}

export interface XlsxGrids {
  grids: Grid[];
  /** Sheets cut at maxRows/maxColumns, by name. */
  truncated: string[];
}

/**
 * Worksheet parts the table finder never looks at (only cell values and merges matter): not
 * parsing them makes reading a sheet about a fifth cheaper.
 */
const IGNORED_SHEET_PARTS = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'autoFilter',
  'rowBreaks',
  'colBreaks',
  'hyperlinks',
  'pageMargins',
  'dataValidations',
  'pageSetup',
  'headerFooter',
  'printOptions',
  'picture',
  'drawing',
  'legacyDrawing',
  'sheetProtection',
  'tableParts',
  'conditionalFormatting',
  'mergeCells',
  'extLst',
];

/** A cell covered by a merge shows its master's content; the master's own cell is untouched. */
function applyMerges(rows: GridCell[][], slim: SlimSheet | undefined): void {
  for (const merge of slim?.merges ?? []) {
    const master = rows[merge.top - 1]?.[merge.left - 1];
    if (!master) continue;
    const { address: _address, mergedCopy: _copy, ...content } = master;
    for (let r = merge.top; r <= merge.bottom && r <= rows.length; r++) {
      const row = rows[r - 1]!;
      for (let c = merge.left; c <= merge.right && c <= row.length; c++) {
        if (r === merge.top && c === merge.left) continue;
        row[c - 1] = { ...content, address: row[c - 1]!.address, mergedCopy: true };
      }
    }
  }
}

/** The package cut down; a package fflate cannot read goes to exceljs as it is (it may cope). */
function slimmed(content: Buffer, maxRows: number, maxColumns: number, opened?: OpenedPackage): SlimXlsx {
  try {
    return slimXlsx(content, maxRows, maxColumns, opened);
  } catch {
    return { content, sheets: new Map() };
  }
}

/** The rows exceljs read as hidden, by 1-based number. */
function hiddenRowsOf(sheet: ExcelJSNamespace.Worksheet): Set<number> {
  const hidden = new Set<number>();
  sheet.eachRow({ includeEmpty: true }, (row, r) => {
    if (row.hidden) hidden.add(r);
  });
  return hidden;
}

/** An exceljs worksheet seen as a SheetSource (its cells visited once, when asked for). */
function excelSheet(sheet: ExcelJSNamespace.Worksheet): SheetSource {
  return {
    name: sheet.name,
    state: sheet.state,
    rowCount: sheet.rowCount,
    columnCount: sheet.columnCount,
    hiddenRows: hiddenRowsOf(sheet),
    cells() {
      const cells: SourceCellView[] = [];
      sheet.eachRow({ includeEmpty: false }, (row, r) => {
        row.eachCell({ includeEmpty: false }, (cell, c) => {
          cells.push({ row: r, col: c, address: cell.address, value: cell.value, numFmt: cell.numFmt, formula: () => cell.formula ?? '' });
        });
      });
      return cells;
    },
  };
}

/** The grids as exceljs reads the package (cut down by xlsx-slim.ts first). */
export async function readXlsxGridsWithExcelJs(content: Buffer, options: XlsxGridOptions = {}): Promise<XlsxGrids> {
  const maxRows = options.maxRows ?? 2000;
  const maxColumns = options.maxColumns ?? 100;
  const ExcelJS = await loadExcelJs();
  const slim = slimmed(content, maxRows, maxColumns, options.opened);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(slim.content as unknown as ArrayBuffer, { ignoreNodes: IGNORED_SHEET_PARTS } as object);
  return gridsOf(workbook.worksheets.map(excelSheet), slim.sheets, maxRows, maxColumns);
}

/** The package's parts for the streaming reader: as inspected, or unzipped here. */
function packageParts(content: Buffer, opened?: OpenedPackage): PackageParts {
  if (opened) {
    return {
      names: opened.entries.map((entry) => entry.fileName).filter((name) => !name.endsWith('/')),
      bytes: (name) => opened.xml.get(name),
    };
  }
  const files = unzipSync(content, { filter: (file) => /\.(xml|rels|vml)$/i.test(file.name) || /xl\/worksheets\//.test(file.name) });
  const names = Object.keys(files).filter((name) => !name.endsWith('/'));
  return { names, bytes: (name) => (/\.(xml|rels)$/i.test(name) ? files[name] : undefined) };
}

/**
 * The grids as the streaming reader (xlsx-stream/) reads the package. Throws OddPackage for a
 * package it leaves to exceljs, or the error of a package that cannot be read.
 */
export async function readXlsxGridsStreaming(content: Buffer, options: XlsxGridOptions = {}): Promise<XlsxGrids> {
  const maxRows = options.maxRows ?? 2000;
  const maxColumns = options.maxColumns ?? 100;
  const book = readStreamBook(packageParts(content, options.opened), maxRows, maxColumns);
  if (book.sharedFormulas) await loadSlideFormula();
  return gridsOf(book.sheets, book.slim, maxRows, maxColumns);
}

/**
 * The grids of an .xlsx: read by the streaming reader, which gives exactly exceljs's cells for
 * the packages it reads at a fraction of the cost (test/bench/xlsx-reader-compare.ts holds it to
 * that over the corpus); a package it leaves to exceljs (OddPackage: comments, tables, VML
 * drawings, odd XML) or cannot read is read by exceljs, which gives its cells or its failure.
 */
export async function readXlsxGrids(content: Buffer, options: XlsxGridOptions = {}): Promise<XlsxGrids> {
  try {
    return await readXlsxGridsStreaming(content, options);
  } catch {
    return readXlsxGridsWithExcelJs(content, options);
  }
}

type Resultless = { sheet: string; address: string; formula: string; cell: GridCell; percent: boolean };

/** One sheet's grid: cells where they stand, empty cells between, merges applied later. */
function sheetGrid(
  sheet: SheetSource,
  sheetSlim: SlimSheet | undefined,
  maxRows: number,
  maxColumns: number,
  resultless: Resultless[],
): GridCell[][] {
  // Merges reach as far as their cells: a merged block below the last written cell is shown.
  const merges = sheetSlim?.merges ?? [];
  const mergedRows = merges.reduce((most, merge) => Math.max(most, merge.bottom), 0);
  const mergedColumns = merges.reduce((most, merge) => Math.max(most, merge.right), 0);
  const rowCount = Math.min(Math.max(sheet.rowCount, mergedRows), maxRows);
  const columnCount = Math.min(Math.max(sheet.columnCount, mergedColumns), maxColumns);
  // Only cells that exist are visited; the gaps are filled with empty cells so the grid stays
  // rectangular.
  const letters = Array.from({ length: columnCount }, (_, c) => columnLetters(c));
  const rows: GridCell[][] = Array.from({ length: rowCount }, (_, r) => letters.map((letter) => emptyCell(`${letter}${r + 1}`)));
  for (const cell of sheet.cells()) {
    if (cell.row > rowCount || cell.col > columnCount) continue;
    const address = `${letters[cell.col - 1]}${cell.row}`;
    const gridCell: GridCell = { ...cellContent(cell.value, cell.numFmt), address };
    rows[cell.row - 1]![cell.col - 1] = gridCell;
    if (isResultlessFormula(cell.value))
      resultless.push({ sheet: sheet.name, address, formula: cell.formula(), cell: gridCell, percent: isPercentFormat(cell.numFmt) });
  }
  return rows;
}

async function gridsOf(
  sheets: readonly SheetSource[],
  slim: ReadonlyMap<string, SlimSheet>,
  maxRows: number,
  maxColumns: number,
): Promise<XlsxGrids> {
  const visible = sheets.filter((sheet) => sheet.state !== 'hidden' && sheet.state !== 'veryHidden');
  const truncated: string[] = [];
  const resultless: Resultless[] = [];
  const merged: { rows: GridCell[][]; sheetSlim: SlimSheet | undefined }[] = [];
  const grids = visible.map((sheet): Grid => {
    const sheetSlim = slim.get(sheet.name);
    if (sheetSlim?.truncated || sheet.rowCount > maxRows || sheet.columnCount > maxColumns) truncated.push(sheet.name);
    const rows = sheetGrid(sheet, sheetSlim, maxRows, maxColumns, resultless);
    merged.push({ rows, sheetSlim });
    const label = visible.length > 1 ? `工作表「${sheet.name}」` : '';
    // A sheet with a filter: the rows it hides are data all the same (xlsx-slim.ts).
    const hidden = sheetSlim?.filtered ? [] : [...sheet.hiddenRows].filter((r) => r <= rows.length).map((r) => r - 1);
    return hidden.length > 0 ? { label, rows, hiddenRows: new Set(hidden) } : { label, rows };
  });
  if (resultless.length > 0) await computeFormulas(sheets, resultless);
  // After the formulas: a merged block repeats its master's value, computed or not.
  for (const { rows, sheetSlim } of merged) applyMerges(rows, sheetSlim);
  return { grids, truncated };
}

/**
 * Gives each result-less formula cell its computed value, or the reason it has none. The
 * evaluator sees every sheet, hidden ones too (a 计算明细 sheet is often hidden).
 */
async function computeFormulas(sheets: readonly SheetSource[], cells: readonly Resultless[]): Promise<void> {
  const { FormulaEvaluator } = await import('./formula-values.js');
  const source = new Map<string, { cells: Map<string, SourceCell>; rows: number; columns: number }>();
  for (const sheet of sheets) {
    const sheetCells = new Map<string, SourceCell>();
    for (const cell of sheet.cells()) {
      if (isResultlessFormula(cell.value)) sheetCells.set(cell.address, { formula: cell.formula() });
      else {
        const content = cellContent(cell.value);
        sheetCells.set(cell.address, {
          value: content.error !== undefined ? null : (content.number ?? (content.text === '' ? null : content.text)),
        });
      }
    }
    source.set(sheet.name, { cells: sheetCells, rows: sheet.rowCount, columns: sheet.columnCount });
  }
  const evaluator = new FormulaEvaluator(source as SourceWorkbook);
  for (const { sheet, address, formula, cell, percent } of cells) {
    const text = `=${formula.replace(/^=/, '')}`;
    const result = evaluator.value(sheet, address);
    if (!result.ok) {
      cell.formula = { text, computed: false, reason: result.reason };
      continue;
    }
    const value = result.value;
    cell.formula = { text, computed: true };
    if (typeof value === 'number' && Number.isFinite(value)) {
      cell.text = String(value);
      cell.number = value;
      if (percent) cell.percent = true;
    } else {
      cell.text = value === null ? '' : typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : String(value);
    }
  }
}

/**
 * An .xlsx package's worksheets read straight from its inflated XML with saxes — no second zip,
 * no exceljs object per cell — giving what exceljs 4.4 gives xlsx-grid.ts for the same package
 * (which parts it reads and how it pairs sheets with parts: lib/xlsx/xlsx.js load/reconcile,
 * book/workbook-xform.js, doc/workbook.js). The package is cut down first exactly as exceljs's
 * copy is (xlsx-slim.ts: defined names out, Chinese date formats declared, merges taken out,
 * rows past the window cut).
 *
 * A package outside the shapes read here throws OddPackage (odd-package.ts): comments, tables or
 * VML drawings (exceljs parses and pairs them, and can fail on them), a sheet name or number
 * exceljs refuses or changes, a worksheet part it would find where this reader would not, a cell
 * or row element its parser would lose its place on. The caller reads such a package with exceljs.
 */
import { declareChineseDateFormats } from '../xlsx-date-formats.js';
import { type SlimSheet, sheetPartsOf, slimSheet, withoutDefinedNames } from '../xlsx-slim.js';
import {
  type CellStyles,
  checkAppProperties,
  checkCoreProperties,
  checkWellFormed,
  parseRelationships,
  parseStylesXml,
  parseWorkbookXml,
  type Relationship,
} from './book-xml.js';
import { odd } from './odd-package.js';
import { parseSharedStrings } from './shared-strings-xml.js';
import { buildSheet, type SheetContext } from './sheet-cells.js';
import type { SheetSource } from './sheet-source.js';
import { type ParsedRow, parseSheetXml } from './sheet-xml.js';

/** The package's parts: names in zip order, and the bytes of its XML parts as inflated. */
export interface PackageParts {
  names: readonly string[];
  bytes(name: string): Uint8Array | undefined;
}

export interface StreamBook {
  /** Every worksheet exceljs would list, hidden ones included, in the workbook's order. */
  sheets: SheetSource[];
  /** Merges and cuts by sheet name (xlsx-slim.ts). */
  slim: Map<string, SlimSheet>;
  /** Some cell's formula is a shared one moved to it: loadSlideFormula() before reading formulas. */
  sharedFormulas: boolean;
}

const WORKSHEET = /xl\/worksheets\/sheet(\d+)[.]xml/;
const WORKSHEET_RELS = /xl\/worksheets\/_rels\/sheet(\d+)[.]xml.rels/;
/** Parts exceljs parses and pairs with sheets, which this reader leaves to it. */
const LEFT_TO_EXCELJS = [/xl\/(comments\d+)[.]xml/, /xl\/tables\/(table\d+)[.]xml/, /xl\/drawings\/(vmlDrawing\d+)[.]vml/];
const DRAWING_RELS = /xl\/drawings\/_rels\/([a-zA-Z0-9]+)[.]xml[.]rels/;
const CHECKED_PARTS = [/^docProps\/app\.xml$/, /^docProps\/core\.xml$/, /xl\/drawings\/([a-zA-Z0-9]+)[.]xml/];
const SHEET_NAME_REFUSED = /[*?:/\\[\]]|^'|'$/;

const decoder = new TextDecoder();

function textOf(parts: PackageParts, name: string, slimmed: boolean): string | undefined {
  const bytes = parts.bytes(name);
  if (bytes === undefined) return undefined;
  // fflate's strFromU8 (a TextDecoder: a BOM dropped) for the parts xlsx-slim.ts rewrites, the zip
  // reader's Buffer decoding (a BOM kept) for the others, as exceljs receives them.
  return slimmed ? decoder.decode(bytes) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

function checkNames(parts: PackageParts): void {
  for (const name of parts.names) {
    if (name.startsWith('/')) odd(`部件名「${name}」以 / 开头`);
    const left = LEFT_TO_EXCELJS.find((pattern) => pattern.test(name));
    if (left) odd(`含有 exceljs 另行读取的部件「${name}」`);
    if ((WORKSHEET.test(name) || WORKSHEET_RELS.test(name)) && parts.bytes(name) === undefined) odd(`工作表部件「${name}」不是 XML`);
  }
  // Parts exceljs parses for nothing xlsx-grid.ts uses: where it would fail on one, so must this.
  for (const name of parts.names) {
    const rels = name === '_rels/.rels' || DRAWING_RELS.test(name);
    if (!rels && !CHECKED_PARTS.some((pattern) => pattern.test(name))) continue;
    const text = textOf(parts, name, false);
    if (text === undefined) odd(`部件「${name}」不是 XML`);
    if (rels) parseRelationships(text);
    else if (name === 'docProps/core.xml') checkCoreProperties(text);
    else if (name === 'docProps/app.xml') checkAppProperties(text);
    else checkWellFormed(text);
  }
}

interface ParsedSheet {
  path: string;
  sheetNo: string;
  rows: ParsedRow[];
  name?: string;
  id?: number;
  state?: string;
}

/** exceljs's pairing of workbook sheets with worksheet parts (workbook-xform.js reconcile). */
function pairSheets(book: ReturnType<typeof parseWorkbookXml>, rels: Relationship[], parsed: Map<string, ParsedSheet>): ParsedSheet[] {
  const byId = new Map<string, Relationship>();
  for (const rel of rels) byId.set(String(rel.Id), rel);
  const paired: ParsedSheet[] = [];
  for (const sheet of book.sheets) {
    const rel = sheet.rId === undefined ? undefined : byId.get(sheet.rId);
    if (!rel) continue;
    if (typeof rel.Target !== 'string') odd('工作表关系没有目标');
    const worksheet = parsed.get(`xl/${rel.Target.replace(/^(\s|\/xl\/)+/, '')}`);
    if (!worksheet) continue;
    if (paired.includes(worksheet)) odd('两个工作表指向同一部件');
    Object.assign(worksheet, { name: sheet.name, id: sheet.id, state: sheet.state });
    paired.push(worksheet);
  }
  const names = new Set<string>();
  const ids = new Set<number>();
  for (const sheet of paired) {
    const name = sheet.name!;
    if (name === '' || name === 'History' || SHEET_NAME_REFUSED.test(name) || name.length > 31) odd(`工作表名「${name}」`);
    if (names.has(name.toLowerCase())) odd(`工作表名「${name}」重复`);
    names.add(name.toLowerCase());
    if (!Number.isInteger(sheet.id) || sheet.id! < 1 || ids.has(sheet.id!)) odd(`工作表编号「${sheet.id}」`);
    ids.add(sheet.id!);
  }
  return paired;
}

function worksheetRels(parts: PackageParts): void {
  for (const name of parts.names) {
    if (!WORKSHEET_RELS.test(name)) continue;
    for (const rel of parseRelationships(textOf(parts, name, false)!)) {
      // exceljs pairs a sheet's comments with the comment parts it read, and fails on a stray one.
      if (/\/comments$/.test(rel.Type ?? '')) odd('工作表有批注');
    }
  }
}

let slideFormula: ((formula: string, from: string, to: string) => string) | undefined;

/** exceljs's own shared-formula mover, loaded by the analysis children only when needed. */
export async function loadSlideFormula(): Promise<void> {
  slideFormula ??= (await import('exceljs/lib/utils/shared-formula.js')).slideFormula;
}

export function readStreamBook(parts: PackageParts, maxRows: number, maxColumns: number): StreamBook {
  checkNames(parts);
  const workbookText = textOf(parts, 'xl/workbook.xml', true);
  const workbook = workbookText === undefined ? undefined : withoutDefinedNames(workbookText);
  const book = workbook === undefined ? { sheets: [], date1904: false } : parseWorkbookXml(workbook);
  const relsText = textOf(parts, 'xl/_rels/workbook.xml.rels', false);
  const rels = relsText === undefined ? [] : parseRelationships(relsText);
  const strings = textOf(parts, 'xl/sharedStrings.xml', false);
  const stylesText = textOf(parts, 'xl/styles.xml', true);
  const styles: CellStyles | undefined = stylesText === undefined ? undefined : parseStylesXml(declareChineseDateFormats(stylesText));
  const context: SheetContext = {
    styles,
    sharedStrings: strings === undefined ? undefined : parseSharedStrings(strings),
    date1904: book.date1904,
    slideFormula: () => slideFormula ?? odd('共享公式需要 exceljs'),
  };
  // xlsx-slim.ts's own view of which part is which sheet: the parts it cuts down.
  const slimParts = workbook !== undefined && relsText !== undefined ? sheetPartsOf(workbook, relsText) : new Map<string, string>();
  const slimmedText = new Map<string, string>();
  const slim = new Map<string, SlimSheet>();
  for (const [name, part] of slimParts) {
    const text = slimmedText.get(part) ?? textOf(parts, part, true);
    if (text === undefined) continue;
    const cut = slimSheet(text, maxRows, maxColumns);
    slimmedText.set(part, cut.xml);
    slim.set(name, cut.sheet);
  }
  worksheetRels(parts);
  const parsed = new Map<string, ParsedSheet>();
  for (const path of parts.names) {
    const match = WORKSHEET.exec(path);
    if (!match) continue;
    const text = slimmedText.get(path) ?? textOf(parts, path, false)!;
    parsed.set(path, { path, sheetNo: match[1]!, rows: parseSheetXml(text) });
  }
  const paired = pairSheets(book, rels, parsed);
  for (const sheet of paired) if (slimParts.get(sheet.name!) !== sheet.path) odd(`工作表「${sheet.name}」的部件对不上`);
  // exceljs puts every worksheet part together, paired or not: one it fails on fails the package.
  const built = new Map<ParsedSheet, SheetSource>();
  for (const sheet of parsed.values()) built.set(sheet, buildSheet(sheet.name ?? '', sheet.state || 'visible', sheet.rows, context));
  return { sheets: paired.map((sheet) => built.get(sheet)!), slim, sharedFormulas: context.sharedFormulas ?? false };
}

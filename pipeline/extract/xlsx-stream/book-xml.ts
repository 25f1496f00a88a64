/**
 * The workbook-level parts of an .xlsx as exceljs 4.4 reads what xlsx-grid.ts uses of them: the
 * sheet list and the 1904 date system (xl/workbook.xml, book/workbook-xform.js), relationships
 * (core/relationships-xform.js) and the number format of each cell style (xl/styles.xml,
 * style/styles-xform.js getStyleModel). Where exceljs would fail on such a part, so does this
 * (OddPackage, or the XML parser's error): exceljs then reads the package and fails as before.
 */
import type * as Saxes from 'saxes';
import { requirePackage } from '../../../intake/kernel/require-package.js';
import { odd } from './odd-package.js';
import { xmlDecode } from './sheet-xml.js';

// Required, not imported: an import of a CommonJS package first scans it for its exports (require-package.ts).
const { SaxesParser } = requirePackage('saxes') as typeof Saxes;

interface Handlers {
  open(node: Saxes.SaxesTagPlain): void;
  text?(text: string): void;
  /** False ends the reading: exceljs stops at the root's closing tag. */
  close(name: string): boolean;
}

/** Runs saxes over the part as exceljs does (no close(): an unclosed root is no error there). */
export function runSax(xml: string, handlers: Handlers): void {
  const parser = new SaxesParser({ position: false });
  let done = false;
  let failure: Error | null = null;
  parser.on('error', (cause) => {
    failure ??= cause;
  });
  parser.on('opentag', (node) => {
    if (!done) handlers.open(node as Saxes.SaxesTagPlain);
  });
  if (handlers.text) parser.on('text', (text) => !done && handlers.text!(text));
  parser.on('closetag', (node) => {
    if (!done && !handlers.close(node.name)) done = true;
  });
  parser.write(xml);
  if (failure) throw failure;
}

/** A part exceljs parses but this reader needs nothing from: its XML must still parse. */
export function checkWellFormed(xml: string): void {
  runSax(xml, { open() {}, close: () => true });
}

const CORE_PROPERTIES = new Set([
  'dc:creator',
  'dc:title',
  'dc:subject',
  'dc:description',
  'dc:identifier',
  'dc:language',
  'cp:keywords',
  'cp:category',
  'cp:lastModifiedBy',
  'cp:lastPrinted',
  'cp:revision',
  'cp:version',
  'cp:contentStatus',
  'cp:contentType',
  'dcterms:created',
  'dcterms:modified',
]);

/** docProps/core.xml: exceljs (core/core-xform.js) fails on any element it has no reader for. */
export function checkCoreProperties(xml: string): void {
  let inProperty = false;
  runSax(xml, {
    open(node) {
      if (inProperty) return;
      if (CORE_PROPERTIES.has(node.name)) inProperty = true;
      else if (node.name !== 'cp:coreProperties' && node.name !== 'coreProperties') odd(`文档属性中的 <${node.name}>`);
    },
    close(name) {
      if (inProperty) {
        inProperty = false;
        return true;
      }
      if (name !== 'cp:coreProperties' && name !== 'coreProperties') odd(`文档属性中的 </${name}>`);
      return false;
    },
  });
}

/** docProps/app.xml: exceljs (core/app-xform.js) reads its company, and fails when it never ends. */
export function checkAppProperties(xml: string): void {
  let skipping: { name: string; depth: number } | null = null;
  let depth = 0;
  let closed = false;
  runSax(xml, {
    open(node) {
      depth++;
      if (!skipping && APP_PARTS.has(node.name)) skipping = { name: node.name, depth };
    },
    close(name) {
      depth--;
      if (skipping) {
        if (name === skipping.name && depth === skipping.depth - 1) skipping = null;
        return true;
      }
      if (name !== 'Properties') return true;
      closed = true;
      return false;
    },
  });
  if (!closed) odd('app.xml 没有结束标记');
}

const APP_PARTS = new Set(['Company', 'Manager', 'HeadingPairs', 'TitleOfParts']);

export interface Relationship {
  Id?: string;
  Type?: string;
  Target?: string;
}

export function parseRelationships(xml: string): Relationship[] {
  const rels: Relationship[] = [];
  let inRel = false;
  let ended = false;
  runSax(xml, {
    open(node) {
      if (inRel) return;
      if (node.name === 'Relationship') {
        rels.push(node.attributes as Relationship);
        inRel = true;
      } else if (node.name !== 'Relationships') odd(`关系表中的 <${node.name}>`);
    },
    close(name) {
      if (inRel) {
        inRel = false;
        return true;
      }
      if (name !== 'Relationships') odd(`关系表中的 </${name}>`);
      ended = true;
      return false;
    },
  });
  if (!ended) odd('关系表没有结束标记');
  return rels;
}

export interface SheetEntry {
  name: string;
  id: number;
  state: string | undefined;
  rId: string | undefined;
}

export interface BookXml {
  sheets: SheetEntry[];
  date1904: boolean;
}

/** Top-level parts of workbook.xml exceljs reads with a parser of their own, each skipped whole here. */
const WORKBOOK_PARTS = new Set(['fileVersion', 'bookViews', 'definedNames', 'calcPr']);

export function parseWorkbookXml(xml: string): BookXml {
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  let skipping: { name: string; depth: number } | null = null;
  let depth = 0;
  let inSheets = false;
  let inChild = false;
  let closed = false;
  runSax(xml, {
    open(node) {
      depth++;
      if (skipping || inChild) return;
      if (inSheets) {
        if (node.name !== 'sheet') odd(`sheets 中的 <${node.name}>`);
        const name = node.attributes.name;
        if (name === undefined) odd('工作表没有名称');
        const state = node.attributes.state;
        sheets.push({ name: xmlDecode(name), id: Number.parseInt(node.attributes.sheetId ?? '', 10), state, rId: node.attributes['r:id'] });
        inChild = true;
      } else if (node.name === 'sheets') {
        inSheets = true;
        sheets.length = 0;
      } else if (node.name === 'workbookPr') {
        date1904 = node.attributes.date1904 === '1';
        inChild = true;
      } else if (WORKBOOK_PARTS.has(node.name)) skipping = { name: node.name, depth };
    },
    close(name) {
      depth--;
      if (skipping) {
        if (name === skipping.name && depth === skipping.depth - 1) skipping = null;
        return true;
      }
      if (inChild) {
        inChild = false;
        return true;
      }
      if (inSheets) {
        inSheets = false;
        return true;
      }
      if (name === 'workbook') {
        closed = true;
        return false;
      }
      return true;
    },
  });
  if (!closed) odd('workbook.xml 没有结束标记');
  return { sheets, date1904 };
}

/** exceljs's built-in formats (lib/xlsx/defaultnumformats.js, the locale-free ones it uses). */
const BUILT_IN_FORMATS: Readonly<Record<number, string>> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

/** The number format of each cell style, as exceljs's getStyleModel(id).numFmt gives it. */
export class CellStyles {
  readonly #xfs: number[] | undefined;
  readonly #formats: ReadonlyMap<number, string>;

  constructor(xfs: number[] | undefined, formats: ReadonlyMap<number, string>) {
    this.#xfs = xfs;
    this.#formats = formats;
  }

  /** undefined: no such style (exceljs: null); throws where exceljs's lookup throws. */
  numFmt(styleId: number): { numFmt?: string } | undefined {
    if (!this.#xfs) odd('样式表没有单元格样式');
    if (!(styleId in this.#xfs)) return undefined;
    const id = this.#xfs[styleId]!;
    if (!id) return {};
    const format = this.#formats.get(id) || BUILT_IN_FORMATS[id];
    return format ? { numFmt: format } : {};
  }
}

/** Top-level parts of styles.xml exceljs reads with a parser of their own (other than the two read here). */
const STYLE_PARTS = new Set([
  'fonts',
  'fills',
  'borders',
  'cellStyleXfs',
  'dxfs',
  'numFmt',
  'font',
  'fill',
  'border',
  'style',
  'cellStyles',
  'tableStyles',
  'extLst',
]);

export function parseStylesXml(xml: string): CellStyles {
  let formats: [number, string][] = [];
  let xfs: number[] = [];
  let list: 'numFmts' | 'cellXfs' | null = null;
  let inItem = 0;
  let skipping: { name: string; depth: number } | null = null;
  let depth = 0;
  let closed = false;
  runSax(xml, {
    open(node) {
      depth++;
      if (skipping) return;
      if (inItem > 0) {
        if (list === 'numFmts') odd('numFmt 中有子元素');
        inItem++;
        return;
      }
      if (list === 'numFmts') {
        if (node.name !== 'numFmt') odd(`numFmts 中的 <${node.name}>`);
        const code = node.attributes.formatCode;
        if (code === undefined) odd('numFmt 没有 formatCode');
        formats.push([Number.parseInt(node.attributes.numFmtId ?? '', 10), code.replace(/[\\](.)/g, '$1')]);
        inItem = 1;
      } else if (list === 'cellXfs') {
        if (node.name !== 'xf') odd(`cellXfs 中的 <${node.name}>`);
        xfs.push(Number.parseInt(node.attributes.numFmtId ?? '', 10));
        inItem = 1;
      } else if (node.name === 'numFmts') {
        list = 'numFmts';
        formats = [];
      } else if (node.name === 'cellXfs') {
        list = 'cellXfs';
        xfs = [];
      } else if (STYLE_PARTS.has(node.name)) skipping = { name: node.name, depth };
    },
    close(name) {
      depth--;
      if (skipping) {
        if (name === skipping.name && depth === skipping.depth - 1) skipping = null;
        return true;
      }
      if (inItem > 0) {
        inItem--;
        return true;
      }
      if (list) {
        list = null;
        return true;
      }
      if (name === 'styleSheet') {
        closed = true;
        return false;
      }
      return true;
    },
  });
  if (!closed) odd('styles.xml 没有结束标记');
  return new CellStyles(xfs.length > 0 ? xfs : undefined, new Map(formats));
}

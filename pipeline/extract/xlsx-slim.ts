/**
 * An .xlsx package cut down to what the table finder reads, before exceljs sees it. exceljs
 * expands some parts cell by cell, which real files turn into minutes and gigabytes:
 *
 * - defined names: every name over a range is expanded into one entry per cell (a name over
 *   whole columns, `$C$1:$BB$1048576`, is 54 million entries) — removed, never needed;
 * - merged ranges: each new merge is checked against every earlier one (50,000 merges are over a
 *   billion checks) and every covered cell is created — taken out here and returned as data, to
 *   be applied to the grid within the rows and columns read (see xlsx-grid.ts);
 * - rows below the ones read: parsed and kept in memory for nothing — cut at `maxRows`.
 *
 * The built-in Chinese date formats a workbook uses by number only are declared in its styles
 * (xlsx-date-formats.ts), so that exceljs reads those cells as dates.
 *
 * Conditional formats, data validations and drawings are skipped by exceljs itself (ignoreNodes).
 * Pure: bytes in, bytes and ranges out.
 */
import { strFromU8, strToU8, type Unzipped, unzipSync } from 'fflate';
import { type StoredPart, storeZip } from './archive/store-zip.js';
import { inflateEntrySync } from './archive/zip-parts.js';
import type { OpenedPackage } from './ooxml-inspect.js';
import { declareChineseDateFormats } from './xlsx-date-formats.js';

/** A part other than XML (a picture, printer settings) past this is left out: no cell is in it. */
const MAX_OTHER_PART_BYTES = 64 * 1024 * 1024;

/** A merged range, 1-based and inclusive, as written in the sheet (`B3:D4`). */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SlimSheet {
  /** Merged ranges whose top-left cell lies within the rows and columns read. */
  merges: MergeRange[];
  /** Rows past `maxRows`, or merges past the window, were cut. */
  truncated: boolean;
  /**
   * The sheet has a filter (`<autoFilter>`, which exceljs is told to skip): the rows it hides are
   * stored as hidden rows, yet they are data the unit sent (sheet-xml.ts says the same).
   */
  filtered: boolean;
}

export interface SlimXlsx {
  content: Buffer;
  /** By worksheet name, as in the workbook. */
  sheets: Map<string, SlimSheet>;
}

const WORKBOOK = 'xl/workbook.xml';
const STYLES = 'xl/styles.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const DEFINED_NAMES = /<(\w+:)?definedNames\b[^>]*\/>|<(\w+:)?definedNames\b[\s\S]*?<\/(\w+:)?definedNames>/;
const MERGE_CELLS = /<(\w+:)?mergeCells\b[^>]*\/>|<(\w+:)?mergeCells\b[\s\S]*?<\/(\w+:)?mergeCells>/;
const MERGE_REF = /<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Za-z]+)(\d+)(?::([A-Za-z]+)(\d+))?"/g;
const ROW_START = /<(?:\w+:)?row\b[^>]*>|<(?:\w+:)?row\b[^>]*\/>/g;
const SHEET_DATA_END = /<\/(\w+:)?sheetData>/;

export function columnNumber(letters: string): number {
  let n = 0;
  for (const char of letters.toUpperCase()) n = n * 26 + (char.charCodeAt(0) - 64);
  return n;
}

const ATTRIBUTES = new Map<string, RegExp>();

function attribute(tag: string, name: string): string | null {
  let pattern = ATTRIBUTES.get(name);
  if (!pattern) {
    pattern = new RegExp(`\\b${name}="([^"]*)"`);
    ATTRIBUTES.set(name, pattern);
  }
  return pattern.exec(tag)?.[1] ?? null;
}

/** Worksheet name → its part in the package, from the workbook and its relationships. */
function sheetParts(files: Unzipped): Map<string, string> {
  const workbook = files[WORKBOOK];
  const rels = files[WORKBOOK_RELS];
  if (!workbook || !rels) return new Map();
  return sheetPartsOf(strFromU8(workbook), strFromU8(rels));
}

/** Worksheet name → its part, from the texts of xl/workbook.xml and its relationships. */
export function sheetPartsOf(workbook: string, rels: string): Map<string, string> {
  const parts = new Map<string, string>();
  const targets = new Map<string, string>();
  for (const tag of rels.match(/<(?:\w+:)?Relationship\b[^>]*>/g) ?? []) {
    const id = attribute(tag, 'Id');
    const target = attribute(tag, 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  for (const tag of workbook.match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? []) {
    const name = attribute(tag, 'name');
    const id = /\br:id="([^"]*)"|\bid="([^"]*)"/.exec(tag);
    const target = targets.get(id?.[1] ?? id?.[2] ?? '');
    if (name !== null && target) parts.set(decodeEntities(name), target);
  }
  return parts;
}

/** The workbook part without its defined names (exceljs would expand each into cells). */
export function withoutDefinedNames(workbook: string): string {
  return workbook.replace(DEFINED_NAMES, '');
}

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-fA-F]+);/g, (whole, entity: string) => {
    if (entity === 'lt') return '<';
    if (entity === 'gt') return '>';
    if (entity === 'quot') return '"';
    if (entity === 'apos') return "'";
    if (entity === 'amp') return '&';
    const code = entity.startsWith('#x') ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
  });
}

/** The sheet's rows past `maxRows` removed; true when there were any. */
function cutRows(xml: string, maxRows: number): { xml: string; cut: boolean } {
  let index = 0;
  for (const match of xml.matchAll(ROW_START)) {
    index++;
    const r = Number(attribute(match[0], 'r') ?? index);
    if (r > maxRows) {
      const end = SHEET_DATA_END.exec(xml.slice(match.index));
      if (!end) return { xml, cut: false };
      return { xml: xml.slice(0, match.index) + xml.slice(match.index + end.index), cut: true };
    }
    index = r;
  }
  return { xml, cut: false };
}

export function slimSheet(xml: string, maxRows: number, maxColumns: number): { xml: string; sheet: SlimSheet } {
  const merges: MergeRange[] = [];
  let truncated = false;
  // The search starts at the first "mergeCells" (its "<" and prefix just before): the pattern
  // tried at every "<" of a large sheet costs more than the rest of the cutting.
  const first = xml.indexOf('mergeCells');
  const from = first < 0 ? -1 : xml.lastIndexOf('<', first);
  const found = from < 0 ? null : MERGE_CELLS.exec(xml.slice(from));
  const block = found ? Object.assign(found, { index: found.index + from }) : null;
  if (block) {
    for (const match of block[0].matchAll(MERGE_REF)) {
      const top = Number(match[2]);
      const left = columnNumber(match[1]!);
      const bottom = match[4] ? Number(match[4]) : top;
      const right = match[3] ? columnNumber(match[3]) : left;
      if (top > maxRows || left > maxColumns) {
        truncated = true;
        continue;
      }
      merges.push({ top, left, bottom: Math.min(Math.max(bottom, top), maxRows), right: Math.min(Math.max(right, left), maxColumns) });
    }
    xml = xml.slice(0, block.index) + xml.slice(block.index + block[0].length);
  }
  const rows = cutRows(xml, maxRows);
  return { xml: rows.xml, sheet: { merges, truncated: truncated || rows.cut, filtered: /<(\w+:)?autoFilter\b/.test(xml) } };
}

/** The parts cut down in place; returns the names of those changed. */
function slimParts(files: Unzipped, maxRows: number, maxColumns: number): { changed: Set<string>; sheets: Map<string, SlimSheet> } {
  const changed = new Set<string>();
  const sheets = new Map<string, SlimSheet>();
  const workbook = files[WORKBOOK];
  if (workbook) {
    files[WORKBOOK] = strToU8(withoutDefinedNames(strFromU8(workbook)));
    changed.add(WORKBOOK);
  }
  const styles = files[STYLES];
  if (styles) {
    files[STYLES] = strToU8(declareChineseDateFormats(strFromU8(styles)));
    changed.add(STYLES);
  }
  for (const [name, part] of sheetParts(files)) {
    const data = files[part];
    if (!data) continue;
    const slim = slimSheet(strFromU8(data), maxRows, maxColumns);
    files[part] = strToU8(slim.xml);
    changed.add(part);
    sheets.set(name, slim.sheet);
  }
  return { changed, sheets };
}

/**
 * Throws like a zip reader for a package that is not a readable zip (the caller's fallback
 * handles it). With the package the inspection opened (ooxml-inspect.ts), its XML is taken as
 * already inflated: the zip is read once.
 */
export function slimXlsx(content: Buffer, maxRows: number, maxColumns: number, opened?: OpenedPackage): SlimXlsx {
  if (opened) return slimOpened(opened, maxRows, maxColumns);
  const files = unzipSync(content);
  const { sheets } = slimParts(files, maxRows, maxColumns);
  // Stored, not deflated: exceljs reads it at once, compressing again would be wasted time.
  return { content: storeZip(Object.entries(files).map(([name, data]) => ({ name, data }))), sheets };
}

function slimOpened(opened: OpenedPackage, maxRows: number, maxColumns: number): SlimXlsx {
  const files: Unzipped = {};
  const crcs = new Map<string, number>();
  for (const entry of opened.entries) {
    if (entry.fileName.endsWith('/')) continue;
    const data = opened.xml.get(entry.fileName) ?? inflateEntrySync(opened.content, entry, MAX_OTHER_PART_BYTES);
    if (data === null) continue;
    files[entry.fileName] = data as Uint8Array<ArrayBuffer>;
    crcs.set(entry.fileName, entry.crc32);
  }
  const { changed, sheets } = slimParts(files, maxRows, maxColumns);
  const parts: StoredPart[] = Object.entries(files).map(([name, data]) =>
    changed.has(name) ? { name, data } : { name, data, crc: crcs.get(name)! },
  );
  return { content: storeZip(parts), sheets };
}

/**
 * Walks WordprocessingML (word/document.xml) the way Word lays it out for a reader:
 *
 * - every table (nested ones too) becomes a Grid on the table's layout grid: a row starts at
 *   its `w:gridBefore`, a cell covers `w:gridSpan` columns, a `w:vMerge` continuation shows the
 *   cell above, a legacy `w:hMerge` continuation the cell to its left, `w:gridAfter` pads the end;
 *   covered cells repeat the master's text and are marked mergedCopy (as in an .xlsx grid);
 * - content controls (`w:sdt`), custom XML, smart tags, hyperlinks and simple fields are
 *   transparent: their content is read, at block, row, cell and run level;
 * - tracked changes are read as if accepted: `w:ins`/`w:moveTo` kept, `w:del`/`w:moveFrom`,
 *   deleted rows (`w:trPr/w:del`) and deleted cells (`w:tcPr/w:cellDel`) skipped;
 * - field instructions (`w:instrText`) are not text, their results are;
 * - paragraphs become report text, and the last few paragraphs above a table become its
 *   preamble (where 填报区域或单位 / 填报日期 often stand instead of in a cell).
 *
 * Addresses name what a clerk sees: "第1个表格第3行第2列", "第4段".
 *
 * Pure: XML text in, grids and paragraphs out.
 */

import { childElements, firstChild, isElement, parseXml, type XmlElement } from './docx-xml.js';
import type { Grid, GridCell } from './grid.js';

export interface DocxParagraph {
  text: string;
  /** "第4段" (counting paragraphs with text) in the body; the cell address in a table. */
  location: string;
  /** Label of the innermost table holding the paragraph ("第1个表格"); null in the body. */
  table: string | null;
}

export interface DocxContent {
  /** One grid per table, in document order (an outer table before the tables nested in it). */
  grids: Grid[];
  /** Every non-empty paragraph, in document order. */
  paragraphs: DocxParagraph[];
}

/** How many paragraphs above a table are offered to the table finder as its preamble. */
const PREAMBLE_LINES = 8;
/** A table this short above another (a row of 填报区域或单位 | 填报日期) is preamble too. */
const PREAMBLE_TABLE_ROWS = 2;

type PreambleLine = NonNullable<Grid['preamble']>[number];

/** Elements whose content is never text a reader sees. */
const SKIPPED = new Set([
  'w:del',
  'w:moveFrom',
  'w:delText',
  'w:instrText',
  'w:delInstrText',
  'w:pPr',
  'w:rPr',
  'w:sectPr',
  'w:tblPr',
  'w:tblGrid',
  'w:trPr',
  'w:tcPr',
  'w:sdtPr',
  'w:sdtEndPr',
  'w:tblPrEx',
  'mc:Fallback',
  'w:commentReference',
  'w:footnoteReference',
  'w:endnoteReference',
  'w:fldData',
]);

const intAttribute = (element: XmlElement | undefined, fallback: number): number => {
  const value = Number.parseInt(element?.attributes['w:val'] ?? '', 10);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
};

class Walker {
  readonly grids: Grid[] = [];
  readonly paragraphs: DocxParagraph[] = [];
  private bodyParagraphs = 0;

  /** Text of a paragraph-level subtree: runs, and whatever wraps them. */
  private inlineText(node: XmlElement): string {
    let text = '';
    for (const child of node.children) {
      if (!isElement(child)) continue;
      if (SKIPPED.has(child.name)) continue;
      switch (child.name) {
        case 'w:t':
          text += child.children.filter((part): part is string => typeof part === 'string').join('');
          break;
        case 'w:tab':
        case 'w:ptab':
          text += '\t';
          break;
        case 'w:br':
        case 'w:cr':
          text += '\n';
          break;
        case 'w:noBreakHyphen':
          text += '-';
          break;
        case 'w:txbxContent':
          // A text box inside a run: its paragraphs, on lines of their own.
          text += `\n${childElements(child)
            .map((block) => this.inlineText(block))
            .join('\n')}\n`;
          break;
        case 'mc:AlternateContent': {
          const choice = firstChild(child, 'mc:Choice');
          if (choice) text += this.inlineText(choice);
          break;
        }
        default:
          // w:r, w:ins, w:moveTo, w:hyperlink, w:smartTag, w:customXml, w:sdt, w:sdtContent,
          // w:fldSimple, w:drawing…: transparent.
          text += this.inlineText(child);
      }
    }
    return text;
  }

  /**
   * Block-level content (the body, a cell, a content control): paragraphs and tables.
   * `preamble` collects the lines above the next table; `cell` is the enclosing cell, if any.
   */
  private blocks(
    container: XmlElement,
    preamble: PreambleLine[],
    cell: { table: string; address: string } | null,
    cellLines: string[],
  ): void {
    for (const child of childElements(container)) {
      if (SKIPPED.has(child.name)) continue;
      if (child.name === 'w:p') {
        const text = this.inlineText(child);
        if (text.trim() === '') continue;
        if (cell === null) this.bodyParagraphs++;
        const location = cell ? cell.address : `第${this.bodyParagraphs}段`;
        this.paragraphs.push({ text, location, table: cell ? cell.table : null });
        cellLines.push(text);
        preamble.push({ text, location });
      } else if (child.name === 'w:tbl') {
        const above = preamble.slice(-PREAMBLE_LINES);
        const grid = this.table(child, above);
        // Lines above the next table start after this one, except a short table of header
        // fields, which stands for lines itself.
        preamble.length = 0;
        if (grid.rows.length <= PREAMBLE_TABLE_ROWS) {
          for (const row of grid.rows)
            for (const gridCell of row)
              if (!gridCell.mergedCopy && gridCell.text.trim() !== '') preamble.push({ text: gridCell.text, location: gridCell.address });
        }
      } else if (child.name === 'mc:AlternateContent') {
        const choice = firstChild(child, 'mc:Choice');
        if (choice) this.blocks(choice, preamble, cell, cellLines);
      } else {
        // w:sdt / w:sdtContent, w:customXml, block-level w:ins / w:moveTo, w:smartTag: transparent.
        this.blocks(child, preamble, cell, cellLines);
      }
    }
  }

  /** Rows of a table, through row-level content controls and custom XML. */
  private rows(table: XmlElement): XmlElement[] {
    const rows: XmlElement[] = [];
    for (const child of childElements(table)) {
      if (SKIPPED.has(child.name)) continue;
      if (child.name === 'w:tr') rows.push(child);
      else rows.push(...this.rows(child));
    }
    return rows;
  }

  /** Cells of a row, through cell-level content controls and custom XML. */
  private cells(row: XmlElement): XmlElement[] {
    const cells: XmlElement[] = [];
    for (const child of childElements(row)) {
      if (SKIPPED.has(child.name)) continue;
      if (child.name === 'w:tc') cells.push(child);
      else cells.push(...this.cells(child));
    }
    return cells;
  }

  private table(table: XmlElement, preamble: PreambleLine[]): Grid {
    const label = `第${this.grids.length + 1}个表格`;
    const grid: Grid = { label, rows: [], ...(preamble.length > 0 ? { preamble: [...preamble] } : {}) };
    // Registered before its content is walked, so an outer table is numbered before the tables in it.
    this.grids.push(grid);
    const address = (r: number, c: number) => `${label}第${r + 1}行第${c + 1}列`;
    const columns = childElements(firstChild(table, 'w:tblGrid') ?? { name: '', attributes: {}, children: [] }, 'w:gridCol').length;

    for (const row of this.rows(table)) {
      const properties = firstChild(row, 'w:trPr');
      if (firstChild(properties, 'w:del')) continue; // a deleted row (tracked change)
      const r = grid.rows.length;
      const cells: GridCell[] = [];
      grid.rows.push(cells);
      const before = intAttribute(firstChild(properties, 'w:gridBefore'), 0);
      for (let c = 0; c < before; c++) cells.push({ text: '', address: address(r, c) });
      for (const tc of this.cells(row)) {
        const tcPr = firstChild(tc, 'w:tcPr');
        if (firstChild(tcPr, 'w:cellDel')) continue; // a deleted cell (tracked change)
        const span = Math.max(1, intAttribute(firstChild(tcPr, 'w:gridSpan'), 1));
        const vMerge = firstChild(tcPr, 'w:vMerge');
        const hMerge = firstChild(tcPr, 'w:hMerge');
        const c = cells.length;
        const lines: string[] = [];
        // The cell's own paragraphs and nested tables; nested tables see the table's preamble
        // and the cell's lines above them.
        this.blocks(tc, [...preamble], { table: label, address: address(r, c) }, lines);
        let text = lines.join('\n');
        let copy = false;
        if (vMerge && vMerge.attributes['w:val'] !== 'restart' && r > 0) {
          // A continuation shows the cell above (Word ignores what a continuation holds).
          text = grid.rows[r - 1]?.[c]?.text ?? text;
          copy = true;
        } else if (hMerge && hMerge.attributes['w:val'] !== 'restart' && c > 0) {
          text = cells[c - 1]!.text;
          copy = true;
        }
        for (let offset = 0; offset < span; offset++) {
          cells.push({ text, address: address(r, c + offset), ...(copy || offset > 0 ? { mergedCopy: true } : {}) });
        }
      }
      const after = intAttribute(firstChild(properties, 'w:gridAfter'), 0);
      for (let c = 0; c < after; c++) cells.push({ text: '', address: address(r, cells.length) });
    }
    const width = Math.max(columns, ...grid.rows.map((cells) => cells.length));
    grid.rows.forEach((cells, r) => {
      while (cells.length < width) cells.push({ text: '', address: address(r, cells.length) });
    });
    return grid;
  }

  walk(document: XmlElement): void {
    const body = firstChild(document, 'w:body');
    if (!body) throw new Error('Word 文档中没有正文（w:body）');
    this.blocks(body, [], null, []);
  }
}

export function walkDocumentXml(xml: string): DocxContent {
  const walker = new Walker();
  walker.walk(parseXml(xml));
  return { grids: walker.grids, paragraphs: walker.paragraphs };
}

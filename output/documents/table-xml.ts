/**
 * A table of the document model → its WordprocessingML (<w:tbl>), written as text. The docx
 * package builds every cell as a tree of objects and serialises it through several generic
 * passes; a per-unit table of a province has tens of thousands of cells, which costs seconds
 * that way and milliseconds this way. build-docx.ts puts a placeholder where the table goes and
 * splices this text in when packing. Pure: model in, XML out.
 *
 * Layout as GB/T 9704 wants tables: full single borders, fixed layout with set column widths
 * (LibreOffice and WPS collapse columns otherwise), centred, header rows repeated on each page,
 * rows never split across pages.
 */
import type { Alignment, TableModel } from './document-model.js';
import { charWidth } from './measure.js';
import { FONT, LATIN_FONT, SIZE } from './official-format.js';
import { STYLE } from './styles-xml.js';

type ModelCell = TableModel['header'][number][number];

/** Grid column widths (twips) from weights, summing exactly to the text width. */
export function columnWidths(weights: readonly number[], width: number): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const widths = weights.map((weight) => Math.floor((weight / total) * width));
  widths[widths.length - 1]! += width - widths.reduce((sum, value) => sum + value, 0);
  return widths;
}

/** Many columns need a smaller type to stay readable within 156 mm (or 243 mm turned). */
function tableFontSize(columns: number): number {
  if (columns <= 6) return SIZE.四号;
  if (columns <= 10) return SIZE.小四;
  return SIZE.五号;
}

const CELL_MARGIN = { top: 30, bottom: 30, left: 60, right: 60 } as const;

interface PlacedCell {
  cell: ModelCell;
  row: number;
  column: number;
  span: number;
  width: number;
}

/** Cells with their grid column and width, skipping the columns taken by cells spanning down from above. */
function placeCells(rows: readonly (readonly ModelCell[])[], widths: readonly number[]): PlacedCell[][] {
  const covered = new Set<string>();
  return rows.map((cells, row) => {
    let column = 0;
    return cells.map((cell) => {
      while (covered.has(`${row}:${column}`)) column++;
      const span = cell.colSpan ?? 1;
      for (let down = 1; down < (cell.rowSpan ?? 1); down++) for (let c = column; c < column + span; c++) covered.add(`${row + down}:${c}`);
      const placed = { cell, row, column, span, width: widths.slice(column, column + span).reduce((sum, value) => sum + value, 0) };
      column += span;
      return placed;
    });
  });
}

/**
 * Minimum heights of the header rows, so that a title spanning two rows fits in them. Word
 * grows the rows by itself; LibreOffice, when it repeats the header on the next page, does not,
 * and clips the title.
 */
function headerHeights(placed: readonly PlacedCell[][], headerRows: number, size: number, line: number): number[] {
  const needed = (cell: PlacedCell) => {
    const usable = (cell.width - CELL_MARGIN.left - CELL_MARGIN.right) / 20;
    // Whole characters a line holds: a column 2.8 characters wide sets two a line, not 2.8.
    const perLine = Math.max(1, Math.floor(usable / (size / 2)));
    const lines = Math.max(1, Math.ceil(charWidth(cell.cell.text) / perLine));
    return lines * line + CELL_MARGIN.top + CELL_MARGIN.bottom;
  };
  const heights = Array.from({ length: headerRows }, () => line + CELL_MARGIN.top + CELL_MARGIN.bottom);
  for (const cell of placed.slice(0, headerRows).flat())
    if ((cell.cell.rowSpan ?? 1) === 1) heights[cell.row] = Math.max(heights[cell.row]!, needed(cell));
  for (const cell of placed.slice(0, headerRows).flat()) {
    const span = Math.min(cell.cell.rowSpan ?? 1, headerRows - cell.row);
    if (span <= 1) continue;
    const have = heights.slice(cell.row, cell.row + span).reduce((sum, value) => sum + value, 0);
    if (have < needed(cell)) heights[cell.row]! += needed(cell) - have;
  }
  return heights;
}

const escapeText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (value: string) => escapeText(value).replace(/"/g, '&quot;');
const JC: Record<Alignment, string> = { left: 'left', center: 'center', right: 'right' };
const BORDER = 'w:val="single" w:color="000000" w:sz="4"';

function cellXml(width: number, span: number, merge: 'restart' | 'continue' | null, body: string): string {
  return (
    `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${width}"/>` +
    (span > 1 ? `<w:gridSpan w:val="${span}"/>` : '') +
    (merge ? `<w:vMerge w:val="${merge}"/>` : '') +
    `<w:vAlign w:val="center"/></w:tcPr>${body}</w:tc>`
  );
}

export function tableXml(model: TableModel, width: number): string {
  const widths = columnWidths(model.columnWeights, width);
  const size = tableFontSize(widths.length);
  const line = Math.round(size * 10 * 1.3);
  const rows = [...model.header, ...model.body];
  const placed = placeCells(rows, widths);
  const heights = headerHeights(placed, model.header.length, size, line);
  // Only what differs from the table style (仿宋, centred) is written per cell.
  const spacing = `<w:spacing w:after="0" w:before="0" w:line="${line}" w:lineRule="exact"/>`;
  const bodyRun = `<w:rPr><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr>`;
  const headerRun = `<w:rPr><w:rFonts w:ascii="${escapeAttribute(LATIN_FONT)}" w:cs="${escapeAttribute(FONT.heiti.name)}" w:eastAsia="${escapeAttribute(FONT.heiti.name)}" w:hAnsi="${escapeAttribute(LATIN_FONT)}" w:hint="eastAsia"/><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr>`;

  // Cells merged down from an earlier row, by the row and column they cover.
  const continued = new Map<string, PlacedCell>();
  for (const cell of placed.flat())
    for (let down = 1; down < (cell.cell.rowSpan ?? 1); down++) continued.set(`${cell.row + down}:${cell.column}`, cell);

  const out: string[] = [
    '<w:tbl><w:tblPr>',
    `<w:tblW w:type="dxa" w:w="${width}"/><w:jc w:val="center"/>`,
    `<w:tblBorders><w:top ${BORDER}/><w:left ${BORDER}/><w:bottom ${BORDER}/><w:right ${BORDER}/><w:insideH ${BORDER}/><w:insideV ${BORDER}/></w:tblBorders>`,
    '<w:tblLayout w:type="fixed"/>',
    `<w:tblCellMar><w:top w:type="dxa" w:w="${CELL_MARGIN.top}"/><w:left w:type="dxa" w:w="${CELL_MARGIN.left}"/><w:bottom w:type="dxa" w:w="${CELL_MARGIN.bottom}"/><w:right w:type="dxa" w:w="${CELL_MARGIN.right}"/></w:tblCellMar>`,
    '</w:tblPr><w:tblGrid>',
    ...widths.map((value) => `<w:gridCol w:w="${value}"/>`),
    '</w:tblGrid>',
  ];
  // A table with a note under it keeps its last row with the note: the note never starts a page alone.
  const keepLast = model.note ? '<w:keepNext/>' : '';
  placed.forEach((cells, rowIndex) => {
    const header = rowIndex < model.header.length;
    const keep = rowIndex === placed.length - 1 ? keepLast : '';
    out.push(
      '<w:tr><w:trPr><w:cantSplit/>',
      header ? `<w:tblHeader/><w:trHeight w:val="${heights[rowIndex]}" w:hRule="atLeast"/>` : '<w:tblHeader w:val="off"/>',
      '</w:trPr>',
    );
    let column = 0;
    const emitContinuations = (until: number) => {
      for (;;) {
        const above = column < until ? continued.get(`${rowIndex}:${column}`) : undefined;
        if (!above) return;
        out.push(cellXml(above.width, above.span, 'continue', '<w:p/>'));
        column += above.span;
      }
    };
    for (const { cell, span, width: cellWidth, column: at } of cells) {
      emitContinuations(at);
      const align = cell.align ?? 'center';
      const paragraph =
        `<w:p><w:pPr><w:pStyle w:val="${STYLE.table.id}"/>${keep}${spacing}${align === 'center' ? '' : `<w:jc w:val="${JC[align]}"/>`}</w:pPr>` +
        (cell.text === '' ? '' : `<w:r>${header ? headerRun : bodyRun}<w:t xml:space="preserve">${escapeText(cell.text)}</w:t></w:r>`) +
        '</w:p>';
      out.push(cellXml(cellWidth, span, (cell.rowSpan ?? 1) > 1 ? 'restart' : null, paragraph));
      column = at + span;
    }
    emitContinuations(widths.length);
    out.push('</w:tr>');
  });
  out.push('</w:tbl>');
  return out.join('');
}

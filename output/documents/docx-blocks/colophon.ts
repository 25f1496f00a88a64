/**
 * 【抄送】 and 【印发】: the 版记 at the foot of the last page, 抄送 and 印发 between a thick first
 * and last line and a thin line between them, the text one character in from both sides, as
 * wide as the 版心. A floating table anchored to the bottom of the 版心.
 *
 * The 印发 line has the issuing office at the left and the date at the right (GB/T 9704 7.4.3),
 * both in 4号 type. The two halves of the line hold them while each fits in one; a longer office
 * takes what the date leaves (the date's cell is only as wide as the date), so its name is
 * never broken; one too long to share the line with the date takes the whole line and the date
 * goes under it at the right. The type is never made smaller than the standard's 4号.
 */
import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  RelativeVerticalPosition,
  Table,
  TableAnchorType,
  TableCell,
  TableLayoutType,
  TableRow,
  WidthType,
} from 'docx';
import type { Block } from '../document-model.js';
import { charWidth } from '../measure.js';
import { LANDSCAPE_MARGIN, MARGIN, SIZE } from '../official-format.js';
import { STYLE } from '../styles-xml.js';
import { type BlockBuilder, hairline, tablePageBreak, text } from './context.js';

type Colophon = Extract<Block, { kind: 'colophon' }>;

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const THICK = { style: BorderStyle.SINGLE, size: 8, color: '000000' } as const;
const THIN = { style: BorderStyle.SINGLE, size: 6, color: '000000' } as const;
const SIDE = { left: 280, right: 280, top: 40, bottom: 40 };
/** One 4号 character in twips (half-points × 10). */
const CHAR = SIZE.四号 * 10;
/** Room for the fonts' widths beyond charWidth's whole and half characters. */
const SLACK = CHAR / 2;

/** How the 印发 line is laid out: two cells of the given widths, or the office over the whole line and the date under it. */
export type ImprintLayout = { kind: 'oneLine'; columns: [number, number] } | { kind: 'twoLines' };

/**
 * Width of text in 4号 characters as Word and LibreOffice set it: charWidth, plus the quarter
 * character they put between Chinese and Western text (2026年5月21日 has five such gaps).
 */
function setWidth(text: string): number {
  const wide = [...text].map((char) => charWidth(char) === 1);
  const gaps = wide.filter((isWide, index) => index > 0 && isWide !== wide[index - 1]).length;
  return charWidth(text) + gaps / 4;
}

/** The width a cell needs to hold `text` on one line, its side margins included ('' needs none). */
const cellNeed = (text: string) => (text === '' ? 0 : Math.ceil(setWidth(text) * CHAR) + SIDE.left + SIDE.right + SLACK);

export function imprintLayout(office: string, issuedOn: string, width: number): ImprintLayout {
  const half = Math.floor(width / 2);
  const officeNeed = cellNeed(office);
  const dateNeed = cellNeed(issuedOn);
  if (officeNeed <= half && dateNeed <= width - half) return { kind: 'oneLine', columns: [half, width - half] };
  if (officeNeed + dateNeed > width) return { kind: 'twoLines' };
  // The longer of the two takes what the other leaves.
  const date = officeNeed > half ? Math.max(dateNeed, SIDE.left + SIDE.right) : width - officeNeed;
  return { kind: 'oneLine', columns: [width - date, date] };
}

function copyToRow(copyTo: string, width: number, hasIssue: boolean): TableRow {
  const listed = copyTo.replace(/^抄送[：:]/u, '').replace(/[。.]?$/u, '。');
  return new TableRow({
    cantSplit: true,
    children: [
      new TableCell({
        columnSpan: 2,
        width: { size: width, type: WidthType.DXA },
        margins: SIDE,
        borders: { top: THICK, bottom: hasIssue ? THIN : THICK, left: NONE, right: NONE },
        children: [
          new Paragraph({ style: STYLE.colophon.id, indent: { left: 3 * 280, hanging: 3 * 280 }, children: [text(`抄送：${listed}`)] }),
        ],
      }),
    ],
  });
}

const issuedOnText = (issuedOn: string | null) => (issuedOn === null ? '' : issuedOn.endsWith('印发') ? issuedOn : `${issuedOn}印发`);

function issueRow(block: Colophon, layout: ImprintLayout, width: number): TableRow {
  const top = block.copyTo !== null ? THIN : THICK;
  const issuedOn = issuedOnText(block.issuedOn);
  const borders = { top, bottom: THICK, left: NONE, right: NONE };
  const office = new Paragraph({ style: STYLE.colophon.id, children: [text(block.issuedBy!)] });
  const date = new Paragraph({
    style: STYLE.colophon.id,
    alignment: AlignmentType.RIGHT,
    children: issuedOn === '' ? [] : [text(issuedOn)],
  });
  if (layout.kind === 'twoLines') {
    return new TableRow({
      cantSplit: true,
      children: [
        new TableCell({ columnSpan: 2, width: { size: width, type: WidthType.DXA }, margins: SIDE, borders, children: [office, date] }),
      ],
    });
  }
  const [left, right] = layout.columns;
  return new TableRow({
    cantSplit: true,
    children: [
      new TableCell({ width: { size: left, type: WidthType.DXA }, margins: SIDE, borders, children: [office] }),
      new TableCell({ width: { size: right, type: WidthType.DXA }, margins: SIDE, borders, children: [date] }),
    ],
  });
}

function colophonTable(block: Colophon, width: number, left: number): Table {
  const half = Math.floor(width / 2);
  const hasIssue = block.issuedBy !== null;
  const layout = hasIssue ? imprintLayout(block.issuedBy!, issuedOnText(block.issuedOn), width) : null;
  const rows: TableRow[] = [];
  if (block.copyTo !== null) rows.push(copyToRow(block.copyTo, width, hasIssue));
  if (layout) rows.push(issueRow(block, layout, width));
  return new Table({
    rows,
    width: { size: width, type: WidthType.DXA },
    columnWidths: layout?.kind === 'oneLine' ? layout.columns : [half, width - half],
    layout: TableLayoutType.FIXED,
    // No table-level cell margins: the cells carry their own, so Word and LibreOffice put the table at the same x.
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    float: {
      horizontalAnchor: TableAnchorType.PAGE,
      absoluteHorizontalPosition: left,
      verticalAnchor: TableAnchorType.MARGIN,
      relativeVerticalPosition: RelativeVerticalPosition.BOTTOM,
      topFromText: 0,
      bottomFromText: 0,
      leftFromText: 0,
      rightFromText: 0,
    },
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
  });
}

export const colophon: BlockBuilder<'colophon'> = (block, context) => [
  ...tablePageBreak(context),
  colophonTable(block, context.width, context.landscape ? LANDSCAPE_MARGIN.left : MARGIN.left),
  // A floating table is anchored to the paragraph after it: without one LibreOffice drops the table.
  hairline(),
];

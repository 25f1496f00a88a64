/**
 * 【抄送】 and 【印发】: the 版记 at the foot of the last page, 抄送 and 印发 between a thick first
 * and last line and a thin line between them, the text one character in from both sides, as
 * wide as the 版心. A floating table anchored to the bottom of the 版心.
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
import { LANDSCAPE_MARGIN, MARGIN } from '../official-format.js';
import { STYLE } from '../styles-xml.js';
import { type BlockBuilder, hairline, tablePageBreak, text } from './context.js';

type Colophon = Extract<Block, { kind: 'colophon' }>;

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const THICK = { style: BorderStyle.SINGLE, size: 8, color: '000000' } as const;
const THIN = { style: BorderStyle.SINGLE, size: 6, color: '000000' } as const;
const SIDE = { left: 280, right: 280, top: 40, bottom: 40 };

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

function issueRow(block: Colophon, width: number): TableRow {
  const half = Math.floor(width / 2);
  const top = block.copyTo !== null ? THIN : THICK;
  const issuedOn = block.issuedOn === null ? '' : block.issuedOn.endsWith('印发') ? block.issuedOn : `${block.issuedOn}印发`;
  return new TableRow({
    cantSplit: true,
    children: [
      new TableCell({
        width: { size: half, type: WidthType.DXA },
        margins: SIDE,
        borders: { top, bottom: THICK, left: NONE, right: NONE },
        children: [new Paragraph({ style: STYLE.colophon.id, children: [text(block.issuedBy!)] })],
      }),
      new TableCell({
        width: { size: width - half, type: WidthType.DXA },
        margins: SIDE,
        borders: { top, bottom: THICK, left: NONE, right: NONE },
        children: [
          new Paragraph({ style: STYLE.colophon.id, alignment: AlignmentType.RIGHT, children: issuedOn === '' ? [] : [text(issuedOn)] }),
        ],
      }),
    ],
  });
}

function colophonTable(block: Colophon, width: number, left: number): Table {
  const half = Math.floor(width / 2);
  const hasIssue = block.issuedBy !== null;
  const rows: TableRow[] = [];
  if (block.copyTo !== null) rows.push(copyToRow(block.copyTo, width, hasIssue));
  if (hasIssue) rows.push(issueRow(block, width));
  return new Table({
    rows,
    width: { size: width, type: WidthType.DXA },
    columnWidths: [half, width - half],
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

/**
 * The page number of a landscape (横排) attachment page, where the portrait page's number would be
 * once the sheet is turned back (GB/T 9704: 页码位置与公文其他页码保持一致). The landscape page is
 * the portrait sheet turned a quarter clockwise (official-format.ts, LANDSCAPE_MARGIN), so the
 * number stands in the left margin, 7 mm from the 版心, its text turned a quarter clockwise:
 * odd pages one character above the 版心's bottom (the portrait number's right end), even pages one
 * character below the 版心's top (the portrait number's left end).
 *
 * A DrawingML text box (wps) with vertical text (bodyPr vert="vert"), anchored to the page in the
 * footer: LibreOffice 7.4 and Word both lay it out; a paragraph's own text direction cannot turn a
 * footer line. Written as XML because docx (the library) has no text box with vertical text.
 */
import { FONT, LANDSCAPE_MARGIN, PAGE, PAGE_NUMBER_INDENT, SIZE } from './official-format.js';
import { STYLE } from './styles-xml.js';

/** Twips → EMU (English Metric Units, 635 per twip). */
const emu = (twips: number) => Math.round(twips * 635);

/** The box: 6 mm across (one line of 4号), 40 mm along the edge (room for "— 999 —"). */
const BOX = { across: 340, along: 2268 } as const;
/** 一字线上距版心下边缘 7 mm: the box's inner side 7 mm out from the 版心 (397 twips). */
const GAP = 397;

export type PageSide = 'odd' | 'even';

/** Where the box goes on the landscape page, in twips from the page's top-left corner. */
export function rotatedNumberBox(side: PageSide): {
  x: number;
  y: number;
  width: number;
  height: number;
} {
  const textTop = LANDSCAPE_MARGIN.top;
  const textBottom = PAGE.width - LANDSCAPE_MARGIN.bottom;
  return {
    x: LANDSCAPE_MARGIN.left - GAP - BOX.across,
    y: side === 'odd' ? textBottom - PAGE_NUMBER_INDENT - BOX.along : textTop + PAGE_NUMBER_INDENT,
    width: BOX.across,
    height: BOX.along,
  };
}

const run = (inner: string) => {
  const font = FONT.songti.name;
  return `<w:r><w:rPr><w:rFonts w:ascii="${font}" w:hAnsi="${font}" w:eastAsia="${font}" w:cs="${font}" w:hint="eastAsia"/><w:sz w:val="${SIZE.四号}"/><w:szCs w:val="${SIZE.四号}"/></w:rPr>${inner}</w:r>`;
};

function numberParagraph(side: PageSide): string {
  return (
    `<w:p><w:pPr><w:pStyle w:val="${STYLE.pageNumber.id}"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>` +
    `<w:jc w:val="${side === 'odd' ? 'right' : 'left'}"/></w:pPr>` +
    run('<w:t xml:space="preserve">— </w:t>') +
    run('<w:fldChar w:fldCharType="begin"/>') +
    run('<w:instrText xml:space="preserve">PAGE</w:instrText>') +
    run('<w:fldChar w:fldCharType="separate"/>') +
    run('<w:t>1</w:t>') +
    run('<w:fldChar w:fldCharType="end"/>') +
    run('<w:t xml:space="preserve"> —</w:t>') +
    '</w:p>'
  );
}

/**
 * The footer paragraph holding the turned page number; `id` must be unique among the document's
 * drawings (Word refuses duplicate wp:docPr ids).
 */
export function rotatedPageNumberXml(side: PageSide, id: number): string {
  const box = rotatedNumberBox(side);
  const cx = emu(box.width);
  const cy = emu(box.height);
  const shape =
    `<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm>` +
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>' +
    `<wps:txbx><w:txbxContent>${numberParagraph(side)}</w:txbxContent></wps:txbx>` +
    '<wps:bodyPr rot="0" vert="vert" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp>';
  const anchor =
    `<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="${id}" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1">` +
    '<wp:simplePos x="0" y="0"/>' +
    `<wp:positionH relativeFrom="page"><wp:posOffset>${emu(box.x)}</wp:posOffset></wp:positionH>` +
    `<wp:positionV relativeFrom="page"><wp:posOffset>${emu(box.y)}</wp:posOffset></wp:positionV>` +
    `<wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>` +
    `<wp:docPr id="${id}" name="页码 ${id}"/><wp:cNvGraphicFramePr/>` +
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
    `<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">${shape}</a:graphicData></a:graphic></wp:anchor>`;
  // The footer's own paragraph only anchors the box: one point high, so the footer takes no room.
  return (
    '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/></w:pPr>' +
    `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>${anchor}</w:drawing></mc:Choice></mc:AlternateContent></w:r></w:p>`
  );
}

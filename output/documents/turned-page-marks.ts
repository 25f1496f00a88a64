/**
 * What the portrait pages carry in their margins, on a landscape (横排) attachment page: the page
 * number and the 草稿 mark, where they would be once the sheet is turned back (GB/T 9704:
 * 页码位置与公文其他页码保持一致). The landscape page is the portrait sheet turned a quarter
 * clockwise (official-format.ts, LANDSCAPE_MARGIN), so what runs along the portrait page's foot
 * runs down its left margin and what runs along its head down its right margin, turned a quarter
 * clockwise: text boxes with vertical text anchored to the page (turned-text-box.ts), since a
 * paragraph's own text direction cannot turn a header or footer line.
 */
import { FONT, HEADER_DISTANCE, LANDSCAPE_MARGIN, MARGIN, PAGE, PAGE_NUMBER_INDENT, SIZE, TEXT_WIDTH } from './official-format.js';
import { STYLE } from './styles-xml.js';
import { type TurnedBox, turnedTextBoxXml } from './turned-text-box.js';

/** One line of 4号 across (6 mm); the number's box 40 mm along the edge (room for "— 999 —"). */
const ACROSS = 340;
const NUMBER_ALONG = 2268;
/** 一字线上距版心下边缘 7 mm: the number's box 7 mm out from the 版心 (397 twips). */
const GAP = 397;

export type PageSide = 'odd' | 'even';

export type TurnedMark = `number-${PageSide}` | 'draft';

type Place = Omit<TurnedBox, 'content' | 'name'>;

/**
 * The page number's box, in twips from the landscape page's top-left corner: in the left margin,
 * 7 mm from the 版心; odd pages one character above the 版心's bottom (the portrait number's right
 * end), even pages one character below the 版心's top (the portrait number's left end).
 */
export function rotatedNumberBox(side: PageSide): Place {
  const textTop = LANDSCAPE_MARGIN.top;
  const textBottom = PAGE.width - LANDSCAPE_MARGIN.bottom;
  return {
    x: LANDSCAPE_MARGIN.left - GAP - ACROSS,
    y: side === 'odd' ? textBottom - PAGE_NUMBER_INDENT - NUMBER_ALONG : textTop + PAGE_NUMBER_INDENT,
    width: ACROSS,
    height: NUMBER_ALONG,
  };
}

/**
 * The 草稿 mark's box: the portrait header's line (HEADER_DISTANCE from the sheet's top edge, as
 * wide as the 版心, the mark at its right end) turned with the sheet: in the right margin,
 * HEADER_DISTANCE from the right edge, along the 版心, the mark at its lower end.
 */
export function turnedDraftBox(): Place {
  return { x: PAGE.height - HEADER_DISTANCE - ACROSS, y: MARGIN.left, width: ACROSS, height: TEXT_WIDTH.portrait };
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

/** The words of the 草稿 mark, on portrait and turned pages alike. */
export const DRAFT_MARK_TEXT = '草稿　未经定稿，请勿印发';

const draftParagraph = () => `<w:p><w:pPr><w:pStyle w:val="${STYLE.draftMark.id}"/></w:pPr><w:r><w:t>${DRAFT_MARK_TEXT}</w:t></w:r></w:p>`;

/**
 * The header or footer paragraph holding a turned mark; `id` must be unique among the document's
 * drawings.
 */
export function turnedMarkXml(mark: TurnedMark, id: number): string {
  if (mark === 'draft') return turnedTextBoxXml({ ...turnedDraftBox(), content: draftParagraph(), name: `草稿 ${id}` }, id);
  const side = mark === 'number-odd' ? 'odd' : 'even';
  return turnedTextBoxXml({ ...rotatedNumberBox(side), content: numberParagraph(side), name: `页码 ${id}` }, id);
}

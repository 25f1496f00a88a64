/**
 * The headers and footers of a section: the page number (“— 1 —”, 4号半角宋体, right on odd pages
 * and left on even pages, one character in) and, on a draft, the red 草稿 mark. On a landscape
 * page both are turned with the sheet (turned-page-marks.ts): a placeholder paragraph here, the
 * text box's XML in its place when packing. Both turned boxes stand in the footer (they are
 * anchored to the page, so the part that holds them does not matter): LibreOffice 7.4 puts a
 * page-anchored box of a header at the wrong place on some pages, never one of a footer. The
 * landscape section's header is then empty, or the portrait header's mark would carry over.
 */
import { AlignmentType, Footer, Header, PageNumber, Paragraph, TextRun } from 'docx';
import { FONT, PAGE_NUMBER_INDENT, SIZE } from './official-format.js';
import { STYLE } from './styles-xml.js';
import { DRAFT_MARK_TEXT, type PageSide, type TurnedMark, turnedMarkXml } from './turned-page-marks.js';

/** Marks the paragraph a turned mark replaces when packing (a private-use character: never in a template or in data). */
const TURNED_MARK = '\u{F0E8}';
const TURNED_PLACEHOLDER = new RegExp(
  `<w:p>(?:(?!</w:p>).)*?${TURNED_MARK}(number-odd|number-even|draft)${TURNED_MARK}(?:(?!</w:p>).)*?</w:p>`,
  'gu',
);

const placeholder = (mark: TurnedMark) => new Paragraph({ children: [new TextRun({ text: `${TURNED_MARK}${mark}${TURNED_MARK}` })] });

/** A header or footer part holds a turned mark's placeholder. */
export const holdsTurnedMark = (xml: string): boolean => xml.includes(TURNED_MARK);

/** The part with each turned mark's placeholder replaced by its text box; `nextId` gives each drawing its id. */
export const replaceTurnedMarks = (xml: string, nextId: () => number): string =>
  xml.replace(TURNED_PLACEHOLDER, (_, mark: TurnedMark) => turnedMarkXml(mark, nextId()));

export function pageNumberFooter(side: PageSide, landscape: boolean, draft: boolean): Footer {
  if (landscape) return new Footer({ children: [placeholder(`number-${side}`), ...(draft ? [placeholder('draft')] : [])] });
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.pageNumber.id,
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: PAGE_NUMBER_INDENT } : { left: PAGE_NUMBER_INDENT },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            size: SIZE.四号,
            font: { ascii: FONT.songti.name, hAnsi: FONT.songti.name, eastAsia: FONT.songti.name, cs: FONT.songti.name, hint: 'eastAsia' },
          }),
        ],
      }),
    ],
  });
}

/** A draft's header: the 草稿 mark on a portrait page; empty on a landscape page, whose footer holds the turned mark. */
export function draftHeader(landscape: boolean): Header {
  if (landscape) return new Header({ children: [new Paragraph({})] });
  return new Header({ children: [new Paragraph({ style: STYLE.draftMark.id, children: [new TextRun({ text: DRAFT_MARK_TEXT })] })] });
}

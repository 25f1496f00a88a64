/**
 * The document model → a Word document laid out per GB/T 9704-2012: A4, 37/35/28/26 mm
 * margins, 22 lines × 28 characters, 3号仿宋 body, 2号小标宋 title, 黑体/楷体 headings,
 * "— 1 —" page numbers right on odd pages and left on even pages, bordered tables with set
 * column widths. A pure builder: model in, docx objects out — each block by its own builder
 * (docx-blocks/), walked into sections by layout.ts, headers and footers from page-marks.ts;
 * packing (docx-package.ts) puts in our styles, the font table with fallback fonts, and
 * document properties dated by the data, so the same model always gives the same parts.
 */
import { Document, DocumentGridType, type ISectionOptions, PageOrientation, Paragraph, SectionType } from 'docx';
import type { DocumentModel } from './document-model.js';
import { hairline } from './docx-blocks/index.js';
import { type PackageOptions, packDocument } from './docx-package.js';
import { isTable, layout, type SectionDraft } from './layout.js';
import { FOOTER_DISTANCE, GRID, HEADER_DISTANCE, LANDSCAPE_MARGIN, MARGIN, PAGE } from './official-format.js';
import { draftHeader, pageNumberFooter } from './page-marks.js';

export { signatureIndents } from './docx-blocks/index.js';
export { packDocument } from './docx-package.js';
export { charWidth } from './measure.js';
export { columnWidths } from './table-xml.js';

export interface BuildOptions extends PackageOptions {
  /** Marks every page as a draft (草稿) in the page header. */
  draft: boolean;
}

function sectionOptions(draft: SectionDraft, index: number, options: BuildOptions): ISectionOptions {
  const last = draft.children.at(-1);
  // Word keeps a section's w:sectPr in its last paragraph, and a table placeholder is replaced
  // whole when packing: a section ending with a table gets a hairline paragraph to carry it. An
  // empty section still needs a paragraph for Word to open the file.
  const children = last === undefined ? [new Paragraph({})] : isTable(last) ? [...draft.children, hairline()] : draft.children;
  return {
    properties: {
      ...(index > 0 ? { type: SectionType.NEXT_PAGE } : {}),
      page: {
        size: {
          width: PAGE.width,
          height: PAGE.height,
          orientation: draft.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        // A landscape page is the portrait sheet turned: the same 版心 with its margins turned too.
        margin: { ...(draft.landscape ? LANDSCAPE_MARGIN : MARGIN), header: HEADER_DISTANCE, footer: FOOTER_DISTANCE, gutter: 0 },
      },
      grid: { type: DocumentGridType.LINES, linePitch: GRID.linePitch },
    },
    footers: {
      default: pageNumberFooter('odd', draft.landscape, options.draft),
      even: pageNumberFooter('even', draft.landscape, options.draft),
    },
    ...(options.draft ? { headers: { default: draftHeader(draft.landscape), even: draftHeader(draft.landscape) } } : {}),
    children,
  };
}

/** The document, with a placeholder paragraph for each table; `tables` receives their XML. */
export function buildDocument(model: DocumentModel, options: BuildOptions, tables: string[]): Document {
  const sections = layout(model.blocks, tables);
  return new Document({
    title: options.title,
    creator: '汇总（huizong）',
    evenAndOddHeaderAndFooters: true,
    sections: sections.map((section, index) => sectionOptions(section, index, options)),
  });
}

export async function renderDocx(model: DocumentModel, options: BuildOptions): Promise<Buffer> {
  const tables: string[] = [];
  return packDocument(buildDocument(model, options, tables), options, tables);
}

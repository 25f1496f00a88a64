/**
 * The document model → a Word document laid out per GB/T 9704-2012: A4, 37/35/28/26 mm
 * margins, 22 lines × 28 characters, 3号仿宋 body, 2号小标宋 title, 黑体/楷体 headings,
 * "— 1 —" page numbers right on odd pages and left on even pages, bordered tables with set
 * column widths. A pure builder: model in, docx objects out; packing puts in our styles
 * (styles-xml.ts), the font table with fallback fonts, and document properties dated by the
 * data, so the same model always gives the same parts.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  Header,
  type ISectionOptions,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  RelativeVerticalPosition,
  SectionType,
  Tab,
  Table,
  TableAnchorType,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { zipPackage } from '../package/zip-package.js';
import type { Block, DocumentModel } from './document-model.js';
import { charWidth } from './measure.js';
import {
  CHAR,
  FONT,
  FOOTER_DISTANCE,
  fontTableXml,
  GRID,
  HEADER_DISTANCE,
  LANDSCAPE_MARGIN,
  LINE,
  MARGIN,
  mm,
  PAGE,
  PAGE_NUMBER_INDENT,
  RED,
  runFont,
  SIZE,
  TEXT_WIDTH,
} from './official-format.js';
import { type PageSide, rotatedPageNumberXml } from './rotated-page-number.js';
import { STYLE, type StyleKey, stylesXml } from './styles-xml.js';
import { columnWidths, tableXml } from './table-xml.js';

export { charWidth, columnWidths };

export interface BuildOptions {
  /** Document title in the file's properties. */
  title: string;
  /** Marks every page as a draft (草稿) in the page header. */
  draft: boolean;
  /** ISO time written as the file's creation time (the data's 截至 time, for reproducible files). */
  createdAt: string;
  /** Written as the file's identifier property (dc:identifier): what the document was made from. */
  identifier?: string;
}

const exact = (line: number) => ({ line, lineRule: LineRuleType.EXACT, before: 0, after: 0 });

const text = (value: string, extra: ConstructorParameters<typeof TextRun>[0] & object = {}) => new TextRun({ text: value, ...extra });

function paragraph(key: StyleKey, content: string, extra: Partial<ConstructorParameters<typeof Paragraph>[0] & object> = {}): Paragraph {
  return new Paragraph({ style: STYLE[key].id, children: content === '' ? [] : [text(content)], ...extra });
}

const _THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;

/**
 * 版记: 抄送 and 印发 between a thick first and last line and a thin line between them, the text
 * one character in from both sides, as wide as the text area.
 */
function buildColophon(block: Extract<Block, { kind: 'colophon' }>, width: number, left: number): Table {
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000' } as const;
  const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000' } as const;
  const side = { left: 280, right: 280, top: 40, bottom: 40 };
  const half = Math.floor(width / 2);
  const rows: TableRow[] = [];
  const hasIssue = block.issuedBy !== null;
  if (block.copyTo !== null) {
    const copyTo = block.copyTo.replace(/^抄送[：:]/u, '').replace(/[。.]?$/u, '。');
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            columnSpan: 2,
            width: { size: width, type: WidthType.DXA },
            margins: side,
            borders: { top: thick, bottom: hasIssue ? thin : thick, left: NONE, right: NONE },
            children: [
              new Paragraph({ style: STYLE.colophon.id, indent: { left: 3 * 280, hanging: 3 * 280 }, children: [text(`抄送：${copyTo}`)] }),
            ],
          }),
        ],
      }),
    );
  }
  if (hasIssue) {
    const top = block.copyTo !== null ? thin : thick;
    const issuedOn = block.issuedOn === null ? '' : block.issuedOn.endsWith('印发') ? block.issuedOn : `${block.issuedOn}印发`;
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            width: { size: half, type: WidthType.DXA },
            margins: side,
            borders: { top, bottom: thick, left: NONE, right: NONE },
            children: [new Paragraph({ style: STYLE.colophon.id, children: [text(block.issuedBy!)] })],
          }),
          new TableCell({
            width: { size: width - half, type: WidthType.DXA },
            margins: side,
            borders: { top, bottom: thick, left: NONE, right: NONE },
            children: [
              new Paragraph({
                style: STYLE.colophon.id,
                alignment: AlignmentType.RIGHT,
                children: issuedOn === '' ? [] : [text(issuedOn)],
              }),
            ],
          }),
        ],
      }),
    );
  }
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

/**
 * 发文机关署名 and 成文日期 without a seal (GB/T 9704 7.3.5.2): the office two characters from the
 * right, the date under it starting two characters further right; a date longer than the
 * office stays two characters from the right and pushes the office left.
 */
export function signatureIndents(office: string | null, date: string | null): { office: number; date: number } {
  if (office === null) return { office: 0, date: 4 };
  if (date === null) return { office: 2, date: 0 };
  const officeWidth = charWidth(office);
  const dateWidth = charWidth(date);
  let officeRight = 2;
  let dateRight = officeRight + officeWidth - dateWidth - 2;
  if (dateRight < 2) {
    dateRight = 2;
    officeRight = dateRight + dateWidth + 2 - officeWidth;
  }
  return { office: officeRight, date: dateRight };
}

/** The letterhead as large as 小初 allows while it fits on one line. */
function issuerSize(value: string): number {
  const fit = Math.floor(((TEXT_WIDTH.portrait / 20) * 0.95 * 2) / Math.max(charWidth(value), 1));
  return Math.min(SIZE.小初, fit);
}

/** Marks the footer paragraph a turned page number replaces when packing (rotated-page-number.ts). */
const ROTATED_NUMBER_MARK = '\u{F0E8}';
const ROTATED_NUMBER_PLACEHOLDER = new RegExp(
  `<w:p>(?:(?!</w:p>).)*?${ROTATED_NUMBER_MARK}(odd|even)${ROTATED_NUMBER_MARK}(?:(?!</w:p>).)*?</w:p>`,
  'gu',
);

function pageNumberFooter(side: PageSide, landscape: boolean): Footer {
  if (landscape)
    return new Footer({ children: [new Paragraph({ children: [text(`${ROTATED_NUMBER_MARK}${side}${ROTATED_NUMBER_MARK}`)] })] });
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

function draftHeader(): Header {
  return new Header({
    children: [new Paragraph({ style: STYLE.draftMark.id, children: [text('草稿　未经定稿，请勿印发')] })],
  });
}

interface SectionDraft {
  landscape: boolean;
  children: (Paragraph | Table)[];
}

/** Blocks → sections of paragraphs and tables. */
function layout(blocks: readonly Block[], tables: string[]): SectionDraft[] {
  const sections: SectionDraft[] = [{ landscape: false, children: [] }];
  let breakBefore = false;
  let previous: Block | undefined;
  const current = () => sections.at(-1)!;
  const push = (item: Paragraph | Table) => {
    if (breakBefore && item instanceof Table)
      current().children.push(new Paragraph({ pageBreakBefore: true, spacing: { line: 20, lineRule: LineRuleType.EXACT } }));
    current().children.push(item);
    breakBefore = false;
  };
  // Page breaks ride on the next paragraph, so the new page does not start with an empty line.
  const pageBreak = () => (breakBefore ? { pageBreakBefore: true } : {});
  const width = () => (current().landscape ? TEXT_WIDTH.landscape : TEXT_WIDTH.portrait);
  // GB/T 9704 7.3.5.4: the signature never stands alone on a page. The last body paragraph, the
  // 附件说明 and the signature keep with what follows, so the signature page carries body text.
  const closing = (block: Block | undefined) => block?.kind === 'attachments' || block?.kind === 'signature';
  const keepWithClosing = (index: number) => (closing(blocks[index + 1]) ? { keepNext: true } : {});

  blocks.forEach((block, index) => {
    const next = blocks[index + 1];
    switch (block.kind) {
      case 'issuer': {
        const size = issuerSize(block.text);
        // An upward document (上行文) names its 签发人 beside the 文号; its letterhead sits lower.
        const upward = next?.kind === 'documentNumber' && (next.signers?.length ?? 0) > 0;
        push(
          new Paragraph({
            style: STYLE.issuer.id,
            ...pageBreak(),
            // The letterhead's top 35 mm under the top of the 版心 (下行文, GB/T 9704 7.2.3), 80 mm for a 上行文.
            spacing: { before: mm(upward ? 80 : 35), after: 0, line: Math.round(size * 10 * 1.25), lineRule: LineRuleType.EXACT },
            children: [text(block.text, { size })],
          }),
        );
        break;
      }
      case 'documentNumber': {
        const common = {
          style: STYLE.documentNumber.id,
          ...pageBreak(),
          // 发文机关标志下空二行; the red line 4 mm under the number.
          spacing: { ...exact(LINE), before: previous?.kind === 'issuer' ? 2 * LINE : 0 },
          border: { bottom: { style: BorderStyle.SINGLE, size: 8, color: RED, space: 11 } },
        };
        const signers = block.signers ?? [];
        if (signers.length === 0) {
          push(new Paragraph({ ...common, children: [text(block.text)] }));
          break;
        }
        // GB/T 9704 7.2.4–7.2.5: 发文字号居左空一字, 签发人居右空一字 on the same line; “签发人：”
        // in 仿宋, the names in 楷体.
        push(
          new Paragraph({
            ...common,
            alignment: AlignmentType.LEFT,
            indent: { left: CHAR, right: CHAR },
            tabStops: [{ type: TabStopType.RIGHT, position: width() - CHAR }],
            children: [
              text(block.text),
              new TextRun({ children: [new Tab()] }),
              text('签发人：'),
              text(signers.join('　'), { font: runFont(FONT.kaiti) }),
            ],
          }),
        );
        break;
      }
      case 'title':
        block.lines.forEach((line, lineIndex) => {
          const first = lineIndex === 0;
          const last = lineIndex === block.lines.length - 1;
          push(
            paragraph('title', line, {
              ...pageBreak(),
              spacing: {
                ...exact(LINE),
                // 红色分隔线下空二行; 标题下空一行.
                before: first && previous?.kind === 'documentNumber' ? 2 * LINE : 0,
                after: last && next !== undefined && next.kind !== 'blank' && next.kind !== 'table' ? LINE : 0,
              },
            }),
          );
        });
        break;
      case 'recipient':
        push(paragraph('recipient', block.text, pageBreak()));
        break;
      case 'paragraph':
        push(paragraph('body', block.text, { ...pageBreak(), ...keepWithClosing(index) }));
        break;
      case 'heading':
        push(paragraph(`heading${block.level}`, block.text, pageBreak()));
        break;
      case 'table':
        // A placeholder paragraph; the table's XML replaces it when packing (table-xml.ts).
        if (breakBefore)
          current().children.push(new Paragraph({ pageBreakBefore: true, spacing: { line: 20, lineRule: LineRuleType.EXACT } }));
        breakBefore = false;
        {
          const placeholder = new Paragraph({ children: [text(`${TABLE_MARK}${tables.length}${TABLE_MARK}`)] });
          TABLE_PLACEHOLDERS.add(placeholder);
          current().children.push(placeholder);
        }
        tables.push(tableXml(block.table, width()));
        break;
      case 'attachments': {
        // 正文下空一行左空二字编排“附件”，多个附件编顺序号，回行与附件名称首字对齐.
        const numbered = block.items.length > 1;
        block.items.forEach((item, itemIndex) => {
          const number = numbered ? `${itemIndex + 1}.` : '';
          const numberWidth = numbered ? Math.ceil(charWidth(number) * CHAR) + CHAR / 2 : 0;
          const label = itemIndex === 0 ? '附件：' : '';
          push(
            new Paragraph({
              style: STYLE.body.id,
              ...pageBreak(),
              indent: { left: 5 * CHAR + numberWidth, hanging: (itemIndex === 0 ? 3 * CHAR : 0) + numberWidth },
              keepNext: itemIndex < block.items.length - 1 || closing(next),
              spacing: { ...exact(LINE), before: itemIndex === 0 && previous !== undefined ? LINE : 0 },
              children: [text(`${label}${number}${numbered ? ' ' : ''}${item.replace(/[。；;，,]$/u, '')}`)],
            }),
          );
        });
        break;
      }
      case 'signature': {
        const indents = signatureIndents(block.office, block.date);
        const before = previous !== undefined && previous.kind !== 'blank' ? LINE : 0;
        if (block.office !== null) {
          push(
            paragraph('signature', block.office, {
              ...pageBreak(),
              indent: { right: indents.office * CHAR },
              spacing: { ...exact(LINE), before },
            }),
          );
        }
        if (block.date !== null) {
          push(
            paragraph('signature', block.date, {
              ...pageBreak(),
              indent: { right: indents.date * CHAR },
              spacing: { ...exact(LINE), before: block.office === null ? before : 0 },
            }),
          );
        }
        break;
      }
      case 'note':
        push(paragraph('body', block.text, pageBreak()));
        break;
      case 'blank':
        push(paragraph('body', '', pageBreak()));
        break;
      case 'pageBreak':
        breakBefore = true;
        break;
      case 'attachmentPage':
        sections.push({ landscape: block.landscape, children: [] });
        breakBefore = false;
        // “附件”及顺序号用3号黑体字顶格编排在版心左上角第一行; the attachment's title on the third line.
        push(paragraph('label', block.label, { spacing: { ...exact(LINE), after: next?.kind === 'title' ? LINE : 0 } }));
        break;
      case 'colophon':
        push(buildColophon(block, width(), current().landscape ? LANDSCAPE_MARGIN.left : MARGIN.left));
        // A floating table is anchored to the paragraph after it: without one LibreOffice drops the table.
        push(new Paragraph({ spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 } }));
        break;
    }
    previous = block;
  });
  return sections;
}

/**
 * The paragraph that carries a section's properties when the section ends with a table: Word
 * keeps a section's w:sectPr in its last paragraph, and a table placeholder is replaced whole
 * when packing. One point high, so it never adds a line.
 */
const sectionEnd = () => new Paragraph({ spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 } });

function sectionOptions(draft: SectionDraft, index: number, options: BuildOptions): ISectionOptions {
  const last = draft.children.at(-1);
  const children =
    last === undefined
      ? [new Paragraph({})]
      : last instanceof Table || TABLE_PLACEHOLDERS.has(last)
        ? [...draft.children, sectionEnd()]
        : draft.children;
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
    footers: { default: pageNumberFooter('odd', draft.landscape), even: pageNumberFooter('even', draft.landscape) },
    ...(options.draft ? { headers: { default: draftHeader(), even: draftHeader() } } : {}),
    // An empty section still needs a paragraph for Word to open the file.
    children,
  };
}

/** Marks where a table's XML goes (private-use characters: never in a template or in data). */
const TABLE_MARK = '\u{F0E7}';
/** The placeholder paragraphs (a table's XML replaces each one when packing). */
const TABLE_PLACEHOLDERS = new WeakSet<Paragraph>();
const TABLE_PLACEHOLDER = new RegExp(`<w:p>(?:(?!</w:p>).)*?${TABLE_MARK}(\\d+)${TABLE_MARK}(?:(?!</w:p>).)*?</w:p>`, 'gu');

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

const escapeXml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function corePropertiesXml(options: BuildOptions): string {
  const when = new Date(options.createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(options.title)}</dc:title><dc:creator>汇总（huizong）</dc:creator><cp:lastModifiedBy>汇总（huizong）</cp:lastModifiedBy><cp:revision>1</cp:revision>` +
    (options.identifier ? `<dc:identifier>${escapeXml(options.identifier)}</dc:identifier>` : '') +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`
  );
}

/**
 * The .docx bytes: docx's package with our styles, font table and document properties in place
 * of its own, and each table placeholder replaced by the table's XML.
 */
export async function packDocument(document: Document, options: BuildOptions, tables: readonly string[] = []): Promise<Buffer> {
  const packed = await Packer.toBuffer(document, false, [
    { path: 'word/styles.xml', data: stylesXml() },
    { path: 'word/fontTable.xml', data: fontTableXml() },
    { path: 'docProps/core.xml', data: corePropertiesXml(options) },
  ]);
  const files = unzipSync(packed);
  const footers = Object.keys(files).filter(
    (name) => /^word\/footer\d+\.xml$/.test(name) && strFromU8(files[name]!).includes(ROTATED_NUMBER_MARK),
  );
  if (tables.length === 0 && footers.length === 0) return packed;
  const body = strFromU8(files['word/document.xml']!).replace(TABLE_PLACEHOLDER, (_, index: string) => tables[Number(index)]!);
  files['word/document.xml'] = strToU8(body);
  // Each turned page number is a drawing, and drawings need ids unique in the document.
  let drawingId = 1000;
  for (const name of footers.sort()) {
    const xml = strFromU8(files[name]!).replace(ROTATED_NUMBER_PLACEHOLDER, (_, side: PageSide) => rotatedPageNumberXml(side, ++drawingId));
    files[name] = strToU8(xml);
  }
  // Same part order, with a fixed time: the same model gives the same bytes.
  return zipPackage(
    Object.entries(files).map(([name, data]) => ({ name, data })),
    new Date(options.createdAt),
  );
}

export async function renderDocx(model: DocumentModel, options: BuildOptions): Promise<Buffer> {
  const tables: string[] = [];
  return packDocument(buildDocument(model, options, tables), options, tables);
}

/**
 * word/styles.xml for official documents, written out in full rather than through docx's style
 * options because two properties the layout needs have no docx option: paragraphs that must not
 * snap to the line grid (titles, tables, page numbers — otherwise every table line takes a full
 * 579-twip grid line) and the spacing between Chinese and Latin text turned off (so
 * "2013年8月20日" is set tight, as official documents are, and the signature lines up).
 * Paragraphs refer to these styles by id; the names are what the clerk sees in Word.
 *
 * Widow and orphan control is off: GB/T 9704 sets 22 lines on every page, and with it a heading
 * with the two lines it keeps with could not fit the last three lines of a page, which then stayed
 * empty. A heading still never ends a page: it keeps with the first line of what follows
 * (keepNext) and is never split itself (keepLines).
 */
import { BODY_CHARACTER_SPACING, CHAR, FONT, LATIN_FONT, LINE, type OfficialFont, RED, SIZE } from './official-format.js';

export const STYLE = {
  body: { id: 'GwBody', name: '公文正文' },
  title: { id: 'GwTitle', name: '公文标题' },
  recipient: { id: 'GwRecipient', name: '公文主送机关' },
  documentNumber: { id: 'GwDocumentNumber', name: '公文发文字号' },
  heading1: { id: 'GwHeading1', name: '公文一级标题' },
  heading2: { id: 'GwHeading2', name: '公文二级标题' },
  heading3: { id: 'GwHeading3', name: '公文三级标题' },
  heading4: { id: 'GwHeading4', name: '公文四级标题' },
  signature: { id: 'GwSignature', name: '公文落款' },
  table: { id: 'GwTable', name: '公文表格' },
  colophon: { id: 'GwColophon', name: '公文版记' },
  issuer: { id: 'GwIssuer', name: '公文发文机关标志' },
  label: { id: 'GwAttachmentLabel', name: '公文附件标识' },
  pageNumber: { id: 'GwPageNumber', name: '公文页码' },
  draftMark: { id: 'GwDraftMark', name: '公文草稿标记' },
} as const;

export type StyleKey = keyof typeof STYLE;

interface StyleSpec {
  font: OfficialFont;
  size: number;
  align?: 'both' | 'center' | 'left' | 'right';
  /** Exact line height in twips; absent = single. */
  line?: number;
  firstLineChars?: number;
  keepNext?: boolean;
  /** Never split across pages (a heading of two lines). */
  keepLines?: boolean;
  /** Lay the paragraph on the section's line grid (body text) or not (everything else). */
  grid: boolean;
  outline?: number;
  color?: string;
  /** Narrow the characters so 28 fit a line (3号 text on the grid). */
  narrow?: boolean;
}

/** 3号 text on the line grid, 28 characters a line: the body and every line set like it. */
const gridText = (font: OfficialFont, extra: Partial<StyleSpec> = {}): StyleSpec => ({
  font,
  size: SIZE.三号,
  align: 'both',
  line: LINE,
  grid: true,
  narrow: true,
  ...extra,
});

/** A heading of level 1–4: indented two characters like the body, kept with what follows, in the outline. */
const headingText = (font: OfficialFont, level: 1 | 2 | 3 | 4): StyleSpec =>
  gridText(font, { firstLineChars: 2, keepNext: true, keepLines: true, outline: level - 1 });

/** Text off the grid (titles, tables, the letterhead, page marks): single spacing unless given. */
const freeText = (font: OfficialFont, size: number, extra: Partial<StyleSpec> = {}): StyleSpec => ({ font, size, grid: false, ...extra });

const SPECS: Record<StyleKey, StyleSpec> = {
  body: gridText(FONT.fangsong, { firstLineChars: 2 }),
  title: freeText(FONT.xiaobiaosong, SIZE.二号, { align: 'center', line: LINE, keepNext: true }),
  recipient: gridText(FONT.fangsong),
  documentNumber: gridText(FONT.fangsong, { align: 'center' }),
  heading1: headingText(FONT.heiti, 1),
  heading2: headingText(FONT.kaiti, 2),
  heading3: headingText(FONT.fangsong, 3),
  heading4: headingText(FONT.fangsong, 4),
  signature: gridText(FONT.fangsong, { align: 'right', keepNext: true }),
  table: freeText(FONT.fangsong, SIZE.四号, { align: 'center' }),
  colophon: freeText(FONT.fangsong, SIZE.四号, { align: 'left', line: Math.round(LINE * 0.9) }),
  issuer: freeText(FONT.xiaobiaosong, SIZE.小初, { align: 'center', color: RED }),
  label: gridText(FONT.heiti, { align: 'left' }),
  pageNumber: freeText(FONT.songti, SIZE.四号),
  draftMark: freeText(FONT.heiti, SIZE.四号, { align: 'right', color: RED }),
};

const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function fonts(font: OfficialFont): string {
  // 页码 is 半角宋体: every slot 宋体. Elsewhere Latin letters and numbers use Times New Roman.
  const latin = font === FONT.songti ? font.name : LATIN_FONT;
  return `<w:rFonts w:ascii="${attr(latin)}" w:hAnsi="${attr(latin)}" w:eastAsia="${attr(font.name)}" w:cs="${attr(font.name)}" w:hint="eastAsia"/>`;
}

function runProperties(spec: StyleSpec): string {
  return (
    '<w:rPr>' +
    fonts(spec.font) +
    (spec.color ? `<w:color w:val="${spec.color}"/>` : '') +
    (spec.narrow ? `<w:spacing w:val="${BODY_CHARACTER_SPACING}"/>` : '') +
    `<w:sz w:val="${spec.size}"/><w:szCs w:val="${spec.size}"/>` +
    // East Asian text is Simplified Chinese, as Word marks it in Chinese documents (proofing and font substitution go by it).
    '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>' +
    '</w:rPr>'
  );
}

function paragraphProperties(spec: StyleSpec): string {
  return (
    '<w:pPr>' +
    (spec.keepNext ? '<w:keepNext/>' : '') +
    (spec.keepLines ? '<w:keepLines/>' : '') +
    (spec.grid ? '' : '<w:snapToGrid w:val="0"/>') +
    (spec.line
      ? `<w:spacing w:before="0" w:after="0" w:line="${spec.line}" w:lineRule="exact"/>`
      : '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>') +
    (spec.firstLineChars ? `<w:ind w:firstLine="${spec.firstLineChars * CHAR}" w:firstLineChars="${spec.firstLineChars * 100}"/>` : '') +
    (spec.align ? `<w:jc w:val="${spec.align}"/>` : '') +
    (spec.outline !== undefined ? `<w:outlineLvl w:val="${spec.outline}"/>` : '') +
    '</w:pPr>'
  );
}

export function stylesXml(): string {
  const normal: StyleSpec = { font: FONT.fangsong, size: SIZE.三号, grid: true };
  const custom = (Object.keys(SPECS) as StyleKey[])
    .map((key) => {
      const spec = SPECS[key];
      return `<w:style w:type="paragraph" w:customStyle="1" w:styleId="${STYLE[key].id}"><w:name w:val="${attr(STYLE[key].name)}"/><w:basedOn w:val="Normal"/><w:qFormat/>${paragraphProperties(spec)}${runProperties(spec)}</w:style>`;
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `<w:docDefaults><w:rPrDefault>${runProperties(normal)}</w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
    `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:jc w:val="both"/></w:pPr>${runProperties(normal)}</w:style>` +
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
    custom +
    '</w:styles>'
  );
}

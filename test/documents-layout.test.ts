/**
 * GB/T 9704-2012 positions measured on the printed page, not in the XML: documents built from
 * models are printed by LibreOffice under metric-compatible fonts (support/pdf-layout.ts) and
 * read back with pdftotext -bbox-layout; rules are found in the page image. 版心: 37 mm from
 * the top edge, 225 mm high (22 lines of 579 twips), so its last line ends 262 mm down. The
 * turned page marks are also printed from the VML fallback alone, as Word 2007 and older WPS
 * read them.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderDocx } from '../output/documents/build-docx.js';
import type { Block, TableModel } from '../output/documents/document-model.js';
import { findLine, horizontalRules, type PdfPage, printToPdf, readPages, type TextLine } from './support/pdf-layout.js';
import { tempDir } from './support/temp-dir.js';

const TEXT_TOP = 37;
const TEXT_BOTTOM = 297 - 35;

const table = (label: string): TableModel => ({
  header: [[{ text: '单位' }, { text: label }]],
  body: [
    [{ text: '庞村镇' }, { text: '1' }],
    [{ text: '李村镇' }, { text: '2' }],
  ],
  columnWeights: [2, 1],
});

/** One line of body text (20 characters after the two-character indent). */
const oneLine = (n: number) => `第${String(n).padStart(2, '0')}行正文正文正文正文正文正文正文。`;

/** A per-unit table long enough to run over two landscape pages. */
const longTable: TableModel = {
  header: [[{ text: '序号' }, { text: '单位' }, { text: '数量' }]],
  body: Array.from({ length: 25 }, (_, i) => [{ text: String(i + 1) }, { text: `第${i + 1}单位` }, { text: String(i) }]),
  columnWeights: [1, 4, 2],
};

const MODELS: Record<string, Block[]> = {
  // Two portrait pages (odd and even page numbers to compare with), then a landscape attachment over pages 3 and 4.
  landscape: [
    { kind: 'title', lines: ['关于检查情况的报告'] },
    { kind: 'paragraph', text: '第一页。' },
    { kind: 'pageBreak' },
    { kind: 'paragraph', text: '第二页。' },
    { kind: 'attachmentPage', label: '附件1', landscape: true },
    { kind: 'title', lines: ['横向附件'] },
    { kind: 'table', table: longTable },
  ],
  // An upward document (上行文): 发文字号 and 签发人 on one line.
  upward: [
    { kind: 'issuer', text: '洛阳伊滨区管委会办公室文件' },
    { kind: 'documentNumber', text: '伊滨办〔2013〕16号', signers: ['张某某'] },
    { kind: 'title', lines: ['关于某事的报告'] },
    { kind: 'paragraph', text: '正文。' },
  ],
  // A clerk's template whose body ends with a table, then a landscape and a portrait attachment.
  tableBeforeAttachments: [
    { kind: 'title', lines: ['关于检查情况的报告'] },
    { kind: 'paragraph', text: '现将情况报告如下：' },
    { kind: 'table', table: table('正文表') },
    { kind: 'attachmentPage', label: '附件1', landscape: true },
    { kind: 'title', lines: ['横向附件'] },
    { kind: 'table', table: table('附件一表') },
    { kind: 'attachmentPage', label: '附件2', landscape: false },
    { kind: 'title', lines: ['纵向附件'] },
    { kind: 'table', table: table('附件二表') },
  ],
  letterhead: [
    { kind: 'issuer', text: '洛阳伊滨区管委会办公室文件' },
    { kind: 'documentNumber', text: '伊滨办〔2013〕15号' },
    { kind: 'title', lines: ['关于某事的通报'] },
    { kind: 'paragraph', text: '正文。' },
    { kind: 'signature', office: '洛阳伊滨区管委会办公室', date: '2013年8月22日' },
    { kind: 'colophon', copyTo: '区管委会领导', issuedBy: '洛阳伊滨区管委会办公室', issuedOn: '2013年8月22日' },
  ],
  // Title (two lines with the space under it) + 17 one-line paragraphs leave the first page's last three lines for
  // two headings and a three-line paragraph.
  headingChain: [
    { kind: 'title', lines: ['关于检查情况的报告'] },
    ...Array.from({ length: 17 }, (_, i): Block => ({ kind: 'paragraph', text: oneLine(i + 1) })),
    { kind: 'heading', level: 1, text: '三、存在问题' },
    { kind: 'heading', level: 2, text: '（一）报送不够及时' },
    { kind: 'paragraph', text: `甲${'正'.repeat(25)}乙${'正'.repeat(27)}丙${'正'.repeat(15)}。` },
  ],
  // Title + 21 one-line paragraphs fill the first page's 22 lines exactly: the signature would start page 2 alone.
  fullPage: [
    { kind: 'title', lines: ['关于检查情况的报告'] },
    ...Array.from({ length: 20 }, (_, i): Block => ({ kind: 'paragraph', text: oneLine(i + 1) })),
    { kind: 'signature', office: '洛阳伊滨区管委会办公室', date: '2013年8月22日' },
  ],
};

/** A .docx as a reader without DrawingML shapes (Word 2007, older WPS) sees it: each mc:AlternateContent replaced by its fallback. */
function fallbackOnly(docx: Uint8Array): Uint8Array {
  const files = unzipSync(docx);
  for (const name of Object.keys(files).filter((part) => /^word\/(header|footer)\d+\.xml$/.test(part))) {
    const xml = strFromU8(files[name]!).replace(
      /<mc:AlternateContent>(?:(?!<\/mc:AlternateContent>)[\s\S])*?<mc:Fallback>([\s\S]*?)<\/mc:Fallback><\/mc:AlternateContent>/g,
      '$1',
    );
    files[name] = strToU8(xml);
  }
  return zipSync(files);
}

/** The glyphs of the 草稿 mark on a turned page: vertical text comes out of pdftotext one character a line, in the right margin. */
const turnedMark = (page: PdfPage) =>
  page.lines.filter((line) => line.left > 297 - 37 && /^[草稿未经定，请勿印发]$/u.test(line.text.trim()));

const pdfs: Record<string, string> = {};
const pages: Record<string, PdfPage[]> = {};

describe('official documents on the printed page (LibreOffice, metric-compatible fonts)', () => {
  beforeAll(async () => {
    const dir = await tempDir();
    const files: string[] = [];
    for (const [name, blocks] of Object.entries(MODELS)) {
      const file = join(dir, `${name}.docx`);
      await writeFile(file, await renderDocx({ blocks }, { title: name, draft: false, createdAt: '2013-08-22T02:00:00.000Z' }));
      files.push(file);
    }
    // The landscape model as a draft, and the same file as Word 2007 reads it: every
    // mc:AlternateContent replaced by its VML fallback.
    const draft = await renderDocx({ blocks: MODELS.landscape! }, { title: 'draft', draft: true, createdAt: '2013-08-22T02:00:00.000Z' });
    await writeFile(join(dir, 'landscapeDraft.docx'), draft);
    await writeFile(join(dir, 'landscapeVml.docx'), fallbackOnly(draft));
    files.push(join(dir, 'landscapeDraft.docx'), join(dir, 'landscapeVml.docx'));
    const printed = await printToPdf(files);
    for (const [index, name] of [...Object.keys(MODELS), 'landscapeDraft', 'landscapeVml'].entries()) {
      pdfs[name] = printed[index]!;
      pages[name] = await readPages(printed[index]!);
    }
  }, 240_000);

  it('keeps each section and its orientation when the section ends with a generated table', () => {
    const printed = pages.tableBeforeAttachments!;
    expect(printed.map((page) => page.landscape)).toEqual([false, true, false]);
    expect(findLine(printed, '正文表')?.page.number).toBe(1);
    expect(findLine(printed, '附件1')?.page.number).toBe(2);
    expect(findLine(printed, '附件一表')?.page.number).toBe(2);
    expect(findLine(printed, '附件2')?.page.number).toBe(3);
    // 附件 label on the first line of the 版心, top left.
    const label = findLine(printed, '附件2')!.line;
    expect(label.top).toBeGreaterThan(TEXT_TOP);
    expect(label.top).toBeLessThan(TEXT_TOP + 5);
  });

  it('lays a landscape attachment page out as the portrait sheet turned: margins and page number turned with it', () => {
    const printed = pages.landscape!;
    expect(printed.map((page) => page.landscape)).toEqual([false, false, true, true]);
    // 版心 of the turned sheet: 订口 28 mm at the top, 下白边 35 mm at the left.
    const label = findLine(printed, '附件1')!;
    expect(label.page.number).toBe(3);
    expect(Math.abs(label.line.left - 35)).toBeLessThan(1);
    expect(label.line.top).toBeGreaterThan(28);
    expect(label.line.top).toBeLessThan(28 + 5);
    // The table stays inside the turned 版心 (225 mm wide, 156 mm high): not into the 天头 (37 mm, right) or the 翻口 (26 mm, bottom).
    for (const page of printed.slice(2)) {
      const body = page.lines.filter((line) => line.left > 34);
      expect(Math.max(...body.map((line) => line.right))).toBeLessThan(297 - 37 + 0.5);
      expect(Math.max(...body.map((line) => line.bottom))).toBeLessThan(210 - 26 + 0.5);
    }
    expect(findLine(printed, '第25单位')?.page.number).toBe(4);
    // The number stands where the portrait page's number would be once the sheet is turned back:
    // portrait (x, y) → landscape (297 − y, x). Its text runs down the page (a tall, narrow box).
    const number = (page: PdfPage) => page.lines.find((line) => line.text.replace(/\s+/g, '') === `—${page.number}—`)!;
    const [odd, even, turnedOdd, turnedEven] = printed.map(number);
    const pairs: [TextLine, TextLine][] = [
      [odd!, turnedOdd!],
      [even!, turnedEven!],
    ];
    for (const [portrait, turned] of pairs) {
      expect(turned.bottom - turned.top).toBeGreaterThan(1.5 * (turned.right - turned.left));
      expect(Math.abs(turned.right - (297 - portrait.top))).toBeLessThan(1.5);
      expect(Math.abs(turned.left - (297 - portrait.bottom))).toBeLessThan(1.5);
      expect(Math.abs(turned.top - portrait.left)).toBeLessThan(1.5);
      expect(Math.abs(turned.bottom - portrait.right)).toBeLessThan(1.5);
    }
  });

  it('prints an upward document’s 发文字号 left and 签发人 right on one line, the 发文机关标志 80 mm under the 版心 top', () => {
    const printed = pages.upward!;
    const issuer = findLine(printed, '洛阳伊滨区管委会办公室文件')!;
    expect(Math.abs(issuer.line.top - (TEXT_TOP + 80))).toBeLessThan(1.5);
    const number = findLine(printed, '伊滨办〔2013〕16号')!.line;
    const signer = findLine(printed, '签发人：张某某')!.line;
    expect(Math.abs(number.top - signer.top)).toBeLessThan(0.5);
    // 居左空一字 / 居右空一字 (one 3号 character, 5.6 mm) inside the 版心 (28 mm to 184 mm).
    expect(Math.abs(number.left - (28 + 5.6))).toBeLessThan(1);
    expect(Math.abs(signer.right - (210 - 26 - 5.6))).toBeLessThan(1);
  });

  it('puts the top of the 发文机关标志 35 mm under the top of the 版心 (72 mm from the edge)', () => {
    const issuer = findLine(pages.letterhead!, '洛阳伊滨区管委会办公室文件')!;
    expect(issuer.page.number).toBe(1);
    expect(Math.abs(issuer.line.top - (TEXT_TOP + 35))).toBeLessThan(1.5);
  });

  it('puts the 版记 at the foot of the last page, its last rule on the last line of the 版心', async () => {
    const printed = pages.letterhead!;
    expect(printed).toHaveLength(1);
    const issued = findLine(printed, '2013年8月22日印发')!;
    const signatureDate = printed[0]!.lines.filter((line) => line.text.replace(/\s+/g, '') === '2013年8月22日')[0]!;
    // Half a page of white between the date and the 版记, the 版记 at the foot.
    expect(issued.line.top - signatureDate.bottom).toBeGreaterThan(30);
    const rules = await horizontalRules(pdfs.letterhead!, 1);
    const last = Math.max(...rules);
    expect(last).toBeGreaterThan(issued.line.bottom);
    expect(Math.abs(last - TEXT_BOTTOM)).toBeLessThan(1.5);
  });

  it('never leaves the signature alone on a page', () => {
    const printed = pages.fullPage!;
    const office = findLine(printed, '洛阳伊滨区管委会办公室')!;
    const bodyOnSamePage = office.page.lines.filter((line) => line.text.includes('行正文'));
    expect(bodyOnSamePage.length).toBeGreaterThan(0);
    expect(findLine(printed, '第01行')?.page.number).toBe(1);
  });

  it('turns the 草稿 mark with a landscape page: down the right margin, where the portrait header lands when the sheet turns back', () => {
    const printed = pages.landscapeDraft!;
    expect(printed.map((page) => page.landscape)).toEqual([false, false, true, true]);
    const portrait = printed[0]!.lines.filter((line) => line.top < TEXT_TOP && /草稿|印发/.test(line.text));
    const markTop = Math.min(...portrait.map((line) => line.top));
    const markBottom = Math.max(...portrait.map((line) => line.bottom));
    const markLeft = Math.min(...portrait.map((line) => line.left));
    const markRight = Math.max(...portrait.map((line) => line.right));
    for (const page of printed.slice(2)) {
      const glyphs = turnedMark(page);
      expect(glyphs.map((glyph) => glyph.text.trim()).join('')).toBe('草稿未经定稿，请勿印发');
      // portrait (x, y) → landscape (297 − y, x), as the page number.
      for (const glyph of glyphs) {
        expect(Math.abs(glyph.right - (297 - markTop))).toBeLessThan(1.5);
        expect(Math.abs(glyph.left - (297 - markBottom))).toBeLessThan(1.5);
      }
      expect(Math.abs(glyphs[0]!.top - markLeft)).toBeLessThan(1.5);
      expect(Math.abs(glyphs.at(-1)!.bottom - markRight)).toBeLessThan(1.5);
      // No mark left lying across the top of the turned page.
      expect(page.lines.filter((line) => line.text.includes('草稿'))).toEqual([]);
    }
  });

  it('prints the turned page numbers and 草稿 marks from the VML fallback alone (Word 2007, older WPS) at the same places', () => {
    const full = pages.landscapeDraft!;
    const vml = pages.landscapeVml!;
    expect(vml.map((page) => page.landscape)).toEqual([false, false, true, true]);
    for (const index of [2, 3]) {
      const marks = (page: PdfPage) => [
        ...turnedMark(page),
        ...page.lines.filter((line) => line.text.replace(/\s+/g, '') === `—${page.number}—`),
      ];
      const [a, b] = [marks(full[index]!), marks(vml[index]!)];
      expect(b.map((line) => line.text)).toEqual(a.map((line) => line.text));
      expect(a.length).toBe(12);
      b.forEach((line, at) => {
        for (const side of ['top', 'bottom', 'left', 'right'] as const) expect(Math.abs(line[side] - a[at]![side])).toBeLessThan(0.5);
      });
    }
  });

  it('fills a page before a heading: the heading and the first line of what follows end it, never the heading alone', () => {
    const printed = pages.headingChain!;
    expect(findLine(printed, '第17行')?.page.number).toBe(1);
    expect(findLine(printed, '三、存在问题')?.page.number).toBe(1);
    expect(findLine(printed, '（一）报送不够及时')?.page.number).toBe(1);
    // The paragraph's first line closes page 1 on the 版心's last line; the rest goes on.
    const first = findLine(printed, '甲')!;
    expect(first.page.number).toBe(1);
    expect(first.line.bottom).toBeGreaterThan(TEXT_BOTTOM - 10);
    expect(findLine(printed, '乙')?.page.number).toBe(2);
    // On every page the last line of text is not a heading.
    for (const page of printed) {
      const body = page.lines.filter((line) => line.top < TEXT_BOTTOM);
      expect(body.at(-1)?.text).not.toMatch(/^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）/u);
    }
  });
});

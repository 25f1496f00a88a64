import { SaxesParser } from 'saxes';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DocxParts, paragraphTexts, readDocxBuffer, styleXml } from '../../test/support/docx.js';
import { charWidth, columnWidths, renderDocx, signatureIndents } from './build-docx.js';
import type { DocumentModel } from './document-model.js';
import { TEXT_WIDTH } from './official-format.js';

const MODEL: DocumentModel = {
  blocks: [
    { kind: 'issuer', text: '洛阳伊滨区管委会办公室文件' },
    { kind: 'documentNumber', text: '伊滨办〔2013〕63号' },
    { kind: 'title', lines: ['关于某事', '的通报'] },
    { kind: 'recipient', text: '各单位：' },
    { kind: 'heading', level: 1, text: '一、基本情况' },
    { kind: 'heading', level: 2, text: '（一）报送情况' },
    { kind: 'paragraph', text: '正文。' },
    {
      kind: 'table',
      table: { header: [[{ text: '序号' }, { text: '单位' }]], body: [[{ text: '1' }, { text: '庞村镇' }]], columnWeights: [1, 3] },
    },
    { kind: 'attachments', items: ['统计表'] },
    { kind: 'signature', office: '洛阳伊滨区管委会办公室', date: '2013年8月20日' },
    { kind: 'attachmentPage', label: '附件', landscape: true },
    { kind: 'title', lines: ['统计表'] },
    { kind: 'colophon', copyTo: '区纪工委', issuedBy: '洛阳伊滨区管委会办公室', issuedOn: '2013年8月20日' },
  ],
};

let draft: DocxParts;
let final: DocxParts;
beforeAll(async () => {
  draft = readDocxBuffer(await renderDocx(MODEL, { title: '测试通报（草稿）', draft: true, createdAt: '2013-08-20T02:00:00.000Z' }));
  final = readDocxBuffer(await renderDocx(MODEL, { title: '测试通报', draft: false, createdAt: '2013-08-20T02:00:00.000Z' }));
});

describe('signature and date (GB/T 9704 7.3.5.2)', () => {
  it('puts the office two characters from the right and the date two characters further right', () => {
    expect(charWidth('2013年8月20日')).toBe(6.5);
    expect(signatureIndents('洛阳伊滨区管委会办公室', '2013年8月20日')).toEqual({ office: 2, date: 4.5 });
  });

  it('keeps a date longer than the office two characters from the right and moves the office left', () => {
    expect(signatureIndents('办公室', '2013年8月20日')).toEqual({ office: 7.5, date: 2 });
    expect(signatureIndents(null, '2013年8月20日')).toEqual({ office: 0, date: 4 });
  });
});

describe('renderDocx', () => {
  it('lays out A4 pages with the official margins and a 22-line grid, portrait and turned', () => {
    const sections = [...draft.document.matchAll(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g)].map((match) => match[0]);
    expect(sections).toHaveLength(2);
    expect(sections[0]).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(sections[1]).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
    expect(sections[0]).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    // The landscape page is the sheet turned: 订口 on top, 天头 right, 翻口 bottom, 下白边 left.
    expect(sections[1]).toMatch(/<w:pgMar w:top="1587" w:right="2098" w:bottom="1474" w:left="1984"/);
    for (const section of sections) expect(section).toContain('<w:docGrid w:type="lines" w:linePitch="579"/>');
  });

  it('numbers a landscape page in a text box turned a quarter clockwise, each drawing with its own id', () => {
    const turned = Object.entries(draft.parts).filter(([name, xml]) => /^word\/footer\d+\.xml$/.test(name) && xml.includes('<wps:wsp>'));
    expect(turned).toHaveLength(2);
    const ids = turned.map(([, xml]) => /<wp:docPr id="(\d+)"/.exec(xml)![1]);
    expect(new Set(ids).size).toBe(2);
    for (const [, xml] of turned) {
      expect(xml).toContain('vert="vert"');
      expect(xml).toContain('<wp:positionH relativeFrom="page">');
      expect(xml).toMatch(/<w:instrText xml:space="preserve">PAGE<\/w:instrText>/);
    }
  });

  it('gives each turned box a VML fallback, as Word writes it, for Word 2007 and older WPS: same text, same place', () => {
    const turned = Object.entries(draft.parts)
      .filter(([name]) => /^word\/(header|footer)\d+\.xml$/.test(name))
      .flatMap(([name, part]) =>
        [...part.matchAll(/<mc:AlternateContent>[\s\S]*?<\/mc:AlternateContent>/g)].map((match): [string, string] => [name, match[0]]),
      );
    // Two page numbers (odd, even) and two 草稿 marks on the landscape page.
    expect(turned).toHaveLength(4);
    const spids = new Set<string>();
    for (const [name, xml] of turned) {
      const choice = /<mc:Choice Requires="wps">([\s\S]*?)<\/mc:Choice>/.exec(xml)![1]!;
      const fallback = /<mc:Fallback>([\s\S]*?)<\/mc:Fallback>/.exec(xml)?.[1];
      expect(fallback, name).toBeDefined();
      expect(fallback).toContain('<v:textbox style="layout-flow:vertical" inset="0,0,0,0">');
      // The same paragraphs in both.
      const content = (part: string) => /<w:txbxContent>([\s\S]*?)<\/w:txbxContent>/.exec(part)![1];
      expect(content(fallback!)).toBe(content(choice));
      // The same place and size: EMU in the choice, points in the fallback.
      const offset = (axis: 'H' | 'V') =>
        Number(new RegExp(`<wp:position${axis} relativeFrom="page"><wp:posOffset>(-?\\d+)`).exec(choice)![1]) / 12700;
      const [cx, cy] = /<wp:extent cx="(\d+)" cy="(\d+)"\/>/
        .exec(choice)!
        .slice(1)
        .map((value) => Number(value) / 12700);
      const style = /<v:shape [^>]*style="([^"]*)"/.exec(fallback!)![1]!;
      const length = (property: string) => Number(new RegExp(`${property}:(-?[\\d.]+)pt`).exec(style)![1]);
      expect(length('margin-left')).toBeCloseTo(offset('H'), 1);
      expect(length('margin-top')).toBeCloseTo(offset('V'), 1);
      expect(length('width')).toBeCloseTo(cx!, 1);
      expect(length('height')).toBeCloseTo(cy!, 1);
      expect(style).toContain('mso-position-horizontal-relative:page;mso-position-vertical-relative:page');
      spids.add(/o:spid="([^"]+)"/.exec(fallback!)![1]!);
    }
    expect(spids.size).toBe(4);
  });

  it('turns the 草稿 mark with a landscape page: down the right margin, where the portrait header lands when the sheet turns', () => {
    const sections = [...draft.document.matchAll(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g)].map((match) => match[0]);
    const parts = (section: string, kind: 'header' | 'footer') =>
      [...section.matchAll(new RegExp(`<w:${kind}Reference w:type="(\\w+)" r:id="(\\w+)"/>`, 'g'))].map((match) => {
        const target = new RegExp(`Id="${match[2]}"[^>]*Target="([^"]+)"`).exec(draft.parts['word/_rels/document.xml.rels']!)![1];
        return draft.parts[`word/${target}`]!;
      });
    for (const header of parts(sections[0]!, 'header')) {
      expect(header).not.toContain('<wps:wsp>');
      expect(paragraphTexts(header).join('')).toBe('草稿　未经定稿，请勿印发');
    }
    // The landscape section's own header is empty: the portrait mark does not carry over.
    expect(parts(sections[1]!, 'header').map((header) => paragraphTexts(header).join(''))).toEqual(['', '']);
    const footers = parts(sections[1]!, 'footer');
    expect(footers).toHaveLength(2);
    for (const footer of footers) {
      const choices = [...footer.matchAll(/<mc:Choice Requires="wps">[\s\S]*?<\/mc:Choice>/g)].map((match) => match[0]);
      const box = choices.find((choice) => choice.includes('GwDraftMark'))!;
      expect(box).toContain('vert="vert"');
      expect(paragraphTexts(box).join('')).toBe('草稿　未经定稿，请勿印发');
      const x = Number(/<wp:positionH relativeFrom="page"><wp:posOffset>(\d+)/.exec(box)![1]) / 36000;
      const width = Number(/<wp:extent cx="(\d+)"/.exec(box)![1]) / 36000;
      // The portrait header's line is 15 mm under the sheet's top edge: 15 mm in from the turned page's right edge.
      expect(297 - x - width).toBeCloseTo(15, 0);
      // Outside the 版心 (37 mm right margin): never over the table.
      expect(x).toBeGreaterThan(297 - 37);
    }
  });

  it('writes every part as well-formed XML with every namespace prefix declared', () => {
    for (const [name, xml] of Object.entries(draft.parts)) {
      const parser = new SaxesParser({ xmlns: true });
      expect(() => parser.write(xml).close(), name).not.toThrow();
    }
  });

  it('numbers pages "— 1 —" in 4号 宋体, right on odd pages and left on even pages', () => {
    expect(draft.parts['word/settings.xml']).toContain('<w:evenAndOddHeaders/>');
    expect(draft.footers.map((footer) => footer.type)).toEqual(['default', 'even']);
    const [odd, even] = draft.footers.map((footer) => footer.xml);
    expect(odd).toContain('<w:jc w:val="right"/>');
    expect(even).toContain('<w:jc w:val="left"/>');
    for (const footer of [odd!, even!]) {
      expect(footer).toMatch(/<w:t xml:space="preserve">— <\/w:t>[\s\S]*PAGE[\s\S]*<w:t xml:space="preserve"> —<\/w:t>/);
      expect(footer).toContain('<w:sz w:val="28"/>');
      expect(footer).toContain('w:eastAsia="宋体"');
    }
  });

  it('marks a draft in the page header, and a final one not', () => {
    expect(draft.headers.map((header) => paragraphTexts(header.xml).join(''))).toEqual([
      '草稿　未经定稿，请勿印发',
      '草稿　未经定稿，请勿印发',
    ]);
    expect(final.headers).toEqual([]);
  });

  it('styles title, body and headings with the official fonts and sizes', () => {
    const title = styleXml(draft.styles, 'GwTitle');
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toContain('<w:sz w:val="44"/>');
    expect(title).toContain('<w:jc w:val="center"/>');
    const body = styleXml(draft.styles, 'GwBody');
    expect(body).toContain('w:eastAsia="仿宋_GB2312"');
    expect(body).toContain('<w:sz w:val="32"/>');
    expect(body).toContain('<w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/>');
    expect(body).toContain('w:firstLineChars="200"');
    expect(styleXml(draft.styles, 'GwHeading1')).toContain('w:eastAsia="黑体"');
    expect(styleXml(draft.styles, 'GwHeading2')).toContain('w:eastAsia="楷体_GB2312"');
    expect(draft.parts['word/fontTable.xml']).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
  });

  it('writes the letterhead in red, the red line under the number, and the texts in order', () => {
    expect(paragraphTexts(draft.document).filter((text) => text !== '')).toEqual([
      '洛阳伊滨区管委会办公室文件',
      '伊滨办〔2013〕63号',
      '关于某事',
      '的通报',
      '各单位：',
      '一、基本情况',
      '（一）报送情况',
      '正文。',
      '序号',
      '单位',
      '1',
      '庞村镇',
      '附件：统计表',
      '洛阳伊滨区管委会办公室',
      '2013年8月20日',
      '附件',
      '统计表',
      '抄送：区纪工委。',
      '洛阳伊滨区管委会办公室',
      '2013年8月20日印发',
    ]);
    expect(styleXml(draft.styles, 'GwIssuer')).toContain('<w:color w:val="FF0000"/>');
    expect(draft.document).toMatch(/<w:bottom w:val="single" w:color="FF0000" w:sz="8" w:space="11"\/>/);
  });

  it('gives tables full borders, a fixed layout and DXA widths that fill the text width', () => {
    const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(draft.document)![0];
    const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((match) => Number(match[1]));
    expect(grid.reduce((sum, width) => sum + width, 0)).toBe(TEXT_WIDTH.portrait);
    expect(table).toContain('<w:tblLayout w:type="fixed"/>');
    expect(table).toMatch(/<w:insideV w:val="single"/);
    expect([...table.matchAll(/<w:tcW w:type="dxa" w:w="(\d+)"\/>/g)].map((match) => Number(match[1]))).toEqual([...grid, ...grid]);
    expect(columnWidths([1, 1, 1], 100)).toEqual([33, 33, 34]);
  });

  it('is reproducible: the same model gives the same parts, dated by the data', async () => {
    const again = readDocxBuffer(
      await renderDocx(MODEL, { title: '测试通报（草稿）', draft: true, createdAt: '2013-08-20T02:00:00.000Z' }),
    );
    expect(again.parts).toEqual(draft.parts);
    expect(draft.parts['docProps/core.xml']).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2013-08-20T02:00:00Z</dcterms:created>');
  });
});

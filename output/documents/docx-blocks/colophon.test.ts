import { describe, expect, it } from 'vitest';
import { readDocxBuffer } from '../../../test/support/docx.js';
import { renderDocx } from '../build-docx.js';
import { charWidth } from '../measure.js';
import { TEXT_WIDTH } from '../official-format.js';
import { imprintLayout } from './colophon.js';

const WIDTH = TEXT_WIDTH.portrait;
/** One 4号 (14 pt) character, and the cells' one character in from each side. */
const CHAR14 = 280;
const room = (cell: number) => cell - 2 * CHAR14;

describe('imprintLayout (印发机关 left, 印发日期 right, GB/T 9704 版记)', () => {
  it('keeps two equal halves when the office and the date each fit in one', () => {
    expect(imprintLayout('洛阳伊滨区管委会办公室', '2013年8月20日印发', WIDTH)).toEqual({
      kind: 'oneLine',
      columns: [Math.floor(WIDTH / 2), WIDTH - Math.floor(WIDTH / 2)],
    });
  });

  it('gives the date only its own width when the office is longer than half the line, so the name does not wrap', () => {
    const office = '洛阳市伊滨区住房和城乡建设局';
    const layout = imprintLayout(office, '2026年5月21日印发', WIDTH);
    expect(layout.kind).toBe('oneLine');
    if (layout.kind !== 'oneLine') return;
    const [officeCell, dateCell] = layout.columns;
    expect(officeCell + dateCell).toBe(WIDTH);
    expect(room(officeCell)).toBeGreaterThanOrEqual(charWidth(office) * CHAR14);
    expect(room(dateCell)).toBeGreaterThanOrEqual(charWidth('2026年5月21日印发') * CHAR14);
    // With the quarter character Word and LibreOffice put between Chinese and Western text, and no more than one character to spare.
    expect(room(dateCell)).toBeLessThan((charWidth('2026年5月21日印发') + 5 / 4 + 1) * CHAR14);
  });

  it('puts the date on a line of its own, at the right, when the office and the date cannot share one line', () => {
    const office = '洛阳市伊滨区精神文明建设委员会办公室城乡环境综合整治指挥部';
    expect(imprintLayout(office, '2026年5月21日印发', WIDTH)).toEqual({ kind: 'twoLines' });
  });
});

describe('the 版记 in the document', () => {
  const render = async (issuedBy: string) =>
    readDocxBuffer(
      await renderDocx(
        {
          blocks: [
            { kind: 'paragraph', text: '正文。' },
            { kind: 'colophon', copyTo: '区纪工委', issuedBy, issuedOn: '2026年5月21日' },
          ],
        },
        { title: '通报', draft: false, createdAt: '2026-05-21T02:00:00.000Z' },
      ),
    ).document;

  it('makes the office’s cell wide enough for its name when it is longer than half the line', async () => {
    const office = '洛阳市伊滨区住房和城乡建设局';
    const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(await render(office))![0];
    const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((match) => Number(match[1]));
    expect(grid.reduce((sum, width) => sum + width, 0)).toBe(WIDTH);
    expect(room(grid[0]!)).toBeGreaterThanOrEqual(charWidth(office) * CHAR14);
    const imprint = [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].at(-1)![0];
    expect([...imprint.matchAll(/<w:tcW w:type="dxa" w:w="(\d+)"\/>/g)].map((match) => Number(match[1]))).toEqual(grid);
  });

  it('writes a too long office over the whole line and the date under it, at the right', async () => {
    const office = '洛阳市伊滨区精神文明建设委员会办公室城乡环境综合整治指挥部';
    const document = await render(office);
    const imprint = [...document.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].at(-1)![0];
    expect(imprint).toContain('<w:gridSpan w:val="2"/>');
    expect(imprint.indexOf(office)).toBeLessThan(imprint.indexOf('2026年5月21日印发'));
    expect(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:jc w:val="right"\/>(?:(?!<\/w:p>)[\s\S])*?2026年5月21日印发/.test(imprint)).toBe(true);
  });
});

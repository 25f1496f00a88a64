/**
 * The generated documents as a printer sees them: both converted to PDF by LibreOffice
 * (headless, its own profile), then read back with poppler — page count, the text on the pages,
 * and where the page numbers sit (right on odd pages, left on even ones).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../intake/kernel/package-root.js';
import { runCli } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';

const run = promisify(execFile);
const TITLE = '政府信息公开保密审查专项检查';

let pdfDir: string;

async function pdfPages(file: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [join(pdfDir, file)]);
  return Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1]);
}

/** The text of the PDF without spaces and line breaks (CJK text is extracted with odd spacing). */
async function pdfText(file: string): Promise<string> {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', join(pdfDir, file), '-'], { maxBuffer: 16 * 1024 * 1024 });
  return stdout.replace(/\s+/g, '');
}

interface Word {
  page: number;
  pageWidth: number;
  pageHeight: number;
  xMin: number;
  xMax: number;
  yMax: number;
  yMin: number;
  text: string;
}

/** Every word with its box, per page (pdftotext -bbox). */
async function pdfWords(file: string): Promise<Word[]> {
  const { stdout } = await run('pdftotext', ['-bbox', '-enc', 'UTF-8', join(pdfDir, file), '-'], { maxBuffer: 16 * 1024 * 1024 });
  const words: Word[] = [];
  let page = 0;
  let pageWidth = 0;
  let pageHeight = 0;
  for (const line of stdout.split('\n')) {
    const pageMatch = /<page width="([\d.]+)" height="([\d.]+)"/.exec(line);
    if (pageMatch) {
      page++;
      pageWidth = Number(pageMatch[1]);
      pageHeight = Number(pageMatch[2]);
      continue;
    }
    const word = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/.exec(line);
    if (word) {
      const [xMin, yMin, xMax, yMax] = [word[1], word[2], word[3], word[4]].map(Number) as [number, number, number, number];
      words.push({ page, pageWidth, pageHeight, xMin, yMin, xMax, yMax, text: word[5]! });
    }
  }
  return words;
}

/**
 * The page number's "—" marks at the foot of each page: where they sit across the sheet. A
 * landscape page is the sheet turned a quarter clockwise, its number in the left margin: the
 * sheet's left-to-right runs down that page.
 */
async function pageNumberSides(file: string): Promise<('left' | 'right')[]> {
  const words = await pdfWords(file);
  const pages = Math.max(...words.map((word) => word.page));
  const sides: ('left' | 'right')[] = [];
  for (let page = 1; page <= pages; page++) {
    const dashes = words.filter((word) => word.page === page && word.text === '—');
    if (dashes[0]!.pageWidth > dashes[0]!.pageHeight) {
      const leftmost = Math.min(...dashes.map((word) => word.xMin));
      const turned = dashes.filter((word) => word.xMin === leftmost);
      const along = (Math.min(...turned.map((word) => word.yMin)) + Math.max(...turned.map((word) => word.yMax))) / 2;
      sides.push(along > turned[0]!.pageHeight / 2 ? 'right' : 'left');
      continue;
    }
    const lowest = Math.max(...dashes.map((word) => word.yMin));
    const foot = dashes.filter((word) => word.yMin === lowest);
    const center = (Math.min(...foot.map((word) => word.xMin)) + Math.max(...foot.map((word) => word.xMax))) / 2;
    sides.push(center > foot[0]!.pageWidth / 2 ? 'right' : 'left');
  }
  return sides;
}

describe('the documents printed to PDF by LibreOffice', () => {
  beforeAll(async () => {
    const campaignDir = join(await tempDir(), 'campaign');
    await runCli(['init', campaignDir]);
    const result = await runCli(['run', '--campaign', campaignDir, '--mailbox-dir', join(packageRoot(), 'examples', 'mailbox')]);
    expect(result.code).toBe(0);
    pdfDir = await tempDir('huizong-pdf-');
    const profile = await tempDir('huizong-lo-');
    const out = join(campaignDir, 'out');
    // One LibreOffice start converts both; its own profile, so parallel jobs do not collide.
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        '--outdir',
        pdfDir,
        join(out, `${TITLE}汇总报告.docx`),
        join(out, `${TITLE}通报（草稿）.docx`),
      ],
      { timeout: 120_000 },
    );
  }, 180_000);

  it('prints the summary report on six pages, the attachment table included', async () => {
    const file = `${TITLE}汇总报告.pdf`;
    expect(await pdfPages(file)).toBe(6);
    const text = await pdfText(file);
    for (const expected of [
      '关于政府信息公开保密审查专项检查自查情况的汇总报告',
      '区管委会：',
      '一、基本情况',
      '本次检查范围为全区18个单位',
      '二、检查情况',
      '三、存在问题',
      '四、下一步工作',
      '附件：各单位自查情况统计表',
      '洛阳伊滨区管委会办公室',
      '区国土资源分局',
      '未报送',
      '—1—',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('prints the circular on three pages with its letterhead, decision and colophon', async () => {
    const file = `${TITLE}通报（草稿）.pdf`;
    expect(await pdfPages(file)).toBe(3);
    const text = await pdfText(file);
    for (const expected of [
      '洛阳伊滨区管委会办公室文件',
      '未按时报送自查材料单位的通报',
      '草稿',
      '决定对寇店镇、佃庄镇、区国土资源分局和区农林水务局予以通报批评',
      '抄送：区管委会领导，区纪工委。',
      '印发',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('puts page numbers right on odd pages and left on even pages', async () => {
    expect(await pageNumberSides(`${TITLE}汇总报告.pdf`)).toEqual(['right', 'left', 'right', 'left', 'right', 'left']);
    expect(await pageNumberSides(`${TITLE}通报（草稿）.pdf`)).toEqual(['right', 'left', 'right']);
  });
});

/**
 * Page images of a Word document, for the 通报 and 模板 pages: LibreOffice prints it to PDF,
 * pdftoppm draws each page as PNG. Both are optional programs; without them the preview says
 * so and the console works on. Images are kept under data/cache/console-preview/<token>/, the
 * token being the document's hash: the same document is drawn once. Served by token and page
 * number only.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensurePrivateDir } from '../../../../intake/kernel/files/atomic-write.js';
import { findProgram } from '../../../../intake/kernel/find-program.js';
import { findSoffice } from '../../../../pipeline/convert/find-soffice.js';

const run = promisify(execFile);
/** A preview made (its token and page count), or why there is none. */
export type PreviewView = { token: string; pages: number } | { error: string };

export const PREVIEW_TOKEN = /^[0-9a-f]{24}$/;
/** Enough to read a page enlarged on screen (A4 about 900 pixels wide); shown small until clicked. */
const RESOLUTION_DPI = 110;

export function previewDir(dataDir: string, token: string): string {
  return join(dataDir, 'cache', 'console-preview', token);
}

export async function previewPageCount(dataDir: string, token: string): Promise<number> {
  try {
    return (await readdir(previewDir(dataDir, token))).filter((name) => /^\d+\.png$/.test(name)).length;
  } catch {
    return 0;
  }
}

export async function previewDocx(docx: Uint8Array, dataDir: string): Promise<PreviewView> {
  // The resolution is part of the token: pages drawn at another size are drawn again.
  const token = createHash('sha256').update(docx).update(`dpi=${RESOLUTION_DPI}`).digest('hex').slice(0, 24);
  const known = await previewPageCount(dataDir, token);
  if (known > 0) return { token, pages: known };
  const soffice = findSoffice();
  if (!soffice)
    return {
      error:
        '这台电脑没有安装 LibreOffice，无法生成页面预览（安装方法见说明书“安装 LibreOffice 和 pdftotext”）；公文本身照常生成，可下载后用 Word 或 WPS 查看',
    };
  const pdftoppm = findProgram({ variable: 'HUIZONG_PDFTOPPM', names: ['pdftoppm'] });
  if (!pdftoppm) return { error: '这台电脑没有安装 pdftoppm（poppler-utils），无法生成页面预览；公文本身照常生成' };
  const work = await mkdtemp(join(tmpdir(), 'huizong-preview-'));
  try {
    await writeFile(join(work, 'document.docx'), docx);
    // Its own profile: a clerk's open LibreOffice, or a conversion running beside, is not disturbed.
    await run(
      soffice,
      [
        `-env:UserInstallation=file://${join(work, 'profile')}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        '--outdir',
        work,
        join(work, 'document.docx'),
      ],
      { timeout: 120_000 },
    );
    const pdf = join(work, 'document.pdf');
    if (!existsSync(pdf)) return { error: 'LibreOffice 未能把公文转换为 PDF，无法生成预览' };
    await run(pdftoppm, ['-png', '-r', String(RESOLUTION_DPI), pdf, join(work, 'page')], { timeout: 120_000 });
    // pdftoppm pads page numbers to the width of the last one (page-01.png …): renamed to 1.png, 2.png ….
    const pages = (await readdir(work))
      .filter((name) => /^page-\d+\.png$/.test(name))
      .sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
    const dir = previewDir(dataDir, token);
    await ensurePrivateDir(dir);
    for (const [index, name] of pages.entries()) await copyFile(join(work, name), join(dir, `${index + 1}.png`));
    return { token, pages: pages.length };
  } catch (error) {
    return { error: `生成预览失败：${(error as Error).message.split('\n')[0]}` };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

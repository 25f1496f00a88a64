/**
 * The text layer of a PDF report, read with poppler's `pdftotext` (Debian `poppler-utils`).
 *
 * Why pdftotext rather than a JavaScript PDF library: it is poppler, the reference-quality
 * extractor behind most Linux PDF tools; it reads Chinese text through the PDF's ToUnicode maps
 * and, with Debian `poppler-data`, the Adobe-GB1 character collections of PDFs made without
 * embedded fonts; it runs in its own process, so a hostile or broken PDF cannot exhaust or
 * crash huizong, and a time limit can stop it. The project already needs poppler-utils to
 * check the PDFs it renders. pdf.js (pdfjs-dist) would add some 30 MB, run in-process and need
 * its CMap files wired up for the same Chinese PDFs.
 *
 * A PDF whose pages carry (almost) no text is a scan: it still counts as a report, the clerk
 * is told it cannot be analysed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProgram } from '../../intake/kernel/find-program.js';
import { compact } from '../../intake/kernel/text/normalize.js';

export type PdfText =
  | { status: 'text'; text: string; pages: number }
  | { status: 'scanned'; pages: number }
  | { status: 'encrypted' }
  | { status: 'unreadable'; detail: string }
  /** pdftotext is not installed: nothing is wrong with the file. */
  | { status: 'unavailable'; detail: string };

export interface PdfTextOptions {
  /** Path of pdftotext; undefined = look it up ($HUIZONG_PDFTOTEXT, then PATH), null = not installed. */
  pdftotext?: string | null;
  timeoutMs?: number;
  tempDir?: string;
}

/** Fewer characters than this per page on average: the pages are images (a scan). */
const SCAN_CHARS_PER_PAGE = 10;

/** $HUIZONG_PDFTOTEXT when set, else pdftotext on the PATH. */
export function findPdftotext(env: NodeJS.ProcessEnv = process.env): string | null {
  return findProgram({ variable: 'HUIZONG_PDFTOTEXT', names: ['pdftotext'] }, env);
}

/** Classifies pdftotext's output: pages end with a form feed. */
export function classifyPdfText(output: string): PdfText {
  const pages = Math.max(1, (output.match(/\f/g) ?? []).length);
  const text = output.replace(/\f/g, '\n').trim();
  if (compact(text).length < SCAN_CHARS_PER_PAGE * pages) return { status: 'scanned', pages };
  return { status: 'text', text, pages };
}

export async function readPdfText(content: Buffer, options: PdfTextOptions = {}): Promise<PdfText> {
  const program = options.pdftotext === undefined ? findPdftotext() : options.pdftotext;
  if (program === null) return { status: 'unavailable', detail: '未安装 pdftotext（Debian 软件包 poppler-utils）' };
  const dir = await mkdtemp(join(options.tempDir ?? tmpdir(), 'huizong-pdf-'));
  try {
    const input = join(dir, 'report.pdf');
    await writeFile(input, content);
    return await new Promise<PdfText>((resolve) => {
      execFile(
        program,
        ['-enc', 'UTF-8', '-eol', 'unix', input, '-'],
        { timeout: options.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
        (failure, stdout, stderr) => {
          if (!failure) return resolve(classifyPdfText(stdout));
          if ((failure as NodeJS.ErrnoException).code === 'ENOENT') return resolve({ status: 'unavailable', detail: `找不到 ${program}` });
          if (/password/i.test(stderr)) return resolve({ status: 'encrypted' });
          const detail = failure.killed ? '读取超时' : stderr.replace(/\s+/g, ' ').trim().slice(0, 200) || failure.message.slice(0, 200);
          resolve({ status: 'unreadable', detail });
        },
      );
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

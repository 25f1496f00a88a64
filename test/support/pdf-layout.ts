/**
 * Where things land on the printed page: .docx files printed to PDF by LibreOffice under
 * metric-compatible fonts, then read back with poppler. Positions are in millimetres from the
 * top-left corner of the page.
 *
 * Fonts: the official fonts (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体, Times New Roman)
 * are not installed here. A private fontconfig file (FONTCONFIG_FILE, never the system's)
 * maps them to fonts of the same metrics class — Liberation Serif for Times New Roman (metric
 * compatible), Noto Serif CJK for 仿宋/宋体/小标宋, Noto Sans CJK for 黑体, AR PL UKai for 楷体 —
 * so line breaks and positions are those of an office machine, not of DejaVu's wider digits.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from './temp-dir.js';

const run = promisify(execFile);

const PT = 25.4 / 72;

/** The families the documents name → the installed family standing in for each. */
const STAND_INS: Record<string, string> = {
  仿宋_GB2312: 'Noto Serif CJK SC',
  仿宋: 'Noto Serif CJK SC',
  宋体: 'Noto Serif CJK SC',
  SimSun: 'Noto Serif CJK SC',
  方正小标宋简体: 'Noto Serif CJK SC',
  黑体: 'Noto Sans CJK SC',
  SimHei: 'Noto Sans CJK SC',
  楷体_GB2312: 'AR PL UKai CN',
  楷体: 'AR PL UKai CN',
  'Times New Roman': 'Liberation Serif',
};

function fontconfigXml(cacheDir: string): string {
  const rules = Object.entries(STAND_INS)
    .map(
      ([family, standIn]) =>
        `<match target="pattern"><test name="family"><string>${family}</string></test><edit name="family" mode="assign" binding="strong"><string>${standIn}</string></edit></match>`,
    )
    .join('\n');
  return `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n<include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n<cachedir>${cacheDir}</cachedir>\n${rules}\n</fontconfig>\n`;
}

/** Prints the .docx files to PDF with one LibreOffice start; returns the PDF paths in order. */
export async function printToPdf(docxFiles: readonly string[]): Promise<string[]> {
  const work = await tempDir('huizong-pdf-');
  const fontconfig = join(work, 'fonts.conf');
  await writeFile(fontconfig, fontconfigXml(join(work, 'fc-cache')));
  const profile = join(work, 'profile');
  await run(
    'soffice',
    [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', work, ...docxFiles],
    {
      timeout: 180_000,
      env: { ...process.env, FONTCONFIG_FILE: fontconfig },
    },
  );
  return docxFiles.map((file) => join(work, basename(file).replace(/\.docx$/, '.pdf')));
}

export interface TextLine {
  text: string;
  /** Box of the line in mm. */
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface PdfPage {
  number: number;
  /** Page size in mm. */
  width: number;
  height: number;
  landscape: boolean;
  lines: TextLine[];
  /** All text of the page without spaces. */
  text: string;
}

const decode = (value: string) =>
  value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/** The pages with their text lines (pdftotext -bbox-layout). */
export async function readPages(pdf: string): Promise<PdfPage[]> {
  const { stdout } = await run('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 });
  const pages: PdfPage[] = [];
  for (const match of stdout.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const lines: TextLine[] = [];
    for (const line of match[3]!.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
      const words = [...line[5]!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((word) => decode(word[1]!));
      lines.push({
        text: words.join(''),
        left: Number(line[1]) * PT,
        top: Number(line[2]) * PT,
        right: Number(line[3]) * PT,
        bottom: Number(line[4]) * PT,
      });
    }
    lines.sort((a, b) => a.top - b.top || a.left - b.left);
    const width = Number(match[1]) * PT;
    const height = Number(match[2]) * PT;
    pages.push({
      number: pages.length + 1,
      width,
      height,
      landscape: width > height,
      lines,
      text: lines
        .map((line) => line.text)
        .join('')
        .replace(/\s+/g, ''),
    });
  }
  return pages;
}

/** The first line (in reading order) whose text contains `text` (or is exactly `text`), with its page. */
export function findLine(pages: readonly PdfPage[], text: string, exact = false): { page: PdfPage; line: TextLine } | null {
  for (const page of pages) {
    for (const line of page.lines) {
      const bare = line.text.replace(/\s+/g, '');
      if (exact ? bare === text : bare.includes(text)) return { page, line };
    }
  }
  return null;
}

/**
 * The horizontal rules drawn on a page (table borders, the 版记's lines, the red separator):
 * rows of the page image where dark pixels run unbroken over at least `minLength` mm. Each
 * rule is reported once, at its middle, in mm from the top.
 */
export async function horizontalRules(pdf: string, page: number, minLength = 100): Promise<number[]> {
  const dpi = 200;
  const { stdout } = await run('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), pdf], {
    encoding: 'buffer',
    maxBuffer: 256 * 1024 * 1024,
  });
  const image = parsePgm(stdout);
  const perMm = dpi / 25.4;
  const need = minLength * perMm;
  const ruleRows: number[] = [];
  for (let y = 0; y < image.height; y++) {
    let run = 0;
    let longest = 0;
    const row = y * image.width;
    for (let x = 0; x < image.width; x++) {
      run = image.pixels[row + x]! < 160 ? run + 1 : 0;
      if (run > longest) longest = run;
    }
    if (longest >= need) ruleRows.push(y);
  }
  const rules: number[] = [];
  let start = -1;
  ruleRows.forEach((y, index) => {
    if (start < 0) start = y;
    if (ruleRows[index + 1] !== y + 1) {
      rules.push((start + y) / 2 / perMm);
      start = -1;
    }
  });
  return rules;
}

function parsePgm(data: Buffer): { width: number; height: number; pixels: Buffer } {
  // P5 <width> <height> <max>\n<bytes>
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a PGM image');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: data.subarray(header[0].length, header[0].length + width * height) };
}

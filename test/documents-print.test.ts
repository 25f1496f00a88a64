/**
 * The documents a clerk sends up, printed and measured from outside: the real CLI on the demo
 * mailbox (2013 mail), then LibreOffice under metric-compatible fonts, then pdftotext
 * -bbox-layout. Three documents: the default summary, a clerk's template whose body ends with
 * a table before its attachments, and a final circular with its number and date. Also: a run
 * with nothing new leaves a final circular as it is, a broken template sets the old document
 * aside, the workbook to send up carries no addresses or paths, and both workbooks' footers are
 * read back by a second real reader (openpyxl).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../intake/kernel/package-root.js';
import { runCli } from './support/cli.js';
import { findLine, horizontalRules, type PdfPage, printToPdf, readPages } from './support/pdf-layout.js';
import { tempDir } from './support/temp-dir.js';

const DEMO_MAILBOX = join(packageRoot(), 'examples', 'mailbox');
const TITLE = '政府信息公开保密审查专项检查';
const TEXT_TOP = 37;
const TEXT_BOTTOM = 297 - 35;

let campaignDir: string;
let out: string;
const printed: Record<'summary' | 'tableEnd' | 'circular', { pdf: string; pages: PdfPage[] }> = {} as never;

const FINAL_DECISIONS = [
  'circular:',
  '  add:',
  '    - unit: 区财政局',
  '      reason: 书面报告敷衍了事，未按检查目录逐项自查',
  '  exempt:',
  '    - unit: 区农林水务局',
  '      reason: 经区管委会批准延期报送',
  '  number: 15',
  '  date: "2013-08-22"',
  '  final: true',
  '',
].join('\n');

describe('the documents as printed (demo mailbox, LibreOffice, metric-compatible fonts)', () => {
  beforeAll(async () => {
    campaignDir = join(await tempDir(), 'campaign');
    out = join(campaignDir, 'out');
    expect((await runCli(['init', campaignDir])).code).toBe(0);
    expect((await runCli(['run', '--campaign', campaignDir, '--mailbox-dir', DEMO_MAILBOX])).code).toBe(0);
    const summary = join(out, `${TITLE}汇总报告.docx`);
    const summaryCopy = join(await tempDir(), '默认模板汇总报告.docx');
    await writeFile(summaryCopy, await readFile(summary));

    // The clerk's edit: the body ends with the totals table, then a landscape and a portrait attachment.
    const template = join(campaignDir, 'templates', '汇总报告.txt');
    const source = await readFile(template, 'utf8');
    const body = source.slice(0, source.indexOf('【一级】存在问题'));
    await writeFile(
      template,
      `${body.replace(/【表格】合计表\n【正文】各单位的统计数据见附件。\n/, '')}【表格】合计表\n【横向附件页】附件1\n【标题】各单位{{campaign.tableName}}\n【表格】各单位统计表\n【附件页】附件2\n【标题】合计表\n【表格】合计表\n`,
    );
    await writeFile(join(campaignDir, 'decisions.yaml'), FINAL_DECISIONS);
    const merged = await runCli(['merge', '--campaign', campaignDir]);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);

    const pdfs = await printToPdf([summaryCopy, summary, join(out, `${TITLE}通报.docx`)]);
    const [a, b, c] = await Promise.all(pdfs.map(readPages));
    printed.summary = { pdf: pdfs[0]!, pages: a! };
    printed.tableEnd = { pdf: pdfs[1]!, pages: b! };
    printed.circular = { pdf: pdfs[2]!, pages: c! };
  }, 300_000);

  it('dates everything from the 2013 mail, not from the clock', () => {
    for (const document of [printed.summary, printed.circular]) {
      const text = document.pages.map((page) => page.text).join('');
      expect(text).not.toMatch(/20(1[4-9]|[2-9]\d)年/);
    }
    expect(printed.summary.pages.map((page) => page.text).join('')).toContain('截至2013年8月20日');
    const circular = printed.circular.pages.map((page) => page.text).join('');
    expect(circular).toContain('伊滨办〔2013〕15号');
    expect(circular).toContain('2013年8月22日印发');
  });

  it('writes every part of every output as well-formed XML, namespaces declared, each alternate content with a fallback', async () => {
    const outputs = (await readdir(out)).filter((name) => /\.(docx|xlsx)$/.test(name));
    expect(outputs).toHaveLength(4);
    for (const name of outputs) {
      for (const [part, data] of Object.entries(unzipSync(await readFile(join(out, name))))) {
        if (!/\.(xml|rels)$/.test(part)) continue;
        const xml = strFromU8(data);
        expect(() => new SaxesParser({ xmlns: true }).write(xml).close(), `${name} ${part}`).not.toThrow();
        const alternates = xml.match(/<mc:AlternateContent>[\s\S]*?<\/mc:AlternateContent>/g) ?? [];
        for (const alternate of alternates) expect(alternate, `${name} ${part}`).toMatch(/<mc:Fallback>[\s\S]+<\/mc:Fallback>/);
      }
    }
  });

  it('prints the default summary portrait, its per-unit table on a landscape page, the signature with body text', () => {
    const pages = printed.summary.pages;
    // Portrait pages, then the landscape attachment (one or more pages).
    expect(pages.map((page) => (page.landscape ? 'L' : 'P')).join('')).toMatch(/^P+L+$/);
    const signature = findLine(pages, '洛阳伊滨区管委会办公室', true)!;
    expect(signature.page.lines.filter((line) => line.top < signature.line.top && line.text.trim() !== '').length).toBeGreaterThan(0);
  });

  it('repeats the per-unit table’s header whole on every landscape page (LibreOffice does not grow a repeated header row)', () => {
    const landscape = printed.summary.pages.filter((page) => page.landscape);
    expect(landscape.length).toBeGreaterThan(1);
    // The narrowest header: 检查机关、单位内设部门数量(个) over one count column, eight short lines.
    const first = landscape[0]!.lines.find((line) => line.text.trim() === '检查')!;
    for (const page of landscape) {
      const bodyTop = Math.min(
        ...page.lines.filter((line) => line.left < first.left && /^\d+$/.test(line.text.trim())).map((line) => line.top),
      );
      const header = page.lines.filter(
        (line) => line.top < bodyTop && line.left > first.left - 1.5 && line.right < first.right + 1.5 && line.left < first.right,
      );
      expect(header.map((line) => line.text.trim()).join(''), `page ${page.number}`).toBe('检查机关、单位内设部门数量(个)');
    }
  });

  it('keeps the clerk’s body portrait when it ends with a table, each attachment on its own page and orientation', () => {
    const pages = printed.tableEnd.pages;
    const first = findLine(pages, '附件1')!.page;
    const second = findLine(pages, '附件2')!.page;
    expect(pages.slice(0, first.number - 1).every((page) => !page.landscape)).toBe(true);
    expect(first.landscape).toBe(true);
    expect(second.number).toBeGreaterThan(first.number);
    expect(second.landscape).toBe(false);
  });

  it('puts the letterhead 35 mm under the 版心 top and the 版记 at the foot of the last page', async () => {
    const pages = printed.circular.pages;
    const issuer = findLine(pages, '洛阳伊滨区管委会办公室文件')!;
    expect(issuer.page.number).toBe(1);
    expect(Math.abs(issuer.line.top - (TEXT_TOP + 35))).toBeLessThan(1.5);
    const last = pages.at(-1)!;
    const issued = findLine([last], '2013年8月22日印发')!;
    const rules = await horizontalRules(printed.circular.pdf, last.number);
    const lowest = Math.max(...rules);
    expect(lowest).toBeGreaterThan(issued.line.bottom);
    expect(Math.abs(lowest - TEXT_BOTTOM)).toBeLessThan(1.5);
  });

  it('never prints a page holding only the signature', () => {
    for (const document of [printed.summary, printed.circular]) {
      const signature = findLine(document.pages, '洛阳伊滨区管委会办公室', true)!;
      const before = signature.page.lines.filter((line) => line.bottom <= signature.line.top && line.top > TEXT_TOP - 1);
      expect(before.length).toBeGreaterThan(0);
    }
  });

  it('prints the clerk’s reason for an added unit, never an internal label', () => {
    const text = printed.circular.pages.map((page) => page.text).join('');
    expect(text).toContain('书面报告敷衍了事，未按检查目录逐项自查');
    expect(text).not.toContain('秘书科增加');
  });

  it('leaves a final circular as it is when a run brings nothing new, even after a later poll', async () => {
    const final = join(out, `${TITLE}通报.docx`);
    const before = await readFile(final);
    const mtime = (await stat(final)).mtimeMs;
    // A later successful IMAP poll that found nothing new moves only lastPollAt.
    await writeFile(join(campaignDir, 'data', 'state.json'), JSON.stringify({ lastPollAt: '2013-09-01T00:00:00.000Z' }));
    const again = await runCli(['run', '--campaign', campaignDir, '--mailbox-dir', DEMO_MAILBOX]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/保留原文件未重写|本次未重写/);
    expect(await readFile(final)).toEqual(before);
    expect((await stat(final)).mtimeMs).toBe(mtime);
    // The summary, not final, follows the poll.
    expect(again.stdout).toContain('数据截至 2013-09-01 08:00');
  });

  it('sets the previous document aside when its template breaks, and says so', async () => {
    const template = join(campaignDir, 'templates', '通报.txt');
    const source = await readFile(template, 'utf8');
    await writeFile(template, `${source}\n{{#if late}}\n`);
    const broken = await runCli(['merge', '--campaign', campaignDir]);
    expect(broken.code).toBe(2);
    expect(existsSync(join(out, `${TITLE}通报.docx`))).toBe(false);
    expect(existsSync(join(out, `${TITLE}通报（旧版，模板有误未能更新）.docx`))).toBe(true);
    expect(broken.stdout).toContain('已改名为');
    await writeFile(template, source);
  });

  it('writes a workbook to send up with the statistics sheet only, no addresses or paths', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, `${TITLE}汇总表（上报）.xlsx`));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['自查情况统计表']);
    const cells: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
    const all = cells.join('\n');
    expect(all).toContain('区经济发展局');
    expect(all).not.toMatch(/@|\/tmp|\/home|[A-Z]:\\|问题清单|来信/);
  });

  it('keeps the page number in the footer of every sheet of both workbooks when openpyxl reads them', async () => {
    // Debian's python3 (the first python3 on PATH may be another interpreter without openpyxl).
    const script = [
      'import json, sys, warnings, openpyxl',
      'warnings.simplefilter("error")',
      'print(json.dumps({p: [[s.title, s.oddFooter.left.text, s.oddFooter.center.text, s.oddFooter.right.text] for s in openpyxl.load_workbook(p).worksheets] for p in sys.argv[1:]}, ensure_ascii=False))',
    ].join('\n');
    const books = [`${TITLE}汇总表.xlsx`, `${TITLE}汇总表（上报）.xlsx`].map((name) => join(out, name));
    const { stdout } = await promisify(execFile)('/usr/bin/python3', ['-c', script, ...books]);
    const read = JSON.parse(stdout) as Record<string, [string, string | null, string | null, string | null][]>;
    const centre = (label: string) => `${label}第 &P 页，共 &N 页`;
    expect(read[books[0]!]).toEqual([
      ['自查情况统计表', null, centre(''), null],
      ...['报送情况', '问题清单', '来信记录', '报告分析'].map((name) => [name, null, centre(`${name}　`), null]),
    ]);
    expect(read[books[1]!]).toEqual([['自查情况统计表', null, centre(''), null]]);
  });
});

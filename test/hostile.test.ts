/**
 * The hostile corpus (test/fixtures/hostile, made by make.ts there): 54 crafted inputs run
 * through the real CLI in one run, with the heap capped, HOME and TMPDIR pointed at empty
 * folders. Every input must end in its expected, clear outcome; the run must finish (exit 0),
 * stay within its memory, and write nothing outside its data and output folders.
 */

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../intake/kernel/package-root.js';
import { CASES, unitOf } from './fixtures/hostile/make.js';
import { runCli } from './support/cli.js';
import { paragraphTexts, readDocx } from './support/docx.js';
import { tempDir } from './support/temp-dir.js';
import { readWorkbook, rowWhere } from './support/workbook.js';

const here = join(packageRoot(), 'test', 'fixtures', 'hostile');
const CAMPAIGN = join(here, 'campaign');
const MAIL = join(here, 'mail');
const HEAP_MB = 512;

/** Expected status and exact problem codes of each case's unit. */
const EXPECTED: Record<string, [status: string, codes: string[]]> = {
  '01': ['材料不全', ['archive.too_large', 'unit.no_table', 'unit.no_report']],
  '02': ['材料不全', ['archive.too_deep', 'unit.no_table', 'unit.no_report']],
  '03': ['材料不全', ['archive.too_many_files', 'unit.no_table']],
  '04': ['材料不全', ['file.too_large', 'unit.no_table']],
  '05': ['按时报送', []],
  '06': ['按时报送', []],
  '07': ['按时报送', []],
  '08': ['按时报送', []],
  '09': ['按时报送', []],
  '10': ['按时报送', []],
  '11': ['按时报送', []],
  '12': ['按时报送', []],
  '13': ['按时报送', []],
  '14': ['材料不全', ['file.not_recognised', 'unit.no_table']],
  '15': ['材料不全', ['file.not_recognised', 'unit.no_table']],
  '16': ['材料不全', ['file.unreadable', 'unit.no_report']],
  '17': ['材料不全', ['file.unreadable', 'unit.no_table', 'unit.no_report']],
  '18': ['材料不全', ['file.conversion_failed', 'unit.no_table']],
  '19': ['材料不全', ['file.encrypted', 'unit.no_table']],
  '20': ['按时报送', ['file.macros_ignored']],
  '21': ['按时报送', ['file.macros_ignored']],
  '22': ['按时报送', ['file.external_content_ignored']],
  '23': ['按时报送', ['file.dde_ignored']],
  '24': ['按时报送', []],
  '25': ['按时报送', []],
  '26': ['按时报送', []],
  '27': ['按时报送', []],
  '28': ['数据有误', ['value.invalid']],
  '29': ['数据有误', ['file.sheet_truncated', 'table.several_rows']],
  '30': ['数据有误', ['table.no_data']],
  '31': ['按时报送', []],
  '32': ['材料不全', ['file.not_recognised', 'unit.no_table']],
  '33': ['材料不全', ['unit.no_table', 'unit.no_report']],
  // 34: its body is unreadable but its own headers are not: the unit that sent it is known (never 未报送).
  '34': ['材料不全', ['mail.unreadable', 'unit.no_report', 'unit.no_table']],
  // 35, 39, 40: unreadable, so nobody can say whose they are: listed for the clerk below.
  '35': ['未报送', []],
  '36': ['按时报送', ['mail.raw_8bit_header']],
  '37': ['按时报送', ['mail.raw_8bit_filename', 'mail.raw_8bit_filename']],
  '38': ['按时报送', ['mail.no_time']],
  '39': ['未报送', []],
  '40': ['未报送', []],
  '41': ['待核实', []],
  '42': ['按时报送', ['unit.maybe_more']],
  '43': ['材料不全', ['mail.forward_too_deep', 'unit.no_table', 'unit.no_report']],
  // exceljs refuses the entity expansion; LibreOffice (which does not expand it) re-saves the sheet, empty.
  '44': ['材料不全', ['file.repaired', 'table.not_found', 'unit.no_table']],
  '45': ['材料不全', ['file.unreadable', 'unit.no_report']],
  '46': ['材料不全', ['archive.encrypted', 'unit.no_table']],
  '47': ['按时报送', []],
  '48': ['按时报送', []],
  '49': ['材料不全', ['file.content_too_large', 'unit.no_table']],
  // 50–54 end a whole Node process (or try to): each costs its own analysis child, never the run;
  // the unit's good table and report beside the file are read as if it were not there.
  '50': ['按时报送', ['file.too_complex']],
  // LibreOffice (its own process) reads what the compound-file reader gives up on: no table in it.
  '51': ['按时报送', ['table.not_found']],
  '52': ['按时报送', ['file.unreadable']],
  '53': ['按时报送', ['file.unreadable']],
  '54': ['按时报送', ['file.too_complex']],
};

interface Status {
  units: {
    unit: string;
    status: string;
    problems: { code: string; message: string }[];
    values: Record<string, number> | null;
    remarks: Record<string, string> | null;
  }[];
  unidentified: { message: string; reason: string; candidates: string[] }[];
}

let status: Status;
let work: string;
let maxRssMb: number;
const outsideDirs: Record<string, string> = {};

beforeAll(async () => {
  work = await tempDir('huizong-hostile-');
  for (const name of ['home', 'tmp', 'cwd']) {
    outsideDirs[name] = join(work, name);
    await import('node:fs/promises').then((fs) => fs.mkdir(outsideDirs[name]!, { recursive: true }));
  }
  // The real CLI, with a capped heap, reporting its peak memory.
  const wrapper = join(packageRoot(), 'dist', 'test', 'bench', 'cli-with-rss.js');
  const stderr = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      [
        `--max-old-space-size=${HEAP_MB}`,
        wrapper,
        'run',
        '--campaign',
        CAMPAIGN,
        '--mailbox-dir',
        MAIL,
        '--data',
        join(work, 'data'),
        '--out',
        join(work, 'out'),
      ],
      {
        cwd: outsideDirs.cwd,
        env: { ...process.env, HOME: outsideDirs.home, TMPDIR: outsideDirs.tmp },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 300_000,
      },
      (error, _stdout, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(err)),
    ),
  );
  maxRssMb = Number(/HUIZONG_MAXRSS_KB=(\d+)/.exec(stderr)?.[1]) / 1024;
  const result = await runCli(['status', '--campaign', CAMPAIGN, '--data', join(work, 'data'), '--json']);
  expect(result.code).toBe(0);
  status = JSON.parse(result.stdout) as Status;
}, 300_000);

describe('the hostile corpus', () => {
  it('has at least 40 crafted inputs, each with an expected outcome', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(Object.keys(EXPECTED).sort()).toEqual(CASES.map((item) => item.id.slice(0, 2)).sort());
  });

  for (const item of CASES) {
    const id = item.id.slice(0, 2);
    it(`${item.id}: ${item.title}`, () => {
      const unit = status.units.find((entry) => entry.unit === unitOf(id))!;
      const [expectedStatus, expectedCodes] = EXPECTED[id]!;
      expect({ status: unit.status, codes: unit.problems.map((problem) => problem.code).sort() }).toEqual({
        status: expectedStatus,
        codes: [...expectedCodes].sort(),
      });
      // Every problem is a Chinese sentence naming where it is.
      for (const problem of unit.problems) expect(problem.message).toMatch(/[\u4e00-\u9fff]/);
    });
  }

  it('lists the unreadable and the spoofed mail for the clerk, with the reason', () => {
    const reasons = status.unidentified.map((item) => item.reason).sort();
    expect(reasons).toHaveLength(4);
    expect(reasons.filter((reason) => reason.startsWith('邮件无法解析'))).toHaveLength(1);
    expect(reasons.filter((reason) => reason.startsWith('文件不是邮件'))).toHaveLength(2);
    expect(status.unidentified.find((item) => item.candidates.length > 0)?.candidates).toEqual([unitOf('41'), unitOf('42')]);
  });

  it('stays within its memory', () => {
    expect(maxRssMb).toBeGreaterThan(0);
    expect(maxRssMb).toBeLessThan(HEAP_MB + 200);
  });

  it('writes nothing outside its data and output folders', async () => {
    for (const dir of Object.values(outsideDirs)) expect(await readdir(dir)).toEqual([]);
    for (const path of ['/etc/huizong-pwned.xlsx', '/etc/cron.d/huizong.xlsx', '/tmp/huizong-zip-slip.xlsx', '/etc/huizong-abs.docx'])
      expect(existsSync(path)).toBe(false);
    expect((await readdir(work)).sort()).toEqual(['cwd', 'data', 'home', 'out', 'tmp']);
  });

  it('keeps stored mail and outputs readable by the owner only', async () => {
    const { stat } = await import('node:fs/promises');
    const files = [
      ...(await readdir(join(work, 'out'))).map((name) => join(work, 'out', name)),
      ...(await readdir(join(work, 'data'), { recursive: true }))
        .filter((name) => name.endsWith('.eml') || name.endsWith('.json'))
        .map((name) => join(work, 'data', name)),
    ];
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) expect(((await stat(file)).mode & 0o777).toString(8), file).toBe('600');
    for (const dir of [join(work, 'out'), join(work, 'data'), join(work, 'data', 'mail')])
      expect(((await stat(dir)).mode & 0o777).toString(8), dir).toBe('700');
  });

  it('writes cells that start with = + - @ as inert text', async () => {
    const workbook = await readWorkbook(join(work, 'out', '政府信息公开保密审查专项检查汇总表.xlsx'));
    const sheet = workbook.worksheets[0]!;
    for (const id of ['24', '25', '26', '27']) {
      const cell = rowWhere(sheet, 2, unitOf(id)).getCell(16);
      expect(cell.formula).toBeUndefined();
      expect(String(cell.value)).toMatch(/^[=+\-@]HYPERLINK/);
    }
  });

  it('prints Handlebars and markup in a unit’s remarks as text, never runs them', async () => {
    const summary = await readDocx(join(work, 'out', '政府信息公开保密审查专项检查汇总报告.docx'));
    const text = paragraphTexts(summary.document).join('\n');
    expect(text).toContain('{{#each units}}{{unit}}{{/each}}{{constructor.constructor "return process"}}【标题】假标题');
  });
});

import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { attachmentFixture } from '../../test/support/attachment-fixtures.js';
import { demoCampaign } from '../../test/support/demo-campaign.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { extractFile } from '../analyze/extract-file.js';
import { expandFiles } from '../extract/archive/expand.js';
import { ConversionCache } from './conversion-cache.js';
import { type BatchResult, type ConversionOutcome, convertBatch } from './convert-batch.js';
import { convertLegacyFiles } from './convert-legacy.js';
import { legacyPasswordProtected } from './legacy-encryption.js';

const LIMITS = { maxFileBytes: 1e8, maxDepth: 3, maxFiles: 100, maxExpandedBytes: 1e9 };

let campaign: Campaign;
/** One LibreOffice start for the whole file: every real conversion below comes from it. */
let batch: BatchResult;

beforeAll(async () => {
  campaign = await demoCampaign();
  batch = await convertBatch([
    { key: 'zhuge', source: 'xls', content: await attachmentFixture('zhuge-table.xls') },
    { key: 'licun', source: 'doc', content: await attachmentFixture('licun-table.doc') },
    // Cut short: its directory is gone, so only LibreOffice can try to say what it is.
    { key: 'corrupt', source: 'ole', content: await attachmentFixture('corrupt.xls') },
    { key: 'report-as-sheet', source: 'xls', content: await attachmentFixture('report-no-social.doc') },
    { key: 'report', source: 'doc', content: await attachmentFixture('report-no-social.doc') },
    { key: 'ods', source: 'ods', content: await attachmentFixture('zhuge-table.ods') },
    { key: 'odt', source: 'odt', content: await attachmentFixture('report-no-social.odt') },
  ]);
});

async function extract(name: string, fixture: string, conversion?: ConversionOutcome) {
  const [file] = await expandFiles([{ name, content: await attachmentFixture(fixture) }], LIMITS);
  return extractFile(file!, campaign, conversion ? { conversion } : {});
}

describe('convertBatch with LibreOffice', () => {
  it('converts spreadsheets and text documents together in one start', () => {
    expect(batch.starts).toBe(1);
    expect(batch.outcomes.get('zhuge')).toMatchObject({ status: 'converted', target: 'xlsx', filter: 'MS Excel 97' });
    expect(batch.outcomes.get('licun')).toMatchObject({ status: 'converted', target: 'docx', filter: 'MS Word 97' });
  });

  it('reads the converted .xls and .doc tables with the same code as .xlsx and .docx', async () => {
    const zhuge = await extract('诸葛镇统计表.xls', 'zhuge-table.xls', batch.outcomes.get('zhuge'));
    expect(zhuge.converted).toBe('xlsx');
    expect(zhuge.tables[0]!.unitName?.text).toBe('诸葛镇');
    expect(Object.fromEntries(Object.entries(zhuge.tables[0]!.rows[0]!.cells).map(([key, cell]) => [key, cell.text]))).toMatchObject({
      departments: '8',
      networksClassified: '1',
      computersUnclassified: '30',
      mediaUnclassified: '35',
      deletedItems: '4',
    });
    expect(zhuge.tables[0]!.rows[0]!.cells['departments']!.address).toBe('A6');

    const licun = await extract('李村镇统计表.doc', 'licun-table.doc', batch.outcomes.get('licun'));
    expect(licun.converted).toBe('docx');
    expect(licun.tables[0]!.unitName).toEqual({ text: '李村镇', location: '第3段' });
    expect(licun.tables[0]!.rows[0]!.cells['computersUnclassified']).toEqual({ text: '40', address: '第1个表格第3行第5列' });
    expect(licun.tables[0]!.rows[0]!.cells['remarks']!.text).toBe('已整改');
    expect(licun.report).toBeNull();

    const report = await extract('报告.doc', 'report-no-social.doc', batch.outcomes.get('report'));
    expect(report.report?.analysis.areas['website']).toBe(true);
    expect(report.report?.chars).toBeGreaterThan(300);
  });

  it('reads OpenDocument files the same way, recognised by content', async () => {
    const sheet = await extract('统计表.ods', 'zhuge-table.ods', batch.outcomes.get('ods'));
    expect(sheet.kind).toBe('ods');
    expect(sheet.tables[0]!.rows[0]!.cells['computersUnclassified']!.text).toBe('30');
    const text = await extract('报告.odt', 'report-no-social.odt', batch.outcomes.get('odt'));
    expect(text.kind).toBe('odt');
    expect(text.report?.analysis.areas['release']).toBe(true);
  });

  it('turns a damaged .xls into one clear problem, never a table of garbage', async () => {
    expect(batch.outcomes.get('corrupt')).toMatchObject({ status: 'failed', reason: 'unreadable' });
    const facts = await extract('统计表.xls', 'corrupt.xls', batch.outcomes.get('corrupt'));
    expect(facts.tables).toEqual([]);
    expect(facts.problems.map((item) => [item.severity, item.code, item.summary, item.file])).toEqual([
      ['error', 'file.conversion_failed', '旧版 Office 文档无法打开（文件可能已损坏），请以 .xlsx 格式重新报送', '统计表.xls'],
    ]);
  });

  it('refuses a conversion into the wrong kind of document', () => {
    expect(batch.outcomes.get('report-as-sheet')).toEqual({ status: 'failed', reason: 'wrong_type', detail: '文件内容是文字文档' });
  });
});

describe('password-protected legacy files', () => {
  it('are recognised before LibreOffice is asked, and the unit told to remove the password', async () => {
    expect(legacyPasswordProtected(await attachmentFixture('password.xls'), 'xls')).toBe(true);
    expect(legacyPasswordProtected(await attachmentFixture('password.doc'), 'doc')).toBe(true);
    expect(legacyPasswordProtected(await attachmentFixture('zhuge-table.xls'), 'xls')).toBe(false);
    expect(legacyPasswordProtected(await attachmentFixture('licun-table.doc'), 'doc')).toBe(false);
    const facts = await extract('统计表.xls', 'password.xls');
    expect(facts.problems.map((item) => [item.code, item.summary])).toEqual([
      ['file.encrypted', '文件设有密码，无法打开，请去掉密码后重新报送'],
    ]);
  });
});

describe('convertBatch without a working LibreOffice', () => {
  it('says LibreOffice is missing, for every file, without starting anything', async () => {
    const result = await convertBatch([{ key: 'a', source: 'xls', content: Buffer.from('x') }], { soffice: null });
    expect(result.starts).toBe(0);
    expect(result.outcomes.get('a')).toEqual({ status: 'unavailable', detail: '未安装 LibreOffice（找不到 soffice）' });
    const facts = await extract('统计表.xls', 'zhuge-table.xls', result.outcomes.get('a'));
    expect(facts.problems[0]!.summary).toBe(
      '旧版 Excel/WPS 表格需要 LibreOffice 才能读取，本机未安装或无法运行 LibreOffice；请安装 LibreOffice，或请报送单位以 .xlsx 格式重新报送',
    );
    const report = await extract('报告.doc', 'report-no-social.doc', result.outcomes.get('a'));
    expect(report.report).toMatchObject({ chars: null, analysis: { chars: null, flags: ['报告内容无法读取，请人工查看'] } });
  });

  // A stand-in for a LibreOffice that hangs: it marks the first file of its list as started and
  // never finishes. The real one cannot be made to hang on demand; the watchdog is what is tested.
  async function hangingSoffice(markStarted: boolean): Promise<string> {
    const dir = await tempDir();
    const script = join(dir, 'soffice');
    const mark = markStarted
      ? 'list=$(printf "%s" "$last" | sed -e "s/.*(\\"file:\\/\\/\\(.*\\)\\")$/\\1/"); first=$(head -n 1 "$list" | cut -f 2 | sed -e "s/^file:\\/\\///"); : > "/$first.started"'
      : ':';
    await writeFile(script, `#!/bin/sh\nfor last; do :; done\n${mark}\nexec sleep 30\n`);
    await chmod(script, 0o755);
    return script;
  }

  it('stops a file that hangs at its time limit and goes on with the next in a new start', async () => {
    const soffice = await hangingSoffice(true);
    const result = await convertBatch(
      [
        { key: 'a', source: 'xls', content: Buffer.from('a') },
        { key: 'b', source: 'doc', content: Buffer.from('b') },
      ],
      { soffice, perFileTimeoutMs: 300 },
    );
    expect(result.starts).toBe(2);
    expect(result.outcomes.get('a')).toEqual({ status: 'timeout', seconds: 0 });
    expect(result.outcomes.get('b')).toEqual({ status: 'timeout', seconds: 0 });
  });

  it('gives up when LibreOffice does not start in time, as a machine problem', async () => {
    const result = await convertBatch([{ key: 'a', source: 'xls', content: Buffer.from('a') }], {
      soffice: await hangingSoffice(false),
      startupTimeoutMs: 300,
    });
    expect(result.outcomes.get('a')).toMatchObject({ status: 'unavailable' });
    expect((result.outcomes.get('a') as { detail: string }).detail).toContain('LibreOffice 在 0 秒内未能启动');
  });
});

describe('the conversion cache', () => {
  it('keeps conversions and file failures by content hash, never "not installed"', async () => {
    const cache = new ConversionCache(await tempDir());
    const converted = batch.outcomes.get('zhuge')!;
    await cache.put('aa11', converted);
    await cache.put('bb22', { status: 'failed', reason: 'unreadable', detail: 'x' });
    await cache.put('cc33', { status: 'unavailable', detail: 'x' });
    expect(await cache.get('aa11')).toEqual(converted);
    expect(await cache.get('bb22')).toEqual({ status: 'failed', reason: 'unreadable', detail: 'x' });
    expect(await cache.get('cc33')).toBeNull();
    // From the cache: no LibreOffice start at all.
    const again = await convertLegacyFiles([{ sha256: 'aa11', kind: 'xls', content: Buffer.from('') }], { cache, soffice: null });
    expect(again).toMatchObject({ converted: 0, starts: 0 });
    expect(again.outcomes.get('aa11')).toEqual(converted);
  });
});

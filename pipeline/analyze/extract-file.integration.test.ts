import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { attachmentFixture } from '../../test/support/attachment-fixtures.js';
import { demoCampaign } from '../../test/support/demo-campaign.js';
import { expandFiles } from '../extract/archive/expand.js';
import type { FoundTable } from '../extract/find-table.js';
import { extractFile, REPORT_MIN_PROSE_CHARS, readWordDocument } from './extract-file.js';

const LIMITS = { maxFileBytes: 1e8, maxDepth: 3, maxFiles: 100, maxExpandedBytes: 1e9 };
let campaign: Campaign;
beforeAll(async () => {
  campaign = await demoCampaign();
});

async function extract(name: string, content: Buffer, pdftotext?: string | null) {
  const [file] = await expandFiles([{ name, content }], LIMITS);
  return extractFile(file!, campaign, pdftotext !== undefined ? { pdf: { pdftotext } } : {});
}

const values = (table: FoundTable) => Object.fromEntries(Object.entries(table.rows[0]!.cells).map(([key, cell]) => [key, cell.text]));

describe('extractFile on Word documents made by LibreOffice', () => {
  it('reads a table with merged header cells and the 填报 lines above it', async () => {
    const facts = await extract('庞村镇统计表.docx', await attachmentFixture('pangcun-merged-table.docx'));
    expect(facts.kind).toBe('docx');
    expect(facts.report).toBeNull();
    const [table] = facts.tables;
    expect(table!.unitName).toEqual({ text: '庞村镇人民政府', location: '第3段' });
    expect(table!.date).toEqual({ text: '2013年8月15日', location: '第3段' });
    expect(table!.missingColumns).toEqual([]);
    expect(values(table!)).toEqual({
      departments: '12',
      networksClassified: '1',
      networksUnclassified: '3',
      computersClassified: '4',
      computersUnclassified: '56',
      mediaClassified: '2',
      mediaUnclassified: '60',
      sealedComputersClassified: '1',
      sealedComputersUnclassified: '2',
      sealedMediaClassified: '0',
      sealedMediaUnclassified: '1',
      deletedItems: '7',
      websitesClosed: '1',
      remarks: '',
    });
  });

  it('reads the report text and the table that follows it from one document', async () => {
    const facts = await extract('佃庄镇自查材料.docx', await attachmentFixture('dianzhuang-report-then-table.docx'));
    expect(facts.tables).toHaveLength(1);
    expect(facts.tables[0]!.unitName?.text).toBe('佃庄镇');
    expect(values(facts.tables[0]!)).toMatchObject({
      departments: '5',
      computersUnclassified: '20',
      mediaUnclassified: '25',
      deletedItems: '1',
    });
    expect(facts.report!.chars).toBeGreaterThan(REPORT_MIN_PROSE_CHARS);
    expect(facts.report!.analysis.areas['social']).toBe(true);
    const { report } = await readWordDocument(await attachmentFixture('dianzhuang-report-then-table.docx'), campaign);
    expect(report!.text).toContain('五、社会网站监管情况');
    // The table's cells are not report text.
    expect(report!.text).not.toContain('检查网络数量');
  });

  it('finds the header of a table with no data row, and no data', async () => {
    const facts = await extract('纪工委统计表.docx', await attachmentFixture('jigongwei-header-only.docx'));
    expect(facts.tables).toHaveLength(1);
    expect(facts.tables[0]!.unitName?.text).toBe('区纪工委');
    expect(facts.tables[0]!.rows).toEqual([]);
    expect(facts.report).toBeNull();
  });

  it('lists every table of a document with the unit each names, for merge to choose', async () => {
    const facts = await extract('寇店镇统计表.docx', await attachmentFixture('koudian-two-tables.docx'));
    expect(facts.tables.map((table) => [table.source, table.unitName?.text, table.rows[0]!.cells['departments']!.text])).toEqual([
      ['第1个表格', '西岭村', '2'],
      ['第2个表格', '寇店镇人民政府', '10'],
    ]);
  });

  it('reads a report without a table as report text only', async () => {
    const facts = await extract('自查报告.docx', await attachmentFixture('report.docx'));
    expect(facts.tables).toEqual([]);
    expect(facts.report!.chars).toBe(481);
    const { report } = await readWordDocument(await attachmentFixture('report.docx'), campaign);
    expect(report!.text!.split('\n')[0]).toBe('本单位关于政府信息公开保密审查专项检查自查情况的报告');
  });

  it('goes by content: an .xlsx sent as .doc is read as a workbook', async () => {
    const facts = await extract('社会事业局统计表.doc', await attachmentFixture('sheshi-table.xlsx'));
    expect(facts.kind).toBe('xlsx');
    expect(values(facts.tables[0]!)).toMatchObject({ departments: '7', computersUnclassified: '33' });
  });

  it('says a damaged document cannot be opened', async () => {
    const content = (await attachmentFixture('report.docx')).subarray(0, 2000);
    const facts = await extract('报告.docx', content);
    expect(facts.report).toBeNull();
    expect(facts.problems.map((item) => item.code)).toEqual(['file.unreadable']);
  });
});

describe('extractFile on PDF reports (pdftotext)', () => {
  it('reads the text layer', async () => {
    const facts = await extract('自查报告.pdf', await attachmentFixture('report.pdf'));
    expect(facts.problems).toEqual([]);
    expect(facts.report!.chars).toBe(481);
    expect(facts.report!.analysis.areas['network']).toBe(true);
  });

  it('recognises a scan, which still counts as the report', async () => {
    const facts = await extract('自查报告.pdf', await attachmentFixture('scan.pdf'));
    expect(facts.report).toMatchObject({ chars: null, scanned: true, analysis: { chars: null, scanned: true } });
    expect(facts.problems.map((item) => [item.severity, item.summary])).toEqual([
      ['warning', 'PDF 为扫描件（1 页，没有文字层），计为书面报告，但无法分析内容，请人工查看'],
    ]);
  });

  it('says so when pdftotext is missing, and still counts the report', async () => {
    const facts = await extract('自查报告.pdf', await attachmentFixture('report.pdf'), null);
    expect(facts.report).toMatchObject({ chars: null, analysis: { chars: null, flags: ['报告内容无法读取，请人工查看'] } });
    expect(facts.problems.map((item) => [item.code, item.summary])).toEqual([
      ['file.pdftotext_unavailable', '无法读取 PDF 文字：未安装 pdftotext（Debian 软件包 poppler-utils）'],
    ]);
  });

  it('says a damaged PDF cannot be opened', async () => {
    const facts = await extract('自查报告.pdf', (await attachmentFixture('report.pdf')).subarray(0, 400));
    expect(facts.report).toBeNull();
    expect(facts.problems.map((item) => [item.code, item.summary])).toEqual([
      ['file.unreadable', 'PDF 文档无法打开（文件可能已损坏），请重新报送'],
    ]);
  });
});

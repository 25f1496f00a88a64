import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMail } from '../../examples/kit/mime.js';
import { buildStatisticsTable } from '../../examples/kit/statistics-table.js';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { demoCampaign } from '../../test/support/demo-campaign.js';
import { englishIn } from '../../test/support/english.js';
import { editPackage } from '../../test/support/package-edit.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { analyzeMessages } from './analyze-batch.js';

let campaign: Campaign;
let table: Buffer;
beforeAll(async () => {
  campaign = await demoCampaign();
  table = await buildStatisticsTable(campaign, {
    unitName: '庞村镇',
    date: '2013年8月15日',
    values: { departments: 12, networksClassified: 1 },
  });
});

const from = { name: '庞村镇', address: 'pangcun@yibin-demo.gov.cn' };
const date = new Date('2013-08-15T02:00:00Z');
const mailWith = (attachments: { filename: string; content: Buffer }[]) =>
  buildMail({ from, subject: '庞村镇自查情况统计表', date, text: '附件', attachments });
const codes = (problems: { code: string }[]) => problems.map((item) => item.code);

async function analyse(raw: Buffer, environment = {}) {
  const { facts } = await analyzeMessages([{ id: 'a'.repeat(64), raw }], campaign, { dataDir: await tempDir(), ...environment });
  return facts[0]!;
}

/** Every element of the part in a prefix (ns0:), as some generators write SpreadsheetML; exceljs throws on it. */
const prefixed = (xml: string) => xml.replace(/<(\/?)(?!\?)([A-Za-z]\w*)(?=[\s>/])/g, '<$1ns0:$2').replace(/xmlns="/, 'xmlns:ns0="');

describe('analyzeMessages: a mail whose body cannot be read', () => {
  it('keeps the outer headers of a mail with more MIME parts than the parser allows, and says so in Chinese', async () => {
    const boundary = 'b0';
    const parts = Array.from({ length: 1100 }, (_, i) => `--${boundary}\r\nContent-Type: text/plain\r\n\r\n第${i}部分\r\n`).join('');
    const raw = Buffer.from(
      `From: =?UTF-8?B?${Buffer.from('庞村镇').toString('base64')}?= <pangcun@yibin-demo.gov.cn>\r\nSubject: =?UTF-8?B?${Buffer.from('自查情况统计表').toString('base64')}?=\r\nDate: Thu, 15 Aug 2013 10:00:00 +0800\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n${parts}--${boundary}--\r\n`,
    );
    const facts = await analyse(raw);
    expect(facts.fromAddress).toBe('pangcun@yibin-demo.gov.cn');
    expect(facts.subject).toBe('自查情况统计表');
    expect(codes(facts.problems)).toEqual(['mail.unreadable']);
    expect(englishIn(facts.problems[0]!.summary, '')).toEqual([]);
    expect(facts.problems[0]!.detail).toMatch(/child nodes/i);
  });
});

describe('analyzeMessages: a forwarded mail that cannot be read', () => {
  it('costs only itself: the outer mail and its other attachments are read, the problem named', async () => {
    const boundary = 'b0';
    const parts = Array.from({ length: 1100 }, (_, i) => `--${boundary}\r\nContent-Type: text/plain\r\n\r\n${i}\r\n`).join('');
    const inner = Buffer.from(
      `From: a@b.cn\r\nSubject: x\r\nContent-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n${parts}--${boundary}--\r\n`,
    );
    const raw = buildMail({
      from,
      subject: '庞村镇自查情况统计表',
      date,
      text: '附件',
      attachments: [{ filename: '统计表.xlsx', content: table }],
      forwarded: [inner],
    });
    const facts = await analyse(raw);
    expect(facts.attachments.map((file) => file.name)).toEqual(['统计表.xlsx']);
    expect(facts.attachments[0]!.tables).toHaveLength(1);
    expect(codes(facts.problems)).toEqual(['mail.forward_unreadable']);
    expect(englishIn(facts.problems[0]!.summary, '')).toEqual([]);
  });
});

describe('analyzeMessages: the LibreOffice fallback before a file is called damaged', () => {
  it('reads an .xlsx exceljs refuses (prefixed SpreadsheetML) after LibreOffice re-saves it', async () => {
    const bad = editPackage(table, { 'xl/workbook.xml': prefixed, 'xl/worksheets/sheet1.xml': prefixed });
    const facts = await analyse(mailWith([{ filename: '统计表.xlsx', content: bad }]));
    const [file] = facts.attachments;
    expect(codes(file!.problems)).toEqual(['file.repaired']);
    expect(file!.tables[0]!.rows[0]!.cells.departments!.text).toBe('12');
  });

  it('calls a file damaged only when LibreOffice cannot open it either, in Chinese, the raw text kept aside', async () => {
    const broken = editPackage(table, {
      'xl/workbook.xml': () => '<?xml version="1.0"?><workbook><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets>',
      'xl/worksheets/sheet1.xml': () => '\u0000\u0001<<<',
    });
    const facts = await analyse(mailWith([{ filename: '统计表.xlsx', content: broken }]));
    const [file] = facts.attachments;
    expect(codes(file!.problems)).toEqual(['file.unreadable']);
    expect(englishIn(`${file!.problems[0]!.summary} ${file!.problems[0]!.found}`, '')).toEqual([]);
    expect(file!.problems[0]!.detail).toMatch(/LibreOffice/);
  });

  it('without LibreOffice, says the file needs it (not damaged), and the facts are not kept', async () => {
    const bad = editPackage(table, { 'xl/worksheets/sheet1.xml': prefixed, 'xl/workbook.xml': prefixed });
    const facts = await analyse(mailWith([{ filename: '统计表.xlsx', content: bad }]), { soffice: null });
    expect(codes(facts.attachments[0]!.problems)).toEqual(['file.libreoffice_unavailable']);
  });
});

describe('analyzeMessages: no file passes in silence', () => {
  it('a zip named .xlsx (empty or foreign) is an unreadable workbook, not an archive', async () => {
    const empty = Buffer.from(zipSync({}));
    const foreign = Buffer.from(zipSync({ 'Index/Document.iwa': strToU8('x'), 'Metadata/Properties.plist': strToU8('y') }));
    const facts = await analyse(
      mailWith([
        { filename: '统计表.xlsx', content: empty },
        { filename: '统计表.numbers', content: foreign },
      ]),
    );
    expect(facts.attachments.map((file) => [file.name, codes(file.problems)])).toEqual([
      ['统计表.xlsx', ['file.not_recognised']],
      ['统计表.numbers', ['file.not_read']],
    ]);
  });

  it('a binary workbook (.xlsb) goes to LibreOffice like a legacy file, not to the .xlsx reader', async () => {
    const xlsb = Buffer.from(zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.bin': new Uint8Array([1, 2, 3]) }));
    const facts = await analyse(mailWith([{ filename: '统计表.xlsb', content: xlsb }]), { soffice: null });
    expect(facts.attachments[0]!.kind).toBe('xlsb');
    expect(codes(facts.attachments[0]!.problems)).toEqual(['file.libreoffice_unavailable']);
  });

  it('an image or an unknown file gets a word of its own', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const facts = await analyse(
      mailWith([
        { filename: '照片.png', content: png },
        { filename: '表格.fods', content: Buffer.from('<?xml version="1.0"?><office:document/>') },
      ]),
    );
    expect(facts.attachments.map((file) => codes(file.problems))).toEqual([['file.not_read'], ['file.not_read']]);
    expect(facts.attachments[1]!.problems[0]!.summary).toContain('.fods');
    // A picture is often a material in its own right (a signed scan): a remark, not a request to resend it.
    const picture = facts.attachments[0]!.problems[0]!;
    expect(picture.expected).toBeUndefined();
    expect(picture.summary).not.toMatch(/请|报送/);
  });
});

describe('analyzeMessages: outside content', () => {
  it('shows a long link target decoded and whole-quoted in 发现, never cut inside its quotes', async () => {
    const target = `file:///C:/Documents%20and%20Settings/${'a'.repeat(300)}.xls`;
    const linked = editPackage(table, {
      'xl/_rels/workbook.xml.rels': (xml) =>
        xml.replace(
          '</Relationships>',
          `<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="${target}" TargetMode="External"/></Relationships>`,
        ),
    });
    const facts = await analyse(mailWith([{ filename: '统计表.xlsx', content: linked }]));
    const [problem] = facts.attachments[0]!.problems;
    expect(problem!.code).toBe('file.external_content_ignored');
    expect(problem!.found).toMatch(/^「file:\/\/\/C:\/Documents and Settings\/a+…」$/);
    expect(problem!.found!.length).toBeLessThanOrEqual(200);
  });

  it('does not report a Word file’s attached template, nor an empty target', async () => {
    const report = await buildStatisticsTable(campaign, { unitName: '庞村镇', date: '2013年8月15日', values: { departments: 1 } });
    const withRels = editPackage(report, {
      'xl/_rels/workbook.xml.rels': (xml) =>
        xml.replace(
          '</Relationships>',
          '<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="file:///C:/Users/a/Normal.dotm" TargetMode="External"/><Relationship Id="rIdE" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject" Target="" TargetMode="External"/></Relationships>',
        ),
    });
    const facts = await analyse(mailWith([{ filename: '统计表.xlsx', content: withRels }]));
    expect(codes(facts.attachments[0]!.problems)).toEqual([]);
  });
});

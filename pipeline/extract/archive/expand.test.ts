import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../intake/kernel/package-root.js';
import { attachmentFixture } from '../../../test/support/attachment-fixtures.js';
import { writeMsg } from '../../../test/support/msg-writer.js';
import { writeRar5 } from '../../../test/support/rar5-writer.js';
import { writeTnef } from '../../../test/support/tnef-writer.js';
import { type ExpandLimits, expandFiles } from './expand.js';
import { entryName } from './read-zip.js';

const LIMITS: ExpandLimits = { maxFileBytes: 30 * 1024 * 1024, maxDepth: 3, maxFiles: 200, maxExpandedBytes: 300 * 1024 * 1024 };
const summary = (files: Awaited<ReturnType<typeof expandFiles>>) =>
  files.map((file) => ({ name: file.name, kind: file.kind, problems: file.problems.map((item) => item.summary) }));

describe('expandFiles', () => {
  it('opens a zip made by Windows: GBK names without the UTF-8 flag, files in a folder', async () => {
    const files = await expandFiles([{ name: '财政局材料.zip', content: await attachmentFixture('caizheng-windows.zip') }], LIMITS);
    expect(summary(files)).toEqual([
      { name: '财政局材料.zip', kind: 'zip', problems: [] },
      { name: '财政局材料.zip/区财政局报送材料/自查报告.docx', kind: 'docx', problems: [] },
      { name: '财政局材料.zip/区财政局报送材料/区财政局自查情况统计表.xls', kind: 'xls', problems: [] },
    ]);
    expect(files[2]!.content.subarray(0, 4)).toEqual(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
  });

  it('says so when a zip is empty', async () => {
    const [file] = await expandFiles([{ name: '材料.zip', content: await attachmentFixture('empty.zip') }], LIMITS);
    expect(file!.problems).toEqual([
      {
        severity: 'error',
        code: 'archive.empty',
        summary: '压缩包中没有任何文件，请把统计表和书面报告直接作为附件重新报送',
        file: '材料.zip',
        expected: '统计表和书面报告',
      },
    ]);
  });

  it('opens zips in zips down to the depth limit, and names the one it did not open', async () => {
    const content = await attachmentFixture('nested.zip');
    expect((await expandFiles([{ name: 'a.zip', content }], LIMITS)).map((file) => file.name)).toEqual([
      'a.zip',
      'a.zip/inner.zip',
      'a.zip/inner.zip/deep.zip',
      'a.zip/inner.zip/deep.zip/report.docx',
    ]);
    const shallow = await expandFiles([{ name: 'a.zip', content }], { ...LIMITS, maxDepth: 2 });
    expect(summary(shallow).at(-1)).toEqual({ name: 'a.zip/inner.zip/deep.zip', kind: 'zip', problems: ['压缩包嵌套超过 2 层，未再打开'] });
  });

  it('names an entry protected by a password', async () => {
    const [file] = await expandFiles([{ name: '材料.zip', content: await attachmentFixture('password-entry.zip') }], LIMITS);
    expect(file!.problems.map((item) => [item.code, item.summary])).toEqual([
      ['archive.encrypted', '压缩包中的「report.docx」设有密码，无法解压，请去掉密码后重新报送'],
    ]);
  });

  it('stops at the file count and expanded size of one message, across its archives', async () => {
    const content = await attachmentFixture('caizheng-windows.zip');
    const counted = await expandFiles([{ name: 'a.zip', content }], { ...LIMITS, maxFiles: 1 });
    expect(counted.map((file) => file.name)).toEqual(['a.zip', 'a.zip/区财政局报送材料/自查报告.docx']);
    expect(counted[0]!.problems.map((item) => item.summary)).toEqual(['压缩包中的文件超过 1 个，其余 1 个未读取']);
    const sized = await expandFiles([{ name: 'a.zip', content }], { ...LIMITS, maxExpandedBytes: 6000 });
    expect(sized[0]!.problems.map((item) => item.code)).toEqual(['archive.too_large']);
    expect(sized[0]!.problems[0]!.summary).toBe(
      '压缩包中的「区财政局报送材料/区财政局自查情况统计表.xls」解压后 7 KB，超过一封来信共 6 KB 的限制，未读取',
    );
  });

  it('does not read a file over the size limit', async () => {
    const [file] = await expandFiles([{ name: '大文件.docx', content: await attachmentFixture('report.docx') }], {
      ...LIMITS,
      maxFileBytes: 1024,
    });
    expect(file!.content.byteLength).toBe(0);
    expect(file!.size).toBe((await attachmentFixture('report.docx')).byteLength);
    expect(file!.problems[0]!.code).toBe('file.too_large');
  });

  it('judges by content: an .xlsx named .zip is a workbook, a RAR signature with nothing after it is damaged', async () => {
    const [workbook] = await expandFiles([{ name: '统计表.zip', content: await attachmentFixture('sheshi-table.xlsx') }], LIMITS);
    expect(workbook!.kind).toBe('xlsx');
    const rar = Buffer.concat([Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1'), Buffer.alloc(32)]);
    const [archive] = await expandFiles([{ name: '材料.rar', content: rar }], LIMITS);
    expect(archive!.problems.map((item) => item.summary)).toEqual(['RAR 压缩包无法打开（文件可能已损坏），请重新报送']);
  });

  it('reports a damaged zip instead of throwing', async () => {
    const content = (await attachmentFixture('caizheng-windows.zip')).subarray(0, 3000);
    const [file] = await expandFiles([{ name: '坏.zip', content }], LIMITS);
    expect(file!.problems.map((item) => item.summary)).toEqual(['ZIP 压缩包无法打开（文件可能已损坏），请重新报送']);
  });
});

describe('entryName', () => {
  const raw = (name: string, encoding: 'utf8' | 'gbk') =>
    encoding === 'utf8' ? Buffer.from(name, 'utf8') : Buffer.from([0xcd, 0xb3, 0xbc, 0xc6, 0xb1, 0xed]);
  it('reads UTF-8 by flag, by Info-ZIP Unicode field, by strict decoding, else GBK', () => {
    expect(entryName({ fileNameRaw: raw('统计表', 'utf8'), extraFieldRaw: Buffer.alloc(0), generalPurposeBitFlag: 0x800 })).toBe('统计表');
    expect(entryName({ fileNameRaw: raw('统计表', 'utf8'), extraFieldRaw: Buffer.alloc(0), generalPurposeBitFlag: 0 })).toBe('统计表');
    expect(entryName({ fileNameRaw: raw('统计表', 'gbk'), extraFieldRaw: Buffer.alloc(0), generalPurposeBitFlag: 0 })).toBe('统计表');
    const unicode = Buffer.from('统计表', 'utf8');
    const extra = Buffer.concat([Buffer.from([0x75, 0x70, 5 + unicode.length, 0, 1, 0, 0, 0, 0]), unicode]);
    expect(entryName({ fileNameRaw: Buffer.from('????'), extraFieldRaw: extra, generalPurposeBitFlag: 0 })).toBe('统计表');
    expect(entryName({ fileNameRaw: Buffer.from('a\\b.xls'), extraFieldRaw: Buffer.alloc(0), generalPurposeBitFlag: 0 })).toBe('a/b.xls');
  });
});

describe('expandFiles on 7z, RAR, winmail.dat and .msg', () => {
  const archive = (name: string) => readFile(join(packageRoot(), 'test', 'fixtures', 'archives', name));
  const table = async () => attachmentFixture('sheshi-table.xlsx');

  it('opens a 7z made by 7-Zip: Chinese names, files in a folder, sniffed by content', async () => {
    const files = await expandFiles([{ name: '社会事业局材料.7z', content: await archive('sheshi.7z') }], LIMITS);
    expect(summary(files)).toEqual([
      { name: '社会事业局材料.7z', kind: '7z', problems: [] },
      { name: '社会事业局材料.7z/区社会事业局报送材料/社会事业局自查情况统计表.xlsx', kind: 'xlsx', problems: [] },
      { name: '社会事业局材料.7z/区社会事业局报送材料/自查报告.docx', kind: 'docx', problems: [] },
    ]);
    expect(files[1]!.content).toEqual(await table());
  });

  it('names each entry that needs a password, and an archive whose list is encrypted too', async () => {
    const entries = await expandFiles([{ name: '材料.7z', content: await archive('password-entries.7z') }], LIMITS);
    expect(entries[0]!.problems.map((item) => [item.code, item.found])).toEqual([
      ['archive.encrypted', '区社会事业局报送材料/社会事业局自查情况统计表.xlsx'],
      ['archive.encrypted', '区社会事业局报送材料/自查报告.docx'],
    ]);
    const [whole] = await expandFiles([{ name: '材料.7z', content: await archive('password-header.7z') }], LIMITS);
    expect(whole!.problems.map((item) => [item.code, item.summary])).toEqual([
      ['archive.encrypted', '7z 压缩包设有密码（连文件列表也已加密），无法解压，请去掉密码后重新报送'],
    ]);
  });

  it('says a part of a multi-volume set cannot be opened alone, once per part', async () => {
    const files = await expandFiles(
      [
        { name: '材料.7z.001', content: await archive('split.7z.001') },
        { name: '材料.7z.002', content: await archive('split.7z.002') },
        { name: '材料.part1.rar', content: writeRar5([{ name: '统计表.xlsx', content: await table() }], { firstVolumeOfMany: true }) },
      ],
      LIMITS,
    );
    expect(files.map((file) => [file.name, file.problems.map((item) => item.code)])).toEqual([
      ['材料.7z.001', ['archive.multi_volume']],
      ['材料.7z.002', ['archive.multi_volume']],
      ['材料.part1.rar', ['archive.multi_volume']],
    ]);
    // Not named as a volume, the RAR's own header says so.
    const [renamed] = await expandFiles(
      [{ name: '材料.rar', content: writeRar5([{ name: 'a.xlsx', content: await table() }], { firstVolumeOfMany: true }) }],
      LIMITS,
    );
    expect(renamed!.problems.map((item) => item.code)).toEqual(['archive.multi_volume']);
  });

  it('opens a RAR 5 archive with the zip limits: UTF-8 names, encrypted entries named, the budget spent', async () => {
    const rar = writeRar5([
      { name: '庞村镇/自查情况统计表.xlsx', content: await table() },
      { name: '庞村镇/保密.docx', content: Buffer.from('secret'), encrypted: true },
    ]);
    const files = await expandFiles([{ name: '庞村镇材料.rar', content: rar }], LIMITS);
    expect(summary(files).map((file) => [file.name, file.kind])).toEqual([
      ['庞村镇材料.rar', 'rar'],
      ['庞村镇材料.rar/庞村镇/自查情况统计表.xlsx', 'xlsx'],
    ]);
    expect(files[0]!.problems.map((item) => [item.code, item.found])).toEqual([['archive.encrypted', '庞村镇/保密.docx']]);
    const small = await expandFiles([{ name: '庞村镇材料.rar', content: rar }], { ...LIMITS, maxExpandedBytes: 1000 });
    expect(small[0]!.problems.map((item) => item.code)).toEqual(['archive.too_large', 'archive.encrypted']);
  });

  it('opens Outlook winmail.dat (TNEF) and an attached .msg item, by their long file names', async () => {
    const files = await expandFiles(
      [
        { name: 'winmail.dat', content: writeTnef([{ name: '庞村镇自查情况统计表.xlsx', content: await table() }]) },
        {
          name: '庞村镇自查材料.msg',
          content: writeMsg({
            subject: '庞村镇自查材料',
            from: '庞村镇',
            body: '见附件',
            attachments: [{ name: '自查报告.docx', content: await attachmentFixture('report.docx') }],
          }),
        },
      ],
      LIMITS,
    );
    expect(summary(files)).toEqual([
      { name: 'winmail.dat', kind: 'tnef', problems: [] },
      { name: 'winmail.dat/庞村镇自查情况统计表.xlsx', kind: 'xlsx', problems: [] },
      { name: '庞村镇自查材料.msg', kind: 'msg', problems: [] },
      { name: '庞村镇自查材料.msg/自查报告.docx', kind: 'docx', problems: [] },
    ]);
  });

  it('reports a damaged 7z as unreadable, not empty', async () => {
    const content = (await archive('sheshi.7z')).subarray(0, 200);
    const [file] = await expandFiles([{ name: '材料.7z', content }], LIMITS);
    expect(file!.problems.map((item) => item.code)).toEqual(['file.unreadable']);
  });
});

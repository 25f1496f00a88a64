import { describe, expect, it } from 'vitest';
import { attachmentFixture } from '../../../test/support/attachment-fixtures.js';
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

  it('judges by content: an .xlsx named .zip is a workbook, RAR and 7z are refused with advice', async () => {
    const [workbook] = await expandFiles([{ name: '统计表.zip', content: await attachmentFixture('sheshi-table.xlsx') }], LIMITS);
    expect(workbook!.kind).toBe('xlsx');
    const rar = Buffer.concat([Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1'), Buffer.alloc(32)]);
    const [archive] = await expandFiles([{ name: '材料.rar', content: rar }], LIMITS);
    expect(archive!.problems.map((item) => item.summary)).toEqual(['RAR 压缩包无法打开，请解压后直接以附件报送，或改用 zip 格式压缩']);
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

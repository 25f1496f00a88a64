/**
 * The test-only writers of formats no program here can write (RAR: `rar` is non-free; TNEF and
 * .msg: Outlook) are checked by the real readers Debian has: 7-Zip must test each RAR as
 * correct, and the `tnef` program must list and unpack each winmail.dat with its Chinese names.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeRar5 } from './support/rar5-writer.js';
import { tempDir } from './support/temp-dir.js';
import { writeTnef } from './support/tnef-writer.js';

describe('fixture writers, checked by real programs', () => {
  it('writes RAR 5 archives that 7-Zip tests as correct and lists as expected', async () => {
    const dir = await tempDir();
    const path = join(dir, '材料.rar');
    await writeFile(
      path,
      writeRar5([
        { name: '庞村镇/统计表.xlsx', content: Buffer.from('table') },
        { name: '报告.docx', content: Buffer.from('report') },
      ]),
    );
    expect(execFileSync('7z', ['t', '-p', path], { encoding: 'utf8' })).toContain('Everything is Ok');
    const listing = execFileSync('7z', ['l', '-slt', '-p', path], { encoding: 'utf8' });
    expect(listing).toContain('Path = 庞村镇/统计表.xlsx');
    expect(listing).toContain('Type = Rar5');
    const volume = join(dir, '分卷.part1.rar');
    await writeFile(volume, writeRar5([{ name: 'a.xlsx', content: Buffer.from('a') }], { firstVolumeOfMany: true }));
    // 7-Zip lists the first part, then fails for want of the next one.
    expect(spawnSync('7z', ['l', '-slt', '-p', volume], { encoding: 'utf8' }).stdout).toContain('Multivolume = +');
  });

  it('writes winmail.dat files that the tnef program lists and unpacks with their Chinese names', async () => {
    const dir = await tempDir();
    const path = join(dir, 'winmail.dat');
    await writeFile(
      path,
      writeTnef([
        { name: '庞村镇自查情况统计表.xlsx', content: Buffer.from('table') },
        { name: 'report.docx', content: Buffer.from('report') },
      ]),
    );
    expect(execFileSync('tnef', ['-t', '-f', path], { encoding: 'utf8' }).split('\n').filter(Boolean)).toEqual([
      '庞村镇自查情况统计表.xlsx\t|\t庞村镇自查情况统计表.xlsx',
      'report.docx\t|\treport.docx',
    ]);
    const out = join(dir, 'out');
    await mkdir(out);
    execFileSync('tnef', ['-C', out, '-f', path]);
    expect((await readdir(out)).sort()).toEqual(['report.docx', '庞村镇自查情况统计表.xlsx']);
    expect(await readFile(join(out, '庞村镇自查情况统计表.xlsx'), 'utf8')).toBe('table');
  });
});

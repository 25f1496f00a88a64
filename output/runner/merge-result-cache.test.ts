import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ListRowResult, MergeResult, UnitTableResult } from '../../pipeline/merge/merge-result.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { readLastMergeResult, readMergeResult, readMergeResultFile, writeMergeResult } from './merge-result-cache.js';

const row = (n: number): ListRowResult => ({
  location: `第${n}行`,
  values: { 地点: `第${n}处` },
  cells: { 地点: `B${n}` },
  hasErrors: false,
});
const list = (rows: ListRowResult[]): UnitTableResult => ({
  table: '台账',
  kind: 'list',
  file: 'a.xlsx',
  messageId: 'm',
  receivedAt: null,
  values: null,
  cells: {},
  rows,
  counted: true,
});

/** Only what the cache touches: units' tables and the messages' receive times. */
const result = {
  asOf: null,
  units: [
    { unit: '甲', status: 'onTime', tables: { 台账: list([row(4), row(5)]) } },
    { unit: '乙', status: 'missing', tables: { 台账: list([]) } },
    { unit: '丙', status: 'onTime', tables: { 台账: list([row(4)]) } },
  ],
  messages: [],
} as unknown as MergeResult;

async function written(): Promise<string> {
  const dir = await tempDir();
  await mkdir(join(dir, 'cache'));
  await writeMergeResult(dir, 'f1', result);
  return dir;
}

describe('merge result cache', () => {
  it('gives back every list row, in its unit and table', async () => {
    const dir = await written();
    expect(await readMergeResult(dir, 'f1')).toEqual(result);
  });

  it('reads the result without the rows when asked, and the file keeps them on a second line', async () => {
    const dir = await written();
    const lean = (await readMergeResult(dir, 'f1', 'skip'))!;
    expect(lean.units.map((unit) => unit.tables.台账!.rows.length)).toEqual([0, 0, 0]);
    expect(lean.units.map((unit) => unit.status)).toEqual(['onTime', 'missing', 'onTime']);
    const lines = (await readFile(join(dir, 'cache', 'merge-result.json'), 'utf8')).split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).not.toContain('第5处');
    expect(lines[1]).toContain('第5处');
  });

  it('is nothing for another fingerprint, another format, or a damaged file', async () => {
    const dir = await written();
    expect(await readMergeResult(dir, 'f2')).toBeNull();
    const path = join(dir, 'cache', 'merge-result.json');
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.slice(0, text.length - 10));
    expect(await readMergeResult(dir, 'f1')).toBeNull();
    await writeFile(path, JSON.stringify({ format: 1, fingerprint: 'f1', result }));
    expect(await readMergeResultFile(dir, 'read')).toBeNull();
    expect(await readLastMergeResult(dir, null)).toBeNull();
  });

  it('keeps the last merge for an archived campaign whatever its fingerprint', async () => {
    const dir = await written();
    const last = (await readLastMergeResult(dir, '2026-05-01T00:00:00.000Z'))!;
    expect(last.units[0]!.tables.台账!.rows).toHaveLength(2);
    expect(last.asOf).toBe('2026-05-01T00:00:00.000Z');
  });
});

describe('merge result cache written from bytes encoded elsewhere', () => {
  it('writes the bytes another thread encoded, read back as the result', async () => {
    const { encodeMergeResult } = await import('../merge-result-file.js');
    const dir = await tempDir();
    await mkdir(join(dir, 'cache'));
    await writeMergeResult(dir, 'f1', result, encodeMergeResult('f1', result));
    expect(await readMergeResult(dir, 'f1')).toEqual(result);
    expect(await readMergeResult(dir, 'f2')).toBeNull();
  });
});

import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Receipt } from '../../intake/store/raw-store.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { ANALYZER_VERSION, type MessageFacts } from './facts.js';
import { FactsIndex, factsIndexPath } from './facts-index.js';

const receipt = (id: string): Receipt => ({
  id,
  size: 10,
  source: 'folder',
  origin: `/mail/${id}.eml`,
  storedAt: '2026-01-01T00:00:00.000Z',
});
const facts = (id: string): MessageFacts => ({
  analyzerVersion: ANALYZER_VERSION,
  id,
  messageId: `<${id}@x>`,
  fromAddress: 'a@b.cn',
  fromName: null,
  subject: '自查材料',
  dateHeader: null,
  receivedHeader: null,
  forwardedFrom: [],
  attachments: [],
  problems: [],
});
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('the facts index', () => {
  it('keeps receipts and facts in one file, read back in one go', async () => {
    const dir = await tempDir();
    const index = await FactsIndex.open(dir, 'fp1');
    index.set(receipt(B), facts(B));
    index.set(receipt(A), facts(A));
    expect(index.unsavedChanges).toBe(2);
    await index.save();
    expect(index.unsavedChanges).toBe(0);
    const again = await FactsIndex.open(dir, 'fp1');
    expect(again.size).toBe(2);
    expect(again.get(A)).toEqual({ receipt: receipt(A), facts: facts(A) });
    // Ordered by id: the same facts always give the same file.
    expect(JSON.parse(await readFile(factsIndexPath(dir), 'utf8')).messages.map((entry: { receipt: Receipt }) => entry.receipt.id)).toEqual(
      [A, B],
    );
    expect((await readdir(dirname(factsIndexPath(dir)))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('counts as empty when missing, damaged or made for other extraction settings', async () => {
    const dir = await tempDir();
    expect((await FactsIndex.open(dir, 'fp1')).size).toBe(0);
    const index = await FactsIndex.open(dir, 'fp1');
    index.set(receipt(A), facts(A));
    await index.save();
    expect((await FactsIndex.open(dir, 'fp2')).size).toBe(0);
    const text = await readFile(factsIndexPath(dir), 'utf8');
    await writeFile(factsIndexPath(dir), text.slice(0, text.length / 2));
    expect((await FactsIndex.open(dir, 'fp1')).size).toBe(0);
    await writeFile(factsIndexPath(dir), text.replace(`"analyzerVersion":${ANALYZER_VERSION},`, '"analyzerVersion":0,'));
    expect((await FactsIndex.open(dir, 'fp1')).size).toBe(0);
  });

  it('drops messages no longer stored, and saves only when something changed', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'cache'), { recursive: true });
    const index = await FactsIndex.open(dir, 'fp1');
    index.set(receipt(A), facts(A));
    index.set(receipt(B), facts(B));
    await index.save();
    const again = await FactsIndex.open(dir, 'fp1');
    again.retain(new Set([A]));
    expect(again.get(B)).toBeUndefined();
    await again.save();
    expect((await FactsIndex.open(dir, 'fp1')).size).toBe(1);
    const idle = await FactsIndex.open(dir, 'fp1');
    const before = await readFile(factsIndexPath(dir), 'utf8');
    await idle.save();
    expect(await readFile(factsIndexPath(dir), 'utf8')).toBe(before);
    expect(existsSync(factsIndexPath(dir))).toBe(true);
  });
});

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
    const lines = (await readFile(factsIndexPath(dir), 'utf8')).trim().split('\n').slice(1);
    expect(lines.map((line) => (JSON.parse(line) as { receipt: Receipt }).receipt.id)).toEqual([A, B]);
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
    await writeFile(factsIndexPath(dir), text.slice(0, 10));
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

  it('appends what was analysed since the last save, and the later line of a message wins', async () => {
    const dir = await tempDir();
    const index = await FactsIndex.open(dir, 'fp1');
    index.set(receipt(A), facts(A));
    index.set(receipt(B), facts(B));
    await index.save();
    const before = await readFile(factsIndexPath(dir), 'utf8');
    const again = await FactsIndex.open(dir, 'fp1');
    again.set(receipt(B), { ...facts(B), subject: '更正' });
    await again.save();
    const after = await readFile(factsIndexPath(dir), 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.trim().split('\n')).toHaveLength(4);
    expect((await FactsIndex.open(dir, 'fp1')).get(B)?.facts.subject).toBe('更正');
    // More superseded lines than current ones: written anew, one line a message.
    const third = await FactsIndex.open(dir, 'fp1');
    third.set(receipt(B), { ...facts(B), subject: '再更正' });
    third.set(receipt(A), facts(A));
    await third.save();
    expect((await readFile(factsIndexPath(dir), 'utf8')).trim().split('\n')).toHaveLength(3);
    expect((await FactsIndex.open(dir, 'fp1')).get(B)?.facts.subject).toBe('再更正');
  });

  it('loses only the line a crash cut short, and writes the file anew rather than append after it', async () => {
    const dir = await tempDir();
    const index = await FactsIndex.open(dir, 'fp1');
    index.set(receipt(A), facts(A));
    await index.save();
    const whole = await readFile(factsIndexPath(dir), 'utf8');
    await writeFile(factsIndexPath(dir), `${whole}${JSON.stringify({ receipt: receipt(B), facts: facts(B) }).slice(0, 40)}`);
    const cut = await FactsIndex.open(dir, 'fp1');
    expect(cut.size).toBe(1);
    cut.set(receipt(B), facts(B));
    await cut.save();
    const reopened = await FactsIndex.open(dir, 'fp1');
    expect([reopened.get(A)?.facts.id, reopened.get(B)?.facts.id]).toEqual([A, B]);
  });

  it('takes over the index earlier versions wrote (it remembers the messages read for their headers only)', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'cache'), { recursive: true });
    const former = join(dir, 'cache', 'facts-index.json');
    await writeFile(
      former,
      JSON.stringify({
        format: 1,
        analyzerVersion: ANALYZER_VERSION,
        extraction: 'fp1',
        messages: [{ receipt: receipt(A), facts: facts(A) }],
      }),
    );
    const index = await FactsIndex.open(dir, 'fp1');
    expect(index.get(A)?.facts.id).toBe(A);
    await index.save();
    expect(existsSync(former)).toBe(false);
    expect((await FactsIndex.open(dir, 'fp1')).get(A)?.facts.id).toBe(A);
  });
});

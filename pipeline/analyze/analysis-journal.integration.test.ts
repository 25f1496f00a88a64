import { spawn } from 'node:child_process';
import { appendFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir.js';
import { AnalysisJournal, analysisJournalDir, readInterrupted } from './analysis-journal.js';

/** The pid of a process that has ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('the analysis journal', () => {
  it('records what starts before it starts, and what finished as it finishes; a finished process leaves nothing', async () => {
    const data = await tempDir();
    const journal = AnalysisJournal.of(data);
    await journal.start(['a', 'b', 'c']);
    const file = join(analysisJournalDir(data), `${process.pid}.jsonl`);
    expect((await readFile(file, 'utf8')).trim()).toBe('{"started":["a","b","c"]}');
    journal.done('b');
    await journal.start(['c', 'd']);
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines.flatMap((line) => (JSON.parse(line) as { done?: string[] }).done ?? [])).toEqual(['b']);
    expect((JSON.parse(lines.at(-1)!) as { started?: string[] }).started).toEqual(['d']);
    await journal.close();
    expect(await readdir(analysisJournalDir(data))).toEqual([]);
  });

  it('tells what a dead process had started and not finished, ignoring a line cut short, and forgets it when asked', async () => {
    const data = await tempDir();
    const dir = analysisJournalDir(data);
    await mkdir(dir, { recursive: true });
    const pid = await deadPid();
    await writeFile(join(dir, `${pid}.jsonl`), '{"started":["a","b"]}\n{"done":["a"]}\n{"started":["c"]}\n');
    await appendFile(join(dir, `${pid}.jsonl`), '{"done":["b","c"');
    const interrupted = await readInterrupted(data);
    expect([...interrupted.ids].sort()).toEqual(['b', 'c']);
    await interrupted.forget();
    expect(await readdir(dir)).toEqual([]);
  });

  it('leaves alone the journal of a process still running (a run beside a status)', async () => {
    const data = await tempDir();
    const dir = analysisJournalDir(data);
    await mkdir(dir, { recursive: true });
    // This test's own parent is running for sure.
    await writeFile(join(dir, `${process.ppid}.jsonl`), '{"started":["a"]}\n');
    const interrupted = await readInterrupted(data);
    expect(interrupted.ids.size).toBe(0);
    await interrupted.forget();
    expect(await readdir(dir)).toEqual([`${process.ppid}.jsonl`]);
  });
});

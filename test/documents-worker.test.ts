/**
 * The documents of a run are written in a worker thread beside the workbooks
 * (output/documents/write-documents-aside.ts). Through the real CLI: they are the same bytes as
 * writeDocuments gives in the caller's own thread for the same merge, and the run says the same.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDecisions } from '../intake/kernel/campaign/decisions.js';
import { packageRoot } from '../intake/kernel/package-root.js';
import { writeDocuments } from '../output/documents/write-documents.js';
import { readMergeResultFile } from '../output/runner/merge-result-cache.js';
import { runCli } from './support/cli.js';
import { demoCampaign } from './support/demo-campaign.js';
import { tempDir } from './support/temp-dir.js';

const DEMO = join(packageRoot(), 'examples', 'mailbox');
const WRAPPER = join(packageRoot(), 'dist', 'test', 'support', 'crash-wrapper.js');

/** The CLI under the crash wrapper (test/support/crash-wrapper.ts), with its faults as `env` says. */
async function runWrapped(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  const stepsDir = await tempDir('huizong-steps-');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [WRAPPER, ...args],
      { env: { ...process.env, ...env, HUIZONG_TEST_STEPS_DIR: stepsDir }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

describe('documents written in their own thread', () => {
  it('are the bytes the caller’s thread writes for the same merge', async () => {
    // The CLI runs the compiled code, where the worker exists (the sources write in-thread).
    expect(existsSync(join(packageRoot(), 'dist', 'output', 'documents', 'documents-worker.js'))).toBe(true);
    const work = await tempDir('huizong-documents-worker-');
    const [data, out, here] = [join(work, 'data'), join(work, 'out'), join(work, 'here')];
    const run = await runCli(['run', '--mailbox-dir', DEMO, '--data', data, '--out', out]);
    expect(run.code, run.stderr).toBe(0);

    const campaign = await demoCampaign();
    const merged = await readMergeResultFile(data, 'read');
    expect(merged).not.toBeNull();
    const decisions = await loadDecisions(
      campaign.dir,
      campaign.roster.map((unit) => unit.name),
    );
    const report = await writeDocuments(here, campaign, merged!.result, decisions);
    // The demo has units to criticise: the summary and the draft circular.
    expect(report.files.map((file) => basename(file)).sort()).toEqual((await readdir(out)).filter((name) => name.endsWith('.docx')).sort());
    expect(report.files.length).toBe(2);
    for (const file of report.files) expect(await readFile(join(out, basename(file)))).toEqual(await readFile(file));
    for (const note of report.notes) expect(run.stdout + run.stderr).toContain(note.trim());
  });

  it('say in Chinese what went wrong when one cannot be written (a full disk), and the next run writes them', async () => {
    const work = await tempDir('huizong-documents-worker-');
    const args = ['run', '--mailbox-dir', DEMO, '--data', join(work, 'data'), '--out', join(work, 'out')];
    const failed = await runWrapped(args, { HUIZONG_TEST_FAIL_ENDING: '.docx' });
    expect(failed.stderr).toMatch(/HUIZONG_FAILED_PATH=.*汇总报告\.docx/);
    expect(failed.code, failed.stderr).toBe(1);
    expect(failed.stderr).toContain('磁盘空间不足');
    // The workbooks were written; no document, and no half-written one.
    const left = await readdir(join(work, 'out'));
    expect(left.filter((name) => name.endsWith('.xlsx'))).toHaveLength(2);
    expect(left.filter((name) => name.endsWith('.docx'))).toEqual([]);
    const again = await runCli(args);
    expect(again.code, again.stderr).toBe(0);
    expect((await readdir(join(work, 'out'))).filter((name) => name.endsWith('.docx'))).toHaveLength(2);
  });
});

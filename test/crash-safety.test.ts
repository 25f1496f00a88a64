/**
 * Crash safety, mbsync style: a run over real messages is killed (SIGKILL) at every durable
 * step — before each rename that puts a file in place, and after the last — or has a write fail
 * as a full disk would; then it is run again. After the second run the stored mail, the statuses
 * and the outputs must equal those of an undisturbed run: nothing lost, nothing doubled, no half
 * file, no temporary file left. For the folder source and the IMAP source. And two processes at
 * once (a cycle and a manual merge) must not corrupt anything.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCampaign } from '../intake/kernel/campaign/load-campaign.js';
import { packageRoot } from '../intake/kernel/package-root.js';
import { beijing, submission } from './imap/mail-factory.js';
import { runCli } from './support/cli.js';
import { paragraphTexts, readDocx } from './support/docx.js';
import { type DovecotServer, startDovecot } from './support/dovecot.js';
import { tempDir } from './support/temp-dir.js';
import { cellValues, readWorkbook } from './support/workbook.js';

const WRAPPER = join(packageRoot(), 'dist', 'test', 'support', 'crash-wrapper.js');
const DEMO = join(packageRoot(), 'examples', 'mailbox');
/** A duplicate file, a correction, a late unit: the interesting cases in few messages. */
const FOLDER_MESSAGES = [
  '01-pangcun.eml',
  '01-pangcun-saved-again.eml',
  '02-licun-first.eml',
  '03-licun-correction.eml',
  '04-koudian-late.eml',
];

interface Attempt {
  code: number | null;
  signal: NodeJS.Signals | null;
  steps: number;
  stderr: string;
}

async function runWrapped(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Attempt> {
  // Where the wrapper numbers the run's steps across its threads (crash-hooks.ts).
  const stepsDir = await tempDir('huizong-steps-');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [WRAPPER, ...args],
      { env: { ...process.env, ...env, HUIZONG_TEST_STEPS_DIR: stepsDir }, maxBuffer: 32 * 1024 * 1024, timeout: 120_000 },
      (error, _stdout, stderr) => {
        const steps = Number(/HUIZONG_STEPS=(\d+)/.exec(stderr)?.[1] ?? -1);
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : null) : 0,
          signal: (error?.signal as NodeJS.Signals | undefined) ?? null,
          steps,
          stderr,
        });
      },
    );
  });
}

/** Runs tasks two at a time (the machine has two cores). */
async function pool<T>(tasks: (() => Promise<T>)[], width = 2): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]!();
      }
    }),
  );
  return results;
}

/** Everything a run leaves that must not depend on whether it crashed on the way. */
async function snapshot(campaignDir: string, dataDir: string, outDir: string) {
  const mailDir = join(dataDir, 'mail');
  const stored: Record<string, string> = {};
  for (const shard of await readdir(mailDir)) {
    for (const name of await readdir(join(mailDir, shard))) {
      if (name.endsWith('.eml')) stored[name] = (await readFile(join(mailDir, shard, name))).toString('base64').length.toString();
    }
  }
  const status = await runCli(['status', '--campaign', campaignDir, '--data', dataDir, '--json']);
  expect(status.code, status.stderr).toBe(0);
  const json = JSON.parse(status.stdout) as Record<string, unknown>;
  delete json.asOf;
  const outputs = (await readdir(outDir)).sort();
  // 数据截至 is the wall clock of the intake; 来源 names the file a message was first stored
  // from, which is the other of two identical copies when the first one's write was cut off.
  const workbook = JSON.stringify(cellValues(await readWorkbook(join(outDir, outputs.find((name) => name.endsWith('.xlsx'))!))))
    .replace(/数据截至：[^（"]*/g, '数据截至：…')
    .replace(/-saved-again\.eml/g, '.eml');
  const documents: string[][] = [];
  for (const name of outputs.filter((file) => file.endsWith('.docx'))) {
    documents.push(
      paragraphTexts((await readDocx(join(outDir, name))).document).map((text) => text.replace(/\d{4}年\d{1,2}月\d{1,2}日/g, '…日')),
    );
  }
  const leftovers = [...(await readdir(dataDir, { recursive: true })), ...(await readdir(outDir, { recursive: true }))].filter((name) =>
    name.endsWith('.tmp'),
  );
  return { stored, status: json, outputs, workbook, documents, leftovers };
}

describe('crash safety, folder source', () => {
  let campaignDir: string;
  let mailDir: string;
  let reference: Awaited<ReturnType<typeof snapshot>>;
  let steps: number;

  beforeAll(async () => {
    const root = await tempDir('huizong-crash-');
    campaignDir = join(root, 'campaign');
    mailDir = join(root, 'mail');
    expect((await runCli(['init', campaignDir])).code).toBe(0);
    await mkdir(mailDir);
    for (const name of FOLDER_MESSAGES) await copyFile(join(DEMO, name), join(mailDir, name));
    const undisturbed = await runWrapped([
      'run',
      '--campaign',
      campaignDir,
      '--mailbox-dir',
      mailDir,
      '--data',
      join(root, 'ref-data'),
      '--out',
      join(root, 'ref-out'),
    ]);
    expect(undisturbed.code, undisturbed.stderr).toBe(0);
    steps = undisturbed.steps;
    reference = await snapshot(campaignDir, join(root, 'ref-data'), join(root, 'ref-out'));
  }, 120_000);

  it('has a run of many durable steps to interrupt', () => {
    expect(steps).toBeGreaterThanOrEqual(15);
    expect(Object.keys(reference.stored)).toHaveLength(4);
  });

  it('recovers from SIGKILL at every step: same mail, statuses and outputs, nothing doubled', async () => {
    const crashPoints = [...Array.from({ length: steps }, (_, i) => ({ at: i + 1, mode: 'before' })), { at: steps, mode: 'after' }];
    const outcomes = await pool(
      crashPoints.map((point) => async () => {
        const dir = await tempDir('huizong-crash-point-');
        const args = ['run', '--campaign', campaignDir, '--mailbox-dir', mailDir, '--data', join(dir, 'data'), '--out', join(dir, 'out')];
        const crashed = await runWrapped(args, { HUIZONG_TEST_CRASH_AT: String(point.at), HUIZONG_TEST_CRASH_MODE: point.mode });
        const again = await runWrapped(args);
        return { point, crashed, again, after: again.code === 0 ? await snapshot(campaignDir, join(dir, 'data'), join(dir, 'out')) : null };
      }),
    );
    for (const { point, crashed, again, after } of outcomes) {
      expect(crashed.signal, `step ${point.at} ${point.mode}`).toBe('SIGKILL');
      expect(again.code, `${point.at} ${point.mode}: ${again.stderr}`).toBe(0);
      expect(after, `after a crash at step ${point.at} (${point.mode})`).toEqual(reference);
    }
  }, 600_000);

  it('reports a failing write (disk full) in Chinese, exit 1, and recovers on the next run', async () => {
    const points = Array.from({ length: steps }, (_, i) => i + 1).filter((at) => at % 4 === 1);
    const outcomes = await pool(
      points.map((at) => async () => {
        const dir = await tempDir('huizong-fail-point-');
        const args = ['run', '--campaign', campaignDir, '--mailbox-dir', mailDir, '--data', join(dir, 'data'), '--out', join(dir, 'out')];
        const failed = await runWrapped(args, { HUIZONG_TEST_CRASH_AT: String(at), HUIZONG_TEST_CRASH_MODE: 'fail' });
        const again = await runWrapped(args);
        return { at, failed, again, after: again.code === 0 ? await snapshot(campaignDir, join(dir, 'data'), join(dir, 'out')) : null };
      }),
    );
    let failedRuns = 0;
    for (const { at, failed, again, after } of outcomes) {
      const path = /HUIZONG_FAILED_PATH=(.*)/.exec(failed.stderr)?.[1] ?? '';
      if (path.includes(`${join('data', 'cache')}`)) {
        // The facts cache is derived data: a write that fails there costs a recomputation, not the run.
        expect(failed.code, `step ${at} (${path})`).toBe(0);
      } else {
        expect(failed.code, `step ${at} (${path})`).toBe(1);
        expect(failed.stderr).toContain('磁盘空间不足');
        failedRuns++;
      }
      expect(again.code).toBe(0);
      expect(after, `after a failed write at step ${at} (${path})`).toEqual(reference);
    }
    expect(failedRuns).toBeGreaterThan(0);
  }, 600_000);

  it('lets a cycle and a manual merge run at once without corrupting anything', async () => {
    const dir = await tempDir('huizong-two-');
    const data = join(dir, 'data');
    const out = join(dir, 'out');
    const [run, merge] = await Promise.all([
      runCli(['run', '--campaign', campaignDir, '--mailbox-dir', mailDir, '--data', data, '--out', out]),
      (async () => {
        await new Promise((resolve) => setTimeout(resolve, 150));
        return runCli(['merge', '--campaign', campaignDir, '--data', data, '--out', out]);
      })(),
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(merge.code, merge.stderr).toBe(0);
    expect(await snapshot(campaignDir, data, out)).toEqual(reference);
  }, 120_000);
});

describe('crash safety, IMAP source', () => {
  let server: DovecotServer;
  let campaignDir: string;
  let reference: Awaited<ReturnType<typeof snapshot>>;
  let steps: number;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    server = await startDovecot();
    const root = await tempDir('huizong-crash-imap-');
    campaignDir = join(root, 'campaign');
    expect((await runCli(['init', campaignDir])).code).toBe(0);
    const campaign = await loadCampaign(campaignDir);
    const { appendFile } = await import('node:fs/promises');
    await appendFile(
      join(campaignDir, 'campaign.yaml'),
      `\nmailbox:\n  host: ${server.host}\n  port: ${server.port}\n  tls: false\n  user: ${server.user}\n`,
    );
    env = { HUIZONG_IMAP_PASSWORD: server.password };
    const units = ['庞村镇', '李村镇', '寇店镇'];
    await server.append('INBOX', [
      ...(await Promise.all(
        units.map(async (unit, index) => ({
          raw: await submission(campaign, { unit, sent: beijing(`2013-08-1${5 + index}T10:00:00`) }),
          internalDate: beijing(`2013-08-1${5 + index}T10:00:05`),
        })),
      )),
      {
        raw: await submission(campaign, {
          unit: '李村镇',
          sent: beijing('2013-08-18T17:00:00'),
          numbers: [9, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
        }),
        internalDate: beijing('2013-08-19T09:00:00'),
      },
    ]);
    const undisturbed = await runWrapped(
      ['run', '--campaign', campaignDir, '--data', join(root, 'ref-data'), '--out', join(root, 'ref-out')],
      env,
    );
    expect(undisturbed.code, undisturbed.stderr).toBe(0);
    steps = undisturbed.steps;
    reference = await snapshot(campaignDir, join(root, 'ref-data'), join(root, 'ref-out'));
  }, 120_000);

  afterAll(async () => {
    await server?.dispose();
  });

  it('recovers from SIGKILL at every step of a poll and merge', async () => {
    expect(Object.keys(reference.stored)).toHaveLength(4);
    const crashPoints = [...Array.from({ length: steps }, (_, i) => ({ at: i + 1, mode: 'before' })), { at: steps, mode: 'after' }];
    const outcomes = await pool(
      crashPoints.map((point) => async () => {
        const dir = await tempDir('huizong-crash-imap-point-');
        const args = ['run', '--campaign', campaignDir, '--data', join(dir, 'data'), '--out', join(dir, 'out')];
        const crashed = await runWrapped(args, { ...env, HUIZONG_TEST_CRASH_AT: String(point.at), HUIZONG_TEST_CRASH_MODE: point.mode });
        const again = await runWrapped(args, env);
        return { point, crashed, again, after: again.code === 0 ? await snapshot(campaignDir, join(dir, 'data'), join(dir, 'out')) : null };
      }),
    );
    for (const { point, crashed, again, after } of outcomes) {
      expect(crashed.signal, `step ${point.at} ${point.mode}`).toBe('SIGKILL');
      expect(again.code, again.stderr).toBe(0);
      expect(after, `after a crash at step ${point.at} (${point.mode})`).toEqual(reference);
    }
  }, 600_000);
});

/**
 * A workspace poll killed (SIGKILL) while it reads one mailbox for several campaigns: at every
 * durable step of the intake (each stored message, the cursor), in the middle of the campaigns'
 * rebuilds and just after the last step. Run again, the workspace must hold exactly what an
 * undisturbed run leaves: every message stored once, each campaign's statuses, workbook and
 * documents the same, the mail no campaign took the same, no temporary file left.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCampaign } from '../../intake/kernel/campaign/load-campaign.js';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { runCli } from '../support/cli.js';
import { type DovecotServer, startDovecot } from '../support/dovecot.js';
import { tempDir } from '../support/temp-dir.js';
import { campaignOutputs } from './campaign-outputs.js';
import { GONGKAI_FILES, GONGKAI_ROSTER, officeMailbox } from './office-mail.js';

const WRAPPER = join(packageRoot(), 'dist', 'test', 'support', 'crash-wrapper.js');
const CAMPAIGNS = ['保密审查', '政务公开'] as const;

interface Attempt {
  code: number | null;
  signal: NodeJS.Signals | null;
  steps: number;
  stderr: string;
}

async function runWrapped(args: readonly string[], env: NodeJS.ProcessEnv): Promise<Attempt> {
  // Where the wrapper numbers the run's steps across its threads (crash-hooks.ts).
  const stepsDir = await tempDir('huizong-steps-');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [WRAPPER, ...args],
      { env: { ...process.env, ...env, HUIZONG_TEST_STEPS_DIR: stepsDir }, maxBuffer: 32 * 1024 * 1024, timeout: 300_000 },
      (error, _stdout, stderr) =>
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : null) : 0,
          signal: (error?.signal as NodeJS.Signals | undefined) ?? null,
          steps: Number(/HUIZONG_STEPS=(\d+)/.exec(stderr)?.[1] ?? -1),
          stderr,
        }),
    );
  });
}

/** Everything a workspace run leaves that must not depend on whether it was killed on the way. */
async function snapshot(workspace: string, env: NodeJS.ProcessEnv) {
  const stored = (await readdir(join(workspace, 'data', 'mail'), { recursive: true })).filter((name) => name.endsWith('.eml')).sort();
  const campaigns: Record<string, unknown> = {};
  for (const name of CAMPAIGNS)
    campaigns[name] = await campaignOutputs(['--workspace', workspace, '--campaign', name], join(workspace, name, 'out'), env);
  const overview = await runCli(['status', '--workspace', workspace, '--json'], { env });
  expect(overview.code, overview.stderr).toBe(0);
  const leftovers = (await readdir(workspace, { recursive: true })).filter((name) => name.endsWith('.tmp'));
  // 数据截至 is the clock of the poll; the folder is each attempt's own copy.
  const { campaigns: lines, ...rest } = JSON.parse(overview.stdout) as { campaigns: Record<string, unknown>[] };
  const summaries = lines.map(({ asOf: _asOf, dir: _dir, ...line }) => line);
  return { stored, campaigns, overview: { ...rest, campaigns: summaries }, leftovers };
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

describe('a workspace poll killed with SIGKILL', () => {
  let server: DovecotServer;
  let pristine: string;
  let env: NodeJS.ProcessEnv;
  let reference: Awaited<ReturnType<typeof snapshot>>;
  let steps: number;
  const copy = async () => {
    const workspace = join(await tempDir('huizong-workspace-crash-point-'), '秘书科');
    await cp(pristine, workspace, { recursive: true });
    return workspace;
  };

  beforeAll(async () => {
    server = await startDovecot();
    env = { HUIZONG_IMAP_PASSWORD: server.password };
    pristine = join(await tempDir('huizong-workspace-crash-'), '秘书科');
    await mkdir(pristine, { recursive: true });
    await writeFile(
      join(pristine, 'office.yaml'),
      `mailbox:\n  host: ${server.host}\n  port: ${server.port}\n  tls: false\n  user: ${server.user}\n  folders: [INBOX]\n`,
    );
    expect((await runCli(['init', join(pristine, '保密审查')])).code).toBe(0);
    // Made in the workspace, after office.yaml: the campaign reads the office's mailbox.
    const init = await runCli(['init', join(pristine, '政务公开'), '--from', ...GONGKAI_FILES, '--roster', GONGKAI_ROSTER]);
    expect(init.code, init.stderr).toBe(0);
    await server.append('INBOX', (await officeMailbox(await loadCampaign(join(pristine, '保密审查')))).all);
    const workspace = await copy();
    const undisturbed = await runWrapped(['run', '--workspace', workspace], env);
    expect(undisturbed.code, undisturbed.stderr).toBe(0);
    steps = undisturbed.steps;
    reference = await snapshot(workspace, env);
  }, 300_000);

  afterAll(async () => {
    await server?.dispose();
  });

  it('loses nothing and doubles nothing, wherever the poll of several campaigns is cut off', async () => {
    expect(reference.stored).toHaveLength(7);
    // Every step of the intake (seven messages, their cursor and state), a few of the rebuilds, after the last.
    const intake = Array.from({ length: Math.min(steps, 10) }, (_, i) => ({ at: i + 1, mode: 'before' }));
    const rebuild = [Math.floor(steps / 2), steps - 1, steps].filter((at) => at > 10).map((at) => ({ at, mode: 'before' }));
    const crashPoints = [...intake, ...rebuild, { at: steps, mode: 'after' }];
    const outcomes = await pool(
      crashPoints.map((point) => async () => {
        const workspace = await copy();
        const args = ['run', '--workspace', workspace];
        const crashed = await runWrapped(args, { ...env, HUIZONG_TEST_CRASH_AT: String(point.at), HUIZONG_TEST_CRASH_MODE: point.mode });
        const again = await runWrapped(args, env);
        return { point, crashed, again, after: again.code === 0 ? await snapshot(workspace, env) : null };
      }),
    );
    for (const { point, crashed, again, after } of outcomes) {
      expect(crashed.signal, `step ${point.at} ${point.mode}: ${crashed.stderr}`).toBe('SIGKILL');
      expect(again.code, again.stderr).toBe(0);
      expect(after, `after a kill at step ${point.at} (${point.mode})`).toEqual(reference);
    }
  }, 900_000);
});

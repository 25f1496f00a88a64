import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCampaign } from '../../intake/kernel/campaign/load-campaign.js';
import { campaignPlace, mailFolder } from '../../test/support/runner-place.js';
import { tempDir } from '../../test/support/temp-dir.js';
import type { CampaignPlace } from './context.js';
import { type RunRequest, runCampaignOf, runPipeline } from './runner.js';
import type { RunnerEvents, StageEvent } from './stage-events.js';

/** Every stage event as "stage:phase" (with the skip reason), in the order heard. */
function recorder(): { events: RunnerEvents; heard: string[]; raw: StageEvent[] } {
  const heard: string[] = [];
  const raw: StageEvent[] = [];
  return {
    heard,
    raw,
    events: {
      onStage: (event) => {
        raw.push(event);
        heard.push(`${event.stage}:${event.phase}${event.phase === 'skipped' ? `(${event.reason})` : ''}`);
      },
    },
  };
}

describe('the runner', () => {
  it('runs intake, inputs, analyse, route, merge, write and notify in order, each started and done', async () => {
    const context = await campaignPlace();
    const { events, heard, raw } = recorder();
    const analysed: number[] = [];
    const outcome = await runCampaignOf(
      context,
      { source: { kind: 'folder', dir: await mailFolder() }, outputs: 'write' },
      { ...events, onAnalysed: (done) => analysed.push(done) },
    );
    expect(heard).toEqual([
      'intake:start',
      'intake:done',
      'inputs:start',
      'inputs:done',
      'analyse:start',
      'analyse:done',
      'route:start',
      'route:done',
      'merge:start',
      'merge:done',
      'write:start',
      'write:done',
      'notify:skipped(not-asked)',
    ]);
    expect(analysed).toEqual([1, 2, 3]);
    // Intake and route serve the store; the other stages name their campaign.
    expect(raw.filter((event) => event.place === undefined).map((event) => event.stage)).toEqual(['intake', 'intake', 'route', 'route']);
    expect(raw.filter((event) => event.place).every((event) => event.place?.campaign === context.campaign)).toBe(true);
    expect(outcome.intake?.report).toMatchObject({ stored: 3 });
    expect(outcome.run).toMatchObject({ analysed: 3, complete: true, unchanged: null, exitCode: 0 });
    expect(outcome.run!.messages).toHaveLength(3);
    expect(outcome.run!.written!.files.every((file) => existsSync(file))).toBe(true);
  });

  it('skips analyse, merge and write when nothing changed, and says why', async () => {
    const context = await campaignPlace();
    const dir = await mailFolder();
    const first = await runCampaignOf(context, { source: { kind: 'folder', dir }, outputs: 'write' });
    const { events, heard } = recorder();
    const again = await runCampaignOf(context, { source: { kind: 'folder', dir }, outputs: 'write' }, events);
    expect(heard).toEqual([
      'intake:start',
      'intake:done',
      'inputs:start',
      'inputs:done',
      'analyse:skipped(up-to-date)',
      'route:skipped(up-to-date)',
      'merge:skipped(up-to-date)',
      'write:skipped(up-to-date)',
      'notify:skipped(not-asked)',
    ]);
    expect(again.run!.unchanged).toEqual({ asOf: first.run!.result.asOf });
    expect(again.run!.written).toEqual(first.run!.written);
    expect(again.run!.messages).toBeUndefined();
    expect(again.run!.result.units).toEqual(JSON.parse(JSON.stringify(first.run!.result.units)));
  });

  it('answers status from the last merge without writing, and forces a rebuild when asked', async () => {
    const context = await campaignPlace();
    await runCampaignOf(context, { source: { kind: 'folder', dir: await mailFolder() }, outputs: 'write' });
    const status = recorder();
    const answered = await runCampaignOf(context, { outputs: 'none', reuseMerge: true }, status.events);
    expect(status.heard).toEqual([
      'intake:skipped(no-source)',
      'inputs:start',
      'inputs:done',
      'analyse:skipped(up-to-date)',
      'route:skipped(up-to-date)',
      'merge:skipped(up-to-date)',
      'write:skipped(not-asked)',
      'notify:skipped(not-asked)',
    ]);
    expect(answered.run!.written).toBeNull();
    const forced = recorder();
    await runCampaignOf(context, { outputs: 'force' }, forced.events);
    expect(forced.heard.filter((line) => line.endsWith(':done'))).toEqual([
      'inputs:done',
      'analyse:done',
      'route:done',
      'merge:done',
      'write:done',
    ]);
  });

  it('stops after intake when told to: what was taken in stays, nothing else is done', async () => {
    const context = await campaignPlace();
    const stop = new AbortController();
    const { events, heard } = recorder();
    const outcome = await runPipeline(
      { store: context, campaigns: [context], source: { kind: 'folder', dir: await mailFolder() }, outputs: 'write', signal: stop.signal },
      {
        onStage: (event) => {
          events.onStage!(event);
          if (event.stage === 'intake' && event.phase === 'done') stop.abort();
        },
      },
    );
    expect(heard).toEqual([
      'intake:start',
      'intake:done',
      'inputs:skipped(stopped)',
      'analyse:skipped(stopped)',
      'route:skipped(stopped)',
      'merge:skipped(stopped)',
      'write:skipped(stopped)',
      'notify:skipped(stopped)',
    ]);
    expect(outcome).toMatchObject({ stopped: true, campaigns: [], routing: null });
    expect(outcome.intake?.report).toMatchObject({ stored: 3 });
    expect(existsSync(context.outDir)).toBe(false);
  });

  it('notifies when asked, after the outputs, with the lines it said', async () => {
    const context = await campaignPlace();
    const campaign = {
      ...context.campaign,
      file: { ...context.campaign.file, notify: { ...context.campaign.file.notify, receipts: 'preview' as const } },
    };
    const notices: string[] = [];
    const { events, heard } = recorder();
    const request: Omit<RunRequest, 'store' | 'campaigns'> = {
      source: { kind: 'folder', dir: await mailFolder() },
      outputs: 'write',
      notify: true,
    };
    await runCampaignOf({ ...context, campaign }, request, { ...events, onNotice: (line) => notices.push(line) });
    expect(heard.slice(-3)).toEqual(['write:done', 'notify:start', 'notify:done']);
    expect(notices).toEqual(['有 3 封回执待发送（预览：huizong receipts，发送：加 --send）']);
  });

  it('serves several campaigns from one store: one intake, then each campaign its own stages and outputs', async () => {
    const first = await campaignPlace();
    const secondDir = join(await tempDir('huizong-runner-second-'), '另一活动');
    await cp(first.campaign.dir, secondDir, { recursive: true });
    const second: CampaignPlace = {
      campaign: await loadCampaign(secondDir),
      dataDir: join(secondDir, 'data'),
      outDir: join(secondDir, 'out'),
    };
    const { events, heard, raw } = recorder();
    const outcome = await runPipeline(
      { store: first, campaigns: [first, second], source: { kind: 'folder', dir: await mailFolder() }, outputs: 'write' },
      events,
    );
    expect(heard.filter((line) => line.startsWith('intake:'))).toEqual(['intake:start', 'intake:done']);
    expect(raw.filter((event) => event.stage === 'write' && event.phase === 'done').map((event) => event.place?.outDir)).toEqual([
      first.outDir,
      second.outDir,
    ]);
    expect(outcome.campaigns.map((run) => run.analysed)).toEqual([3, 3]);
    // Raw mail lives in the store only; each campaign keeps its own facts beside its other caches.
    expect(existsSync(join(second.dataDir, 'mail'))).toBe(false);
    expect(existsSync(join(second.dataDir, 'cache', 'facts-index.jsonl'))).toBe(true);
    // Two copies of one campaign: every message fits both equally, and is 待核实 in each.
    expect(outcome.campaigns[1]!.result.units).toEqual(outcome.campaigns[0]!.result.units);
    expect(outcome.campaigns.map((run) => run.result.unidentified.length)).toEqual([3, 3]);
    expect(outcome.routing?.messages.every((route) => route.way === 'tie')).toBe(true);
  });
});

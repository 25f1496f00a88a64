import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledCampaignDir, packageRoot } from '../../intake/kernel/package-root.js';
import { mailFolder, THREE_MESSAGES } from '../../test/support/runner-place.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { type RunOutcome, runPipeline } from './runner.js';
import type { RunnerEvents } from './stage-events.js';
import { resolveWorkspace } from './workspace-context.js';

const HUAMINGCE = join(packageRoot(), 'test', 'fixtures', 'campaigns', 'huamingce-2026');
const withoutOutputs = (source: string) => !/[/\\](data|out)$/.test(source);

async function workspaceOf(campaigns: Record<string, string>): Promise<string> {
  const dir = await tempDir('huizong-workspace-run-');
  for (const [name, from] of Object.entries(campaigns)) await cp(from, join(dir, name), { recursive: true, filter: withoutOutputs });
  return dir;
}

function heard(): { events: RunnerEvents; lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    events: {
      onStage: (event) =>
        lines.push(
          `${event.place?.workspace?.name ?? ''}${event.place ? ' ' : ''}${event.stage}:${event.phase}${event.phase === 'skipped' ? `(${event.reason})` : ''}`,
        ),
    },
  };
}

async function run(dir: string, request: { mail?: string; outputs?: 'write' | 'none'; only?: string[] } = {}, events: RunnerEvents = {}) {
  const workspace = await resolveWorkspace(dir);
  return runPipeline(
    {
      store: workspace,
      campaigns: workspace.campaigns,
      outputs: request.outputs ?? 'write',
      ...(request.mail ? { source: { kind: 'folder' as const, dir: request.mail } } : {}),
      ...(request.only ? { only: request.only } : {}),
    },
    events,
  );
}

const byName = (outcome: RunOutcome, name: string) => outcome.campaigns.find((item) => item.place.workspace?.name === name)!;
const statuses = (outcome: RunOutcome, name: string) =>
  Object.fromEntries(byName(outcome, name).result.units.map((unit) => [unit.unit, unit.status]));

describe('a workspace run', () => {
  it('takes mail in once into one store, routes each message to its campaign and ordinary mail to none, then writes nothing while nothing changes', async () => {
    const dir = await workspaceOf({ 保密审查: bundledCampaignDir(), 保密培训: HUAMINGCE });
    const mail = await mailFolder([...THREE_MESSAGES, '21-meeting-notice.eml']);
    const first = await run(dir, { mail });
    expect(first.intake?.report).toMatchObject({ stored: 4 });
    expect(byName(first, '保密审查').result.messages.map((message) => message.outcome)).toEqual(['adopted', 'adopted', 'adopted']);
    expect(statuses(first, '保密审查')).toMatchObject({ 庞村镇: 'onTime', 李村镇: 'invalid', 寇店镇: 'late' });
    // The 花名册 campaign sees none of it: every unit 未报送, no message listed.
    expect(byName(first, '保密培训').result.messages).toEqual([]);
    expect(new Set(Object.values(statuses(first, '保密培训')))).toEqual(new Set(['missing']));
    expect(first.routing?.unrouted.map((route) => route.way)).toEqual(['none']);

    const again = heard();
    const second = await run(dir, { mail }, again.events);
    expect(second.campaigns.map((item) => item.unchanged !== null)).toEqual([true, true]);
    expect(again.lines.filter((line) => /:(start|done)$/.test(line))).toEqual([
      'intake:start',
      'intake:done',
      '保密培训 inputs:start',
      '保密培训 inputs:done',
      '保密审查 inputs:start',
      '保密审查 inputs:done',
    ]);
    expect(again.lines).toContain('route:skipped(up-to-date)');
  });

  it('lets a campaign created after its first mail arrived find it, and takes it from the campaign that held it', async () => {
    const dir = await workspaceOf({ 保密培训: HUAMINGCE });
    const alone = await run(dir, { mail: await mailFolder() });
    // Alone, a campaign takes every message; these units' reports show nothing of it (保密审查, not
    // 保密培训): they are 无关邮件 there and say why, and the units stay 未报送.
    expect(byName(alone, '保密培训').result.messages.map((message) => message.outcome)).toEqual(['unrelated', 'unrelated', 'unrelated']);
    expect(byName(alone, '保密培训').result.messages[0]!.basis).toContain('看来与本活动无关');
    expect(statuses(alone, '保密培训').庞村镇).toBe('missing');

    await cp(bundledCampaignDir(), join(dir, '保密审查'), { recursive: true, filter: withoutOutputs });
    const later = await run(dir);
    expect(statuses(later, '保密审查')).toMatchObject({ 庞村镇: 'onTime', 李村镇: 'invalid', 寇店镇: 'late' });
    expect(byName(later, '保密培训').result.messages).toEqual([]);
    expect(statuses(later, '保密培训').庞村镇).toBe('missing');
    expect(byName(later, '保密培训').unchanged).toBeNull();
  });

  it('puts mail fitting two campaigns equally in both, 待核实, and re-merges the other once the clerk settles it in one', async () => {
    const dir = await workspaceOf({ 甲: bundledCampaignDir(), 乙: bundledCampaignDir() });
    const yaml = join(dir, '乙', 'campaign.yaml');
    await writeFile(
      yaml,
      (await readFile(yaml, 'utf8'))
        .replace(/^title: .*$/m, 'title: 政府信息公开保密审查专项复查')
        .replace(/^documentNumber: .*$/m, 'documentNumber: 伊滨办〔2013〕70号'),
    );
    // No title or 文号 in it: the same table, the same words.
    const first = await run(dir, { mail: await mailFolder(['12-sheshi-table.eml']) });
    for (const name of ['甲', '乙']) {
      expect(statuses(first, name).区社会事业局, name).toBe('pending');
      expect(byName(first, name).result.unidentified[0]?.reason).toBe(
        '同时符合「政府信息公开保密审查专项复查」和「政府信息公开保密审查专项检查」两个活动，不能确定属于哪一个',
      );
    }
    const id = byName(first, '甲').result.messages[0]!.shortId;
    await writeFile(join(dir, '甲', 'decisions.yaml'), `assign:\n  - message: "${id}"\n    unit: 区社会事业局\n    reason: 电话核实\n`);
    const settled = await run(dir);
    expect(statuses(settled, '甲').区社会事业局).toBe('incomplete');
    // Nothing changed in 乙's own folder, but what routing reads did: 乙 is merged again without it.
    expect(byName(settled, '乙').unchanged).toBeNull();
    expect(statuses(settled, '乙').区社会事业局).toBe('missing');
    expect(byName(settled, '乙').result.messages).toEqual([]);
  });

  it('never merges or writes an archived campaign again, while its late mail stays its own', async () => {
    const dir = await workspaceOf({ 保密审查: bundledCampaignDir(), 保密培训: HUAMINGCE });
    const first = await run(dir, { mail: await mailFolder(['01-pangcun.eml']) });
    const before = await readFile(join(dir, '保密审查', 'out', '.huizong-outputs.json'), 'utf8');
    await writeFile(join(dir, '保密审查', 'archived.yaml'), 'archivedAt: "2013-09-01T00:00:00Z"\n');
    const late = await run(dir, { mail: await mailFolder(['02-licun-first.eml']) });
    expect(late.campaigns.map((item) => item.place.workspace?.name)).toEqual(['保密培训']);
    // The late table is the archived campaign's: not in the 花名册 campaign.
    expect(byName(late, '保密培训').result.messages).toEqual([]);
    expect(await readFile(join(dir, '保密审查', 'out', '.huizong-outputs.json'), 'utf8')).toBe(before);
    // Asked for by name, it answers from its last merge, unchanged.
    const archived = await run(dir, { outputs: 'none', only: ['保密审查'] });
    expect(byName(archived, '保密审查').result.units).toEqual(JSON.parse(JSON.stringify(byName(first, '保密审查').result.units)));
  });
});

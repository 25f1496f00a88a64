/**
 * The first pages of a workspace's console: the campaign list (each campaign's line from its own
 * state), 立即收信 for every active campaign at once (one poll of the office's mailbox), 归档 and
 * 恢复 (archived.yaml written or removed under the workspace's data lock, journalled; the
 * campaign's pages then show it read-only, or editable again).
 */
import { join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { archiveCampaign, unarchiveCampaign } from '../../../../intake/kernel/workspace/archive-mark.js';
import type { IntakeSchedule } from '../../schedule/intake-schedule.js';
import { LOCK_WAIT_MS, withStoreLock } from '../../store-lock.js';
import type { DoorsRouteOptions } from '../console-context.js';
import { type CampaignLine, campaignLine, campaignsBody } from '../pages/campaigns-page.js';
import { html } from '../pages/html.js';
import { csrfField, page } from '../pages/layout.js';
import type { WorkspaceStates } from '../state/workspace-states.js';
import { back, journal, refuse } from './answers.js';
import { parseBody, text } from './body.js';

export interface CampaignListOptions extends DoorsRouteOptions {
  states: WorkspaceStates;
  schedule: IntakeSchedule;
  /** Where a campaign's pages are. */
  campaignHref: (name: string) => string;
}

const campaignForm = z.object({ campaign: text() });

/** A campaign that cannot be read at all: its line says why. */
function brokenLine(name: string, href: string, problem: string): CampaignLine {
  const counts = { onTime: 0, late: 0, incomplete: 0, invalid: 0, pending: 0, missing: 0 };
  return {
    name,
    href,
    title: name,
    documentNumber: '',
    deadline: '',
    archived: false,
    asOf: null,
    units: 0,
    counts,
    unidentified: 0,
    problem,
  };
}

function intakeBox(schedule: IntakeSchedule, csrf: string) {
  const status = schedule.status;
  const source = status.source ?? '没有配置收信邮箱（在工作区的 office.yaml 中配置）';
  return html`<div class="panel" id="intake"><p>收信邮箱：${source}</p>
<p>上次收信：${status.lastLine ?? '—'}${status.running ? '（正在收信……）' : ''}</p>
${status.scheduleNote ? html`<p>${status.scheduleNote}</p>` : ''}
<form method="post" action="/campaigns/poll">${csrfField(csrf)}<button type="submit"${status.source === null ? ' disabled' : ''}>立即收信</button></form></div>`;
}

export const campaignListRoutes: FastifyPluginAsync<CampaignListOptions> = async (app, options) => {
  const { context, states, schedule, campaignHref } = options;

  app.get('/', async (request, reply) => {
    const lines: CampaignLine[] = [];
    for (const { name, state, problem } of await states.all()) {
      const href = campaignHref(name);
      if (!state) lines.push(brokenLine(name, href, problem ?? '无法读取'));
      else lines.push(campaignLine(name, href, await state.current()));
    }
    const session = request.session;
    const flash = session.flash;
    session.flash = null;
    const body = html`${intakeBox(schedule, session.csrf)}${campaignsBody({
      campaigns: lines,
      csrf: session.csrf,
      now: new Date(),
      newCampaignHref: context.newCampaignParent ? '/new' : null,
      workspaceDir: states.dir,
    })}`;
    const chrome = {
      campaignTitle: context.title(),
      links: null,
      readOnly: false as const,
      csrf: session.csrf,
      generation: 0,
      flash,
      loggedIn: context.passwordHash !== null && session.authenticated,
      problem: null,
    };
    return reply
      .type('text/html; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .send(page(chrome, { title: '活动列表', nav: null, live: 'note', body }).text);
  });

  app.post('/campaigns/poll', async (request, reply) => {
    const outcome = schedule.pollNow();
    await journal(context, request, 'poll', { outcome });
    const text = {
      started: '已开始收信，完成后各活动自动更新',
      running: '正在收信，请稍候',
      'no-source': '没有配置收信邮箱，无法收信',
      blocked: schedule.status.blocked ?? '',
    }[outcome];
    const failed = outcome === 'no-source' || outcome === 'blocked';
    return back(request, reply, '/', { kind: failed ? 'error' : 'info', text });
  });

  for (const [path, archive] of [
    ['/campaigns/archive', true],
    ['/campaigns/unarchive', false],
  ] as const) {
    app.post(path, async (request, reply) => {
      const body = parseBody(campaignForm, request.body);
      const names = await states.names();
      if (!body.ok || !names.includes(body.value.campaign)) return refuse(request, reply, '/', '工作区中没有这个活动');
      const name = body.value.campaign;
      const dir = join(states.dir, name);
      await withStoreLock(join(states.dir, 'data'), { command: 'serve', waitMs: LOCK_WAIT_MS }, () =>
        archive ? archiveCampaign(dir, { at: new Date(), note: '在控制台中归档' }) : unarchiveCampaign(dir),
      );
      await journal(context, request, archive ? 'archive' : 'unarchive', { campaign: name });
      // The campaign's pages read archived.yaml again (it is among their inputs).
      await (await states.get(name))?.current();
      const done = archive ? `已归档「${name}」：只能查看和下载，不再收信、汇总或发信` : `已恢复「${name}」：重新参加收信和汇总`;
      return back(request, reply, '/', { kind: 'ok', text: done });
    });
  }
};

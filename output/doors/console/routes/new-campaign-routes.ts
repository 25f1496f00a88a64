/**
 * 新建活动 (issue 21), its own plugin under one base path ("/new"): upload the notice and the
 * templates → 核对 (the draft corrected, the rules checked live through a small JSON answer) →
 * 单位名单 → 创建, which writes the campaign folder through `init --from`'s writeCampaignFolder
 * into the console's `newCampaignParent`. The draft lives in a folder under the data folder
 * (actions/new-campaign-draft.ts). Mounted by the one-campaign console (server.ts) and, with its
 * own options, by the workspace console.
 */
import { join } from 'node:path';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { isHuizongError } from '../../../../intake/kernel/errors.js';
import { draftMistakes } from '../../../../pipeline/setup/draft-checks.js';
import { rosterFromFile } from '../../../../pipeline/setup/roster-source.js';
import { acceptMultipart, MAX_UPLOAD_BYTES, uploadedFiles } from '../actions/multipart-form.js';
import { NewCampaignDraft } from '../actions/new-campaign-draft.js';
import { applyReview } from '../actions/new-campaign-review.js';
import { earlierCampaigns, type RosterOutcome, rosterOfEarlier, rosterOfTyped } from '../actions/new-campaign-roster.js';
import { ruleMessage } from '../actions/rule-messages.js';
import type { DoorsContext } from '../console-context.js';
import { html, type SafeHtml } from '../pages/html.js';
import { page } from '../pages/layout.js';
import { NEW_CAMPAIGN_CSS, NEW_CAMPAIGN_JS } from '../pages/new-campaign-assets.js';
import { createdBody, reviewBody, rosterBody, uploadBody } from '../pages/new-campaign-pages.js';
import { appendJournal } from '../state/journal.js';
import { back, refuse } from './answers.js';

export interface NewCampaignOptions {
  context: DoorsContext;
  /** The path every page of 新建活动 is under: "/new". */
  base: string;
  /** Where the draft between steps is kept (a folder under the data folder). */
  draftDir: () => string;
  /** Where the journal line of 创建 goes (a data folder). */
  journalDir: () => string;
  /** The page of the campaign just made, or null: this console cannot show it (it then says how to open it). */
  landing: (campaignDir: string) => string | null;
}

/** A folder name from the title: no path separators or characters Windows refuses. */
export function folderNameOf(title: string): string {
  const name = title
    .replace(/[\\/:*?"<>|\u0000-\u001f]/gu, '')
    .trim()
    .slice(0, 60);
  return name === '' || name === '.' || name === '..' ? '新活动' : name;
}

function sendSetupPage(context: DoorsContext, request: FastifyRequest, reply: FastifyReply, title: string, body: SafeHtml) {
  const session = request.session;
  const flash = session.flash;
  session.flash = null;
  const chrome = {
    campaignTitle: '新建活动',
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
    .send(page(chrome, { title, nav: null, live: 'note', body }).text);
}

const backLink = (context: DoorsContext) =>
  context.newCampaignParent === null ? html`` : html`<p class="small"><a href="/">返回控制台</a></p>`;

const store = (options: NewCampaignOptions) => new NewCampaignDraft(options.draftDir());

function journalOf(options: NewCampaignOptions) {
  return (request: FastifyRequest, action: string, details: Record<string, unknown>) =>
    appendJournal(options.journalDir(), { at: new Date().toISOString(), address: request.ip, action, details });
}

/** Step 1: the upload page, the upload, starting over; the pages' style and script. */
const uploadRoutes: FastifyPluginAsync<NewCampaignOptions> = async (app, options) => {
  const { context, base } = options;
  const journal = journalOf(options);
  app.get(`${base}/static/setup.css`, async (_request, reply) => reply.type('text/css; charset=utf-8').send(NEW_CAMPAIGN_CSS));
  app.get(`${base}/static/setup.js`, async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(NEW_CAMPAIGN_JS));

  app.get(base, async (request, reply) => {
    if (await store(options).load()) return reply.redirect(`${base}/review`, 303);
    const body = html`${uploadBody(base, request.session.csrf, context.newCampaignParent)}${backLink(context)}`;
    return sendSetupPage(context, request, reply, '新建活动', body);
  });

  app.post(`${base}/upload`, { bodyLimit: MAX_UPLOAD_BYTES }, async (request, reply) => {
    if (context.newCampaignParent === null) return refuse(request, reply, base, '新建活动需要一个工作区');
    const notice = uploadedFiles(request.body, 'notice')[0] ?? null;
    const tables = uploadedFiles(request.body, 'tables');
    if (notice === null && tables.length === 0) return refuse(request, reply, base, '请选择通知和附件表格文件');
    const draft = await store(options).start(notice, tables);
    await journal(request, 'new-campaign-upload', { files: [notice, ...tables].filter(Boolean).map((file) => file!.name) });
    if (draft.tables.length === 0) {
      await store(options).discard();
      return refuse(request, reply, base, '没有读出任何表格，请上传通知所附的空白表格文件', draft.doubts);
    }
    return back(request, reply, `${base}/review`, { kind: 'ok', text: `已读取 ${draft.tables.length} 张表格，请核对下面的内容` });
  });

  app.post(`${base}/discard`, async (request, reply) => {
    await store(options).discard();
    return back(request, reply, base, { kind: 'info', text: '已放弃，可重新上传' });
  });
};

/** Step 2: 核对, and the rules checked as typed. */
const reviewRoutes: FastifyPluginAsync<NewCampaignOptions> = async (app, options) => {
  const { context, base } = options;
  app.get(`${base}/review`, async (request, reply) => {
    const stored = await store(options).load();
    if (!stored) return reply.redirect(base, 303);
    const body = reviewBody(base, request.session.csrf, stored.draft, draftMistakes(stored.draft));
    return sendSetupPage(context, request, reply, '新建活动：核对', body);
  });

  app.post(`${base}/review`, async (request, reply) => {
    const stored = await store(options).load();
    if (!stored) return reply.redirect(base, 303);
    const form = (request.body ?? {}) as Record<string, unknown>;
    const reviewed = applyReview(stored.draft, form);
    await store(options).save(reviewed.draft);
    if (reviewed.mistakes.length > 0) return refuse(request, reply, `${base}/review`, '有几处填写有误，其余已保存', reviewed.mistakes);
    const mistakes = draftMistakes(reviewed.draft);
    if (form.next === 'roster' && mistakes.length === 0)
      return back(request, reply, `${base}/roster`, { kind: 'ok', text: '已保存核对的内容' });
    const flash = mistakes.length > 0 ? { kind: 'error' as const, text: '已保存，但还有错误' } : { kind: 'ok' as const, text: '已保存' };
    return back(request, reply, `${base}/review`, flash);
  });

  // The rules as typed, checked against the draft's tables: the messages `huizong check` would give.
  app.post(`${base}/check`, async (request, reply) => {
    const stored = await store(options).load();
    if (!stored) return reply.code(404).send({ mistakes: ['没有正在新建的活动'] });
    const { draft } = applyReview(stored.draft, { rules: (request.body as { rules?: unknown })?.rules ?? '' });
    return reply.header('Cache-Control', 'no-store').send({ mistakes: draftMistakes(draft).map(ruleMessage) });
  });
};

/** Step 3: the roster, from an earlier campaign, a file or typed. */
const rosterRoutes: FastifyPluginAsync<NewCampaignOptions> = async (app, options) => {
  const { context, base } = options;
  app.get(`${base}/roster`, async (request, reply) => {
    const stored = await store(options).load();
    if (!stored) return reply.redirect(base, 303);
    const { draft } = stored;
    const earlier = await earlierCampaigns(context.newCampaignParent);
    const body = rosterBody(base, request.session.csrf, draft, earlier, folderNameOf(draft.title.value), draftMistakes(draft));
    return sendSetupPage(context, request, reply, '新建活动：单位名单', body);
  });

  const take = async (request: FastifyRequest, reply: FastifyReply, outcome: RosterOutcome) => {
    const stored = await store(options).load();
    if (!stored) return reply.redirect(base, 303);
    if (!outcome.ok) return refuse(request, reply, `${base}/roster`, '名单未采用', outcome.mistakes);
    await store(options).save({ ...stored.draft, roster: { units: outcome.units, from: outcome.from } });
    return back(request, reply, `${base}/roster`, { kind: 'ok', text: `已采用${outcome.from}（${outcome.units.length} 个单位）` });
  };

  app.post(`${base}/roster`, async (request, reply) => {
    const form = (request.body ?? {}) as Record<string, unknown>;
    const parent = context.newCampaignParent;
    if (form.source === 'earlier' && parent !== null)
      return take(request, reply, await rosterOfEarlier(parent, String(form.campaign ?? '')));
    return take(request, reply, rosterOfTyped(String(form.units ?? '')));
  });

  app.post(`${base}/roster-file`, { bodyLimit: MAX_UPLOAD_BYTES }, async (request, reply) => {
    const file = uploadedFiles(request.body, 'roster')[0];
    if (!file) return refuse(request, reply, `${base}/roster`, '请选择名单文件');
    const read = await rosterFromFile(file.name, file.content);
    if (read.issues.length > 0)
      return take(request, reply, { ok: false, mistakes: read.issues.map((issue) => `第 ${issue.row} 行：${issue.message}`) });
    if (read.units.length === 0) return take(request, reply, { ok: false, mistakes: [`${file.name} 中没有单位`] });
    return take(request, reply, { ok: true, units: read.units, from: read.from });
  });
};

/** Step 4: 创建. */
const createRoutes: FastifyPluginAsync<NewCampaignOptions> = async (app, options) => {
  const { context, base } = options;
  const journal = journalOf(options);
  app.post(`${base}/create`, async (request, reply) => {
    const parent = context.newCampaignParent;
    if (parent === null) return refuse(request, reply, base, '新建活动需要一个工作区');
    const stored = await store(options).load();
    if (!stored) return reply.redirect(base, 303);
    const mistakes = draftMistakes(stored.draft);
    if (mistakes.length > 0) return refuse(request, reply, `${base}/review`, '还有错误，未创建', mistakes);
    const target = join(parent, folderNameOf(String((request.body as { folder?: unknown })?.folder ?? stored.draft.title.value)));
    try {
      await store(options).create(target);
    } catch (error) {
      if (isHuizongError(error) && error.code === 'CONFIG') return refuse(request, reply, `${base}/roster`, error.message, error.details);
      throw error;
    }
    const title = stored.draft.title.value;
    await journal(request, 'new-campaign', { folder: target, title, units: stored.draft.roster?.units.length ?? 0 });
    const landing = options.landing(target);
    if (landing !== null) return back(request, reply, landing, { kind: 'ok', text: `已新建活动「${title}」` });
    return sendSetupPage(context, request, reply, '新建活动：已创建', createdBody(target, parent));
  });
};

export const newCampaignRoutes: FastifyPluginAsync<NewCampaignOptions> = async (app, options) => {
  acceptMultipart(app);
  await app.register(uploadRoutes, options);
  await app.register(reviewRoutes, options);
  await app.register(rosterRoutes, options);
  await app.register(createRoutes, options);
};

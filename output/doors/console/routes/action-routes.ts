/**
 * The POST routes: every button of the console. Each checks its fields, does its one thing
 * through console-actions.ts (data lock, atomic write, merge again), records it in the journal,
 * and answers with a redirect to the page it came from carrying a flash message — or, for a
 * template with mistakes, the page itself with the clerk's text kept.
 */

import { readFile } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isHuizongError } from '../../../../intake/kernel/errors.js';
import { DOCUMENT_KINDS } from '../../../documents/documents.js';
import type { OutputReport } from '../../../write-outputs.js';
import { applyDecision, remerge } from '../console-actions.js';
import type { ConsoleContext } from '../console-context.js';
import type { CircularList, DecisionEdit } from '../decisions-edit.js';
import { previewDocx } from '../document-preview.js';
import { appendJournal } from '../journal.js';
import { outputFiles } from '../output-files.js';
import { type TemplateView, templatesBody } from '../pages/templates-page.js';
import type { Flash } from '../sessions.js';
import { previewTemplate, readTemplate, saveTemplate } from '../template-actions.js';
import { pageData, sendPage } from './page-routes.js';

type Body = Record<string, unknown>;

const field = (body: Body, name: string, max = 200): string => {
  const value = body[name];
  // Control characters never belong in a reason; a long text is cut, not refused.
  return typeof value === 'string'
    ? value
        .replace(/[\u0000-\u001f\u007f]/g, ' ')
        .trim()
        .slice(0, max)
    : '';
};

const MESSAGE_ID = /^[0-9a-f]{8,64}$/;

/** What the merge said, for the flash (its notes, documents that could not be made). */
function mergeFlash(done: string, written: OutputReport): Flash {
  if (written.failedDocuments > 0)
    return {
      kind: 'error',
      text: `${done}；但有 ${written.failedDocuments} 份公文因模板有误未生成（汇总表已生成）`,
      details: written.notes,
    };
  return { kind: 'ok', text: done, details: written.notes };
}

function back(request: FastifyRequest, reply: FastifyReply, to: string, flash: Flash) {
  request.session.flash = flash;
  return reply.redirect(to, 303);
}

function refuse(request: FastifyRequest, reply: FastifyReply, to: string, text: string, details: readonly string[] = []) {
  return back(request, reply, to, { kind: 'error', text, details });
}

async function journal(context: ConsoleContext, request: FastifyRequest, action: string, details: Record<string, unknown>): Promise<void> {
  await appendJournal(context.state.currentContext.dataDir, { at: new Date().toISOString(), address: request.ip, action, details });
}

/** Runs a decision; an edit the schema refuses (a unit not on the roster …) comes back as the flash. */
async function decide(context: ConsoleContext, request: FastifyRequest, reply: FastifyReply, to: string, edit: DecisionEdit, done: string) {
  let written: OutputReport;
  try {
    written = await applyDecision(context.state, edit);
  } catch (error) {
    if (isHuizongError(error) && (error.code === 'CONFIG' || error.code === 'LOCKED')) {
      await journal(context, request, edit.kind, { ...edit, refused: error.message });
      return refuse(request, reply, to, `未保存：${error.message}`, error.details);
    }
    throw error;
  }
  await journal(context, request, edit.kind, { ...edit, kind: undefined });
  return back(request, reply, to, mergeFlash(done, written));
}

export function registerActionRoutes(app: FastifyInstance, context: ConsoleContext): void {
  const roster = () => new Set(context.state.currentContext.campaign.roster.map((unit) => unit.name));

  app.post<{ Body: Body }>('/actions/poll', async (request, reply) => {
    const outcome = context.intake.pollNow();
    await journal(context, request, 'poll', { outcome });
    const text =
      outcome === 'started' ? '已开始收信，完成后本页自动更新' : outcome === 'running' ? '正在收信，请稍候' : '没有配置收信邮箱，无法收信';
    return back(request, reply, '/', { kind: outcome === 'no-source' ? 'error' : 'info', text });
  });

  app.post<{ Body: Body }>('/actions/assign', async (request, reply) => {
    const message = field(request.body, 'message').toLowerCase();
    const unit = field(request.body, 'unit');
    const reason = field(request.body, 'reason');
    if (!MESSAGE_ID.test(message)) return refuse(request, reply, '/pending', '来信编号有误');
    if (!roster().has(unit)) return refuse(request, reply, '/pending', '请选择名单中的一个单位');
    return decide(
      context,
      request,
      reply,
      '/pending',
      { kind: 'assign', message, unit, reason },
      `已把来信 ${message} 认定给${unit}，并重新汇总`,
    );
  });

  app.post<{ Body: Body }>('/actions/ignore', async (request, reply) => {
    const message = field(request.body, 'message').toLowerCase();
    if (!MESSAGE_ID.test(message)) return refuse(request, reply, '/pending', '来信编号有误');
    return decide(
      context,
      request,
      reply,
      '/pending',
      { kind: 'ignore', message, reason: field(request.body, 'reason') },
      `已把来信 ${message} 认定为无关邮件，并重新汇总`,
    );
  });

  app.post<{ Body: Body }>('/actions/forget-message', async (request, reply) => {
    const message = field(request.body, 'message').toLowerCase();
    if (!MESSAGE_ID.test(message)) return refuse(request, reply, '/pending', '来信编号有误');
    return decide(context, request, reply, '/pending', { kind: 'forget-message', message }, `已撤销对来信 ${message} 的认定，并重新汇总`);
  });

  app.post<{ Body: Body }>('/actions/circular', async (request, reply) => {
    const unit = field(request.body, 'unit');
    const list = field(request.body, 'list') as CircularList;
    const reason = field(request.body, 'reason');
    if (!['add', 'remove', 'exempt'].includes(list)) return refuse(request, reply, '/circular', '操作有误');
    if (!roster().has(unit)) return refuse(request, reply, '/circular', '请选择名单中的一个单位');
    if (reason === '') return refuse(request, reply, '/circular', '请写明理由');
    const done = { add: `已增加通报${unit}`, remove: `已从通报名单中去掉${unit}`, exempt: `已对${unit}免予通报` }[list];
    return decide(context, request, reply, '/circular', { kind: 'circular-list', list, unit, reason }, `${done}，并重新汇总`);
  });

  app.post<{ Body: Body }>('/actions/circular-unlist', async (request, reply) => {
    const unit = field(request.body, 'unit');
    if (!roster().has(unit)) return refuse(request, reply, '/circular', '请选择名单中的一个单位');
    return decide(context, request, reply, '/circular', { kind: 'circular-unlist', unit }, `已撤回对${unit}的决定，按规则处理，并重新汇总`);
  });

  app.post<{ Body: Body }>('/actions/circular-final', async (request, reply) => {
    const final = field(request.body, 'final') === 'true';
    return decide(
      context,
      request,
      reply,
      '/circular',
      { kind: 'circular-final', final },
      final ? '通报已定稿，并重新生成' : '通报已改回草稿，并重新生成',
    );
  });

  app.post<{ Body: Body }>('/actions/circular-meta', async (request, reply) => {
    const numberText = field(request.body, 'number');
    const date = field(request.body, 'date');
    const number = numberText === '' ? null : Number(numberText);
    if (number !== null && (!Number.isInteger(number) || number < 1 || number > 9999))
      return refuse(request, reply, '/circular', '发文字号的序号应为正整数，例如 12');
    if (date !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(date)) return refuse(request, reply, '/circular', '成文日期应为日期，例如 2013-08-21');
    return decide(
      context,
      request,
      reply,
      '/circular',
      { kind: 'circular-meta', number, date: date === '' ? null : date },
      '已保存发文字号和成文日期，并重新生成',
    );
  });

  app.post<{ Body: Body }>('/actions/preview-circular', async (request, reply) => {
    const snapshot = await context.state.current();
    const file = outputFiles(snapshot.context.campaign, snapshot.context.outDir).find(
      (item) => (item.key === 'circular-final' || item.key === 'circular-draft') && item.size !== null,
    );
    if (!file) return refuse(request, reply, '/circular', '还没有生成通报，无法预览');
    const preview = await previewDocx(await readFile(file.path), snapshot.context.dataDir);
    if ('error' in preview) return refuse(request, reply, '/circular', preview.error);
    return back(request, reply, `/circular?preview=${preview.token}#preview`, {
      kind: 'ok',
      text: `《${file.name}》共 ${preview.pages} 页`,
    });
  });

  app.post<{ Body: Body }>('/actions/merge', async (request, reply) => {
    const written = await remerge(context.state);
    await journal(context, request, 'merge', { failedDocuments: written.failedDocuments });
    const files = written.files.map((path) => path.slice(path.lastIndexOf('/') + 1));
    const flash = mergeFlash('已重新汇总', written);
    return back(request, reply, '/outputs', { ...flash, details: [...(flash.details ?? []), ...files.map((name) => `已生成 ${name}`)] });
  });

  app.post<{ Body: Body }>('/actions/template', async (request, reply) => {
    const kind = DOCUMENT_KINDS.find((item) => item.key === field(request.body, 'kind'));
    const raw = request.body.source;
    if (!kind || typeof raw !== 'string') return refuse(request, reply, '/templates', '表单有误');
    const intent = field(request.body, 'intent') === 'preview' ? 'preview' : 'save';
    const data = await pageData(context, request);
    const { campaign } = data.snapshot.context;
    let view: TemplateView;
    if (intent === 'save') {
      let outcome: Awaited<ReturnType<typeof saveTemplate>>;
      try {
        outcome = await saveTemplate(context.state, kind, raw);
      } catch (error) {
        if (isHuizongError(error) && (error.code === 'CONFIG' || error.code === 'LOCKED'))
          return refuse(request, reply, '/templates', `未保存：${error.message}`, error.details);
        throw error;
      }
      await journal(context, request, 'template', { template: kind.template, saved: outcome.saved, issues: outcome.issues.length });
      if (outcome.saved)
        return back(request, reply, `/templates#template-${kind.key}`, {
          kind: 'ok',
          text: `已保存 ${kind.template}，检查无误，并重新生成公文`,
        });
      view = { kind, source: raw, issues: outcome.issues, preview: null };
    } else {
      const outcome = await previewTemplate(
        campaign,
        data.snapshot.result,
        data.snapshot.decisions,
        data.snapshot.context.dataDir,
        kind,
        raw,
      );
      view = { kind, source: raw, issues: outcome.issues, preview: outcome.preview };
    }
    const views: TemplateView[] = [];
    for (const other of DOCUMENT_KINDS)
      views.push(other === kind ? view : { kind: other, source: await readTemplate(campaign, other), issues: [], preview: null });
    return sendPage(context, request, reply, await pageData(context, request), {
      title: '模板',
      nav: 'templates',
      live: 'note',
      body: templatesBody(data, views),
    });
  });
}

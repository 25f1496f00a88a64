/** The GET routes of the console's pages: each renders from the current snapshot, nothing more. */
import type { FastifyPluginAsync } from 'fastify';
import { parseMail } from '../../../../intake/mail/parse-mail.js';
import { RawStore } from '../../../../intake/store/raw-store.js';
import { MESSAGE_OUTCOME_LABEL, type MessageOutcome } from '../../../../pipeline/merge/merge-result.js';
import { DOCUMENT_KINDS } from '../../../documents/documents.js';
import { PREVIEW_TOKEN, type PreviewView, previewPageCount } from '../actions/document-preview.js';
import { readTemplate } from '../actions/templates.js';
import type { ConsoleContext, RouteOptions } from '../console-context.js';
import { circularBody } from '../pages/circular-page.js';
import { type MessageFilter, messagesBody } from '../pages/messages-page.js';
import { outputsBody } from '../pages/outputs-page.js';
import { overviewBody } from '../pages/overview-page.js';
import { pageData, sendPage } from '../pages/page-reply.js';
import { pendingBody } from '../pages/pending-page.js';
import { type TemplateView, templatesBody } from '../pages/templates-page.js';
import { type AttachmentLink, unitBody } from '../pages/unit-page.js';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const dateText = (value: unknown): string => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : '');

/** A preview named in the query (?preview=<token>), if its images exist. */
async function previewFromQuery(context: ConsoleContext, token: unknown): Promise<PreviewView | null> {
  if (typeof token !== 'string' || !PREVIEW_TOKEN.test(token)) return null;
  const pages = await previewPageCount(context.state.currentContext.dataDir, token);
  return pages > 0 ? { token, pages } : null;
}

export const pageRoutes: FastifyPluginAsync<RouteOptions> = async (app, { context, links }) => {
  app.get('/', async (request, reply) => {
    const data = await pageData(context, request, links);
    return sendPage(context, request, reply, data, { title: '总览', nav: 'overview', live: 'reload', body: overviewBody(data) });
  });

  app.get<{ Params: { name: string } }>('/unit/:name', async (request, reply) => {
    const data = await pageData(context, request, links);
    const unit = data.snapshot.result.units.find((item) => item.unit === request.params.name);
    if (!unit) return reply.callNotFound();
    const store = new RawStore(data.snapshot.context.storeDir);
    const attachments = new Map<string, AttachmentLink[] | string>();
    for (const id of unit.messageIds) {
      try {
        const parsed = await parseMail(await store.read(id));
        attachments.set(
          id,
          parsed.attachments.map((item, index) => ({ index, name: item.name, size: item.content.length })),
        );
      } catch {
        attachments.set(id, '无法读取这封来信的附件');
      }
    }
    return sendPage(context, request, reply, data, { title: unit.unit, nav: null, live: 'note', body: unitBody(data, unit, attachments) });
  });

  app.get('/pending', async (request, reply) => {
    const data = await pageData(context, request, links);
    return sendPage(context, request, reply, data, { title: '待核实', nav: 'pending', live: 'note', body: pendingBody(data) });
  });

  app.get<{ Querystring: { preview?: string } }>('/circular', async (request, reply) => {
    const data = await pageData(context, request, links);
    const preview = await previewFromQuery(context, request.query.preview);
    return sendPage(context, request, reply, data, { title: '通报', nav: 'circular', live: 'note', body: circularBody(data, preview) });
  });

  app.get('/outputs', async (request, reply) => {
    const data = await pageData(context, request, links);
    return sendPage(context, request, reply, data, { title: '输出', nav: 'outputs', live: 'note', body: outputsBody(data) });
  });

  app.get('/templates', async (request, reply) => {
    const data = await pageData(context, request, links);
    const views: TemplateView[] = [];
    for (const kind of DOCUMENT_KINDS)
      views.push({ kind, source: await readTemplate(data.snapshot.context.campaign, kind), issues: [], preview: null });
    return sendPage(context, request, reply, data, { title: '模板', nav: 'templates', live: 'note', body: templatesBody(data, views) });
  });

  app.get<{ Querystring: Record<string, unknown> }>('/messages', async (request, reply) => {
    const data = await pageData(context, request, links);
    const outcome = text(request.query.outcome);
    const filter: MessageFilter = {
      unit: text(request.query.unit),
      outcome: outcome in MESSAGE_OUTCOME_LABEL ? (outcome as MessageOutcome) : '',
      from: dateText(request.query.from),
      to: dateText(request.query.to),
    };
    return sendPage(context, request, reply, data, {
      title: '来信记录',
      nav: 'messages',
      live: 'reload',
      body: messagesBody(data, filter),
    });
  });
};

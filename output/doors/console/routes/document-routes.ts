/**
 * The documents from the 模板 and 通报 pages: a template checked and saved (then everything is
 * rebuilt) or previewed as page images, and the circular as made drawn as page images.
 */
import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isHuizongError } from '../../../../intake/kernel/errors.js';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../documents/documents.js';
import { previewDocx } from '../actions/document-preview.js';
import { previewTemplate, readTemplate, saveTemplate } from '../actions/templates.js';
import type { ConsoleContext, RouteOptions } from '../console-context.js';
import type { Links } from '../pages/links.js';
import { pageData, sendPage } from '../pages/page-reply.js';
import { type TemplateView, templatesBody } from '../pages/templates-page.js';
import type { Snapshot } from '../state/console-state.js';
import { outputFiles } from '../state/output-files.js';
import { actionFlash, back, journal, refuse } from './answers.js';
import { parseBody, rawText, text } from './body.js';

const templateForm = z.object({
  kind: text().pipe(z.enum(DOCUMENT_KINDS.map((kind) => kind.key) as [string, ...string[]], { error: '表单有误' })),
  source: rawText('表单有误'),
  intent: text().transform((intent) => (intent === 'preview' ? 'preview' : 'save')),
});

/** The 模板 page again, the submitted template (with its mistakes or pages) among the others as saved. */
async function templatesAgain(context: ConsoleContext, links: Links, request: FastifyRequest, reply: FastifyReply, view: TemplateView) {
  const data = await pageData(context, request, links);
  const views: TemplateView[] = [];
  for (const other of DOCUMENT_KINDS)
    views.push(
      other === view.kind
        ? view
        : { kind: other, source: await readTemplate(data.snapshot.context.campaign, other), issues: [], preview: null },
    );
  return sendPage(context, request, reply, data, { title: '模板', nav: 'templates', live: 'note', body: templatesBody(data, views) });
}

async function save(
  context: ConsoleContext,
  links: Links,
  request: FastifyRequest,
  reply: FastifyReply,
  kind: DocumentKind,
  source: string,
) {
  let outcome: Awaited<ReturnType<typeof saveTemplate>>;
  try {
    outcome = await saveTemplate(context.state, kind, source);
  } catch (error) {
    if (isHuizongError(error) && (error.code === 'CONFIG' || error.code === 'LOCKED'))
      return refuse(request, reply, links.to('/templates'), `未保存：${error.message}`, error.details);
    throw error;
  }
  await journal(context, request, 'template', { template: kind.template, saved: outcome.saved, issues: outcome.issues.length });
  if (outcome.saved && outcome.result)
    return back(
      request,
      reply,
      links.to(`/templates#template-${kind.key}`),
      actionFlash(`已保存 ${kind.template}：检查无误，并重新生成公文`, outcome.result, context.state.currentContext),
    );
  return templatesAgain(context, links, request, reply, { kind, source, issues: outcome.issues, preview: null });
}

async function preview(
  context: ConsoleContext,
  links: Links,
  request: FastifyRequest,
  reply: FastifyReply,
  kind: DocumentKind,
  source: string,
) {
  const { context: place, result, decisions } = await context.state.current();
  const outcome = await previewTemplate(place.campaign, result, decisions, place.dataDir, kind, source);
  return templatesAgain(context, links, request, reply, { kind, source, issues: outcome.issues, preview: outcome.preview });
}

/** The circular as last written (final or draft). */
function writtenCircular(snapshot: Snapshot) {
  const final = snapshot.decisions.circular.final;
  const files = outputFiles(snapshot.context.campaign, snapshot.context.outDir).filter((item) => item.size !== null);
  return files.find((item) => item.key === (final ? 'circular-final' : 'circular-draft')) ?? null;
}

export const documentRoutes: FastifyPluginAsync<RouteOptions> = async (app, { context, links }) => {
  app.post('/actions/template', async (request, reply) => {
    const body = parseBody(templateForm, request.body);
    if (!body.ok) return refuse(request, reply, links.to('/templates'), body.mistake);
    const kind = DOCUMENT_KINDS.find((item) => item.key === body.value.kind)!;
    if (body.value.intent === 'save') return save(context, links, request, reply, kind, body.value.source);
    return preview(context, links, request, reply, kind, body.value.source);
  });

  app.post('/actions/preview-circular', async (request, reply) => {
    const page = links.to('/circular');
    const snapshot = await context.state.current();
    const file = writtenCircular(snapshot);
    if (!file) return refuse(request, reply, page, '现在没有通报文件，无法预览（没有需要通报的单位时不生成通报）');
    const made = await previewDocx(await readFile(file.path), snapshot.context.dataDir);
    if ('error' in made) return refuse(request, reply, page, made.error);
    return back(request, reply, `${page}?preview=${made.token}#preview`, {
      kind: 'ok',
      text: `《${file.name}》共 ${made.pages} 页，点一页可以放大`,
    });
  });
};

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
import { pageData, sendPage } from '../pages/page-reply.js';
import { type TemplateView, templatesBody } from '../pages/templates-page.js';
import { outputFiles } from '../state/output-files.js';
import { back, journal, refuse } from './answers.js';
import { parseBody, rawText, text } from './body.js';

const templateForm = z.object({
  kind: text().pipe(z.enum(DOCUMENT_KINDS.map((kind) => kind.key) as [string, ...string[]], { error: '表单有误' })),
  source: rawText('表单有误'),
  intent: text().transform((intent) => (intent === 'preview' ? 'preview' : 'save')),
});

/** The 模板 page again, the submitted template (with its mistakes or pages) among the others as saved. */
async function templatesAgain(context: ConsoleContext, request: FastifyRequest, reply: FastifyReply, view: TemplateView) {
  const data = await pageData(context, request);
  const views: TemplateView[] = [];
  for (const other of DOCUMENT_KINDS)
    views.push(
      other === view.kind
        ? view
        : { kind: other, source: await readTemplate(data.snapshot.context.campaign, other), issues: [], preview: null },
    );
  return sendPage(context, request, reply, data, { title: '模板', nav: 'templates', live: 'note', body: templatesBody(data, views) });
}

async function save(context: ConsoleContext, request: FastifyRequest, reply: FastifyReply, kind: DocumentKind, source: string) {
  let outcome: Awaited<ReturnType<typeof saveTemplate>>;
  try {
    outcome = await saveTemplate(context.state, kind, source);
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
  return templatesAgain(context, request, reply, { kind, source, issues: outcome.issues, preview: null });
}

async function preview(context: ConsoleContext, request: FastifyRequest, reply: FastifyReply, kind: DocumentKind, source: string) {
  const { context: place, result, decisions } = await context.state.current();
  const outcome = await previewTemplate(place.campaign, result, decisions, place.dataDir, kind, source);
  return templatesAgain(context, request, reply, { kind, source, issues: outcome.issues, preview: outcome.preview });
}

export const documentRoutes: FastifyPluginAsync<RouteOptions> = async (app, { context }) => {
  app.post('/actions/template', async (request, reply) => {
    const body = parseBody(templateForm, request.body);
    if (!body.ok) return refuse(request, reply, '/templates', body.mistake);
    const kind = DOCUMENT_KINDS.find((item) => item.key === body.value.kind)!;
    if (body.value.intent === 'save') return save(context, request, reply, kind, body.value.source);
    return preview(context, request, reply, kind, body.value.source);
  });

  app.post('/actions/preview-circular', async (request, reply) => {
    const snapshot = await context.state.current();
    const file = outputFiles(snapshot.context.campaign, snapshot.context.outDir).find(
      (item) => (item.key === 'circular-final' || item.key === 'circular-draft') && item.size !== null,
    );
    if (!file) return refuse(request, reply, '/circular', '还没有生成通报，无法预览');
    const made = await previewDocx(await readFile(file.path), snapshot.context.dataDir);
    if ('error' in made) return refuse(request, reply, '/circular', made.error);
    return back(request, reply, `/circular?preview=${made.token}#preview`, { kind: 'ok', text: `《${file.name}》共 ${made.pages} 页` });
  });
};

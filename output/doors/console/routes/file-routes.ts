/**
 * Downloads. Files are named only by what the console itself knows: a stored message's id and
 * an attachment's position in it, an output's fixed key, a preview's token and page number.
 * Nothing of the request becomes a path, so `../` and absolute paths have nowhere to go.
 * Everything is sent as an attachment with nosniff: mail content is never rendered as a page.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { parseMail } from '../../../../intake/mail/parse-mail.js';
import { RawStore } from '../../../../intake/store/raw-store.js';
import { PREVIEW_TOKEN, previewDir } from '../actions/document-preview.js';
import { outputsSettled, writerOf } from '../actions/guards.js';
import type { RouteOptions } from '../console-context.js';
import { DOCX_TYPE, outputFiles, XLSX_TYPE } from '../state/output-files.js';

/** RFC 6266/5987: an ASCII fallback and the real (Chinese) name. */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function notFound(reply: FastifyReply) {
  return reply.code(404).type('text/plain; charset=utf-8').send('没有这个文件');
}

/** The attachment a file of the facts is, or the one it sits in (an archive, a forwarded mail): the longest name that is it or its folder. */
export function attachmentFor<T extends { name: string }>(attachments: readonly T[], wanted: string): T | null {
  let best: T | null = null;
  for (const attachment of attachments) {
    const fits = attachment.name === wanted || wanted.startsWith(`${attachment.name}/`);
    if (fits && (!best || attachment.name.length > best.name.length)) best = attachment;
  }
  return best;
}

function sendAttachment(reply: FastifyReply, attachment: { name: string; content: Buffer }) {
  const name = attachment.name.slice(attachment.name.lastIndexOf('/') + 1);
  return reply
    .type('application/octet-stream')
    .header('Content-Disposition', contentDisposition(name))
    .header('Cache-Control', 'no-store')
    .send(attachment.content);
}

export const fileRoutes: FastifyPluginAsync<RouteOptions> = async (app, { context }) => {
  /** A stored message's attachments, by its short id; null when no message (or several) has it. */
  const attachmentsOf = async (message: string) => {
    if (!/^[0-9a-f]{12,64}$/.test(message)) return null;
    const snapshot = await context.state.current();
    const matches = [...snapshot.messages.keys()].filter((id) => id.startsWith(message));
    if (matches.length !== 1) return null;
    return (await parseMail(await new RawStore(snapshot.context.storeDir).read(matches[0]!))).attachments;
  };

  app.get<{ Params: { message: string; index: string } }>('/files/:message/:index', async (request, reply) => {
    const { message, index } = request.params;
    if (!/^\d{1,4}$/.test(index)) return notFound(reply);
    const attachment = (await attachmentsOf(message))?.[Number(index)];
    return attachment ? sendAttachment(reply, attachment) : notFound(reply);
  });

  app.get<{ Params: { message: string }; Querystring: { name?: unknown } }>('/files/:message', async (request, reply) => {
    const wanted = request.query.name;
    if (typeof wanted !== 'string' || wanted === '') return notFound(reply);
    const attachments = await attachmentsOf(request.params.message);
    const attachment = attachments ? attachmentFor(attachments, wanted) : null;
    return attachment ? sendAttachment(reply, attachment) : notFound(reply);
  });

  app.get<{ Params: { key: string } }>('/outputs/:key', async (request, reply) => {
    // Outputs being written behind a decision: the finished file is given, never the one before it.
    await outputsSettled(context.state);
    const snapshot = await context.state.current();
    const file = outputFiles(snapshot.context.campaign, snapshot.context.outDir).find((item) => item.key === request.params.key);
    if (!file || file.size === null) return notFound(reply);
    const type = file.name.endsWith('.xlsx') ? XLSX_TYPE : DOCX_TYPE;
    return reply
      .type(type)
      .header('Content-Disposition', contentDisposition(file.name))
      .header('Cache-Control', 'no-store')
      .send(await readFile(file.path));
  });

  // Whether the outputs written behind a decision are finished (the 输出 page reloads when they are).
  app.get('/outputs-behind', async (_request, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .send(writerOf(context.state).pending(context.state.currentContext.outDir) ? 'writing' : 'done'),
  );

  app.get<{ Params: { token: string; page: string } }>('/preview/:token/:page', async (request, reply) => {
    const { token, page } = request.params;
    const number = /^(\d{1,4})\.png$/.exec(page)?.[1];
    if (!PREVIEW_TOKEN.test(token) || !number) return notFound(reply);
    try {
      const png = await readFile(join(previewDir(context.state.currentContext.dataDir, token), `${Number(number)}.png`));
      return reply.type('image/png').header('Cache-Control', 'private, max-age=3600').send(png);
    } catch {
      return notFound(reply);
    }
  });
};

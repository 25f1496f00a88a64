/**
 * Live updates: the state's generation now, then each new one (server-sent events), so open
 * pages reload or say that new data arrived; the plain number for browsers without EventSource.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { RouteOptions } from '../console-context.js';

export const eventRoutes: FastifyPluginAsync<RouteOptions> = async (app, { context }) => {
  app.get('/events', (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
    });
    const send = (generation: number) => res.write(`event: generation\ndata: ${generation}\n\n`);
    res.write('retry: 5000\n\n');
    send(context.state.currentGeneration);
    const unsubscribe = context.state.onChange(send);
    // A comment now and then keeps proxies and idle timeouts from closing the stream.
    const keepAlive = setInterval(() => res.write(': \n\n'), 25_000);
    keepAlive.unref();
    request.raw.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  });
  app.get('/events/generation', async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').header('Cache-Control', 'no-store').send(String(context.state.currentGeneration)),
  );
};

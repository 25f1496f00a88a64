/**
 * The console of a workspace (`serve --workspace W`): the campaign list at /, each campaign's
 * pages under /c/<name>/ exactly as a lone campaign's console shows them at /. Each campaign's
 * pages are a Fastify app of their own (the same doors and route plugins as the lone console,
 * their links under the campaign's base), made when the campaign is first opened — so a campaign
 * made while the console runs (新建活动, or `huizong init` beside it) opens without a restart —
 * and reached from the one HTTP server by its path (Fastify's `routing`). Sessions, login and the
 * intake schedule are shared: one login, one poll of the office's mailbox for every campaign.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { IntakeSchedule } from '../schedule/intake-schedule.js';
import type { ConsoleContext, ConsoleDoorsOptions, DoorsContext } from './console-context.js';
import { Links } from './pages/links.js';
import { campaignListRoutes } from './routes/campaign-list-routes.js';
import { loginRoutes } from './routes/login-routes.js';
import { newCampaignRoutes } from './routes/new-campaign-routes.js';
import { staticRoutes } from './routes/static-routes.js';
import { consoleApp, doorsContext, registerCampaignRoutes } from './server.js';
import type { WorkspaceStates } from './state/workspace-states.js';

export interface WorkspaceServerOptions extends Omit<ConsoleDoorsOptions, 'newCampaignParent'> {
  states: WorkspaceStates;
  schedule: IntakeSchedule;
}

/** The path prefix of a campaign's pages. */
export function campaignBase(name: string): string {
  return `/c/${encodeURIComponent(name)}`;
}

/** The campaign a request's path names (/c/<name>/…), or null. */
function campaignOf(url: string | undefined): string | null {
  const match = /^\/c\/([^/?#]+)(?:[/?#]|$)/.exec(url ?? '');
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}

export interface WorkspaceServer {
  app: FastifyInstance;
  /** Every campaign's app closed (the root app closes the server). */
  close(): Promise<void>;
}

export async function buildWorkspaceServer(options: WorkspaceServerOptions): Promise<WorkspaceServer> {
  const { states, schedule } = options;
  const doors: DoorsContext = doorsContext(
    { ...options, newCampaignParent: states.dir },
    { title: () => `汇总控制台（${basename(states.dir)}）`, journalDir: () => join(states.dir, 'data') },
  );
  let server: Server | null = null;
  const listenPort = () => (server?.address() as AddressInfo | null)?.port ?? null;
  const apps = new Map<string, Promise<FastifyInstance | null>>();

  const campaignApp = async (name: string): Promise<FastifyInstance | null> => {
    const state = await states.get(name);
    if (!state) return null;
    const links = new Links(campaignBase(name), '/');
    const context: ConsoleContext = {
      ...doors,
      state,
      schedule,
      title: () => state.currentContext.campaign.file.title,
      journalDir: () => state.currentContext.dataDir,
    };
    // Never listens: the workspace's server hands it its requests.
    const app = await consoleApp({ context, home: links.overview, listenPort, serverFactory: () => createServer() });
    await app.register(async (scoped) => registerCampaignRoutes(scoped, { context, links }), { prefix: '/c/:campaign' });
    await app.ready();
    return app;
  };
  const appFor = (name: string): Promise<FastifyInstance | null> => {
    let made = apps.get(name);
    if (!made) {
      made = campaignApp(name);
      apps.set(name, made);
    }
    // Not there (yet), or it could not be read: asked again on the next request.
    return made.then(
      (app) => {
        if (!app) apps.delete(name);
        return app;
      },
      (error) => {
        apps.delete(name);
        options.log(`控制台无法打开活动「${name}」：${(error as Error).stack ?? String(error)}`);
        return null;
      },
    );
  };

  const dispatch = (root: (request: IncomingMessage, response: ServerResponse) => void) =>
    createServer((request, response) => {
      const name = campaignOf(request.url);
      if (name === null) return root(request, response);
      void appFor(name).then((app) => (app ? app.routing(request, response) : root(request, response)));
    });

  const app = await consoleApp({
    context: doors,
    home: '/',
    listenPort,
    serverFactory: (handler) => {
      server = dispatch(handler);
      return server;
    },
  });
  const links = new Links('');
  await app.register(staticRoutes);
  await app.register(loginRoutes, { context: doors, links });
  await app.register(campaignListRoutes, { context: doors, links, states, schedule, campaignHref: (name) => `${campaignBase(name)}/` });
  // 新建活动: the draft in the workspace's store; the campaign made opens under its own path.
  await app.register(newCampaignRoutes, {
    context: doors,
    base: '/new',
    draftDir: () => join(states.dir, 'data', 'new-campaign-draft'),
    journalDir: () => join(states.dir, 'data'),
    landing: (campaignDir) => `${campaignBase(basename(campaignDir))}/`,
  });
  return {
    app,
    async close() {
      for (const made of apps.values()) await (await made.catch(() => null))?.close();
    },
  };
}

/**
 * What the console's routes share: the server's options, the session store. Its own module, so
 * the route plugins need not import the server that registers them. The doors (Host, sessions,
 * login) are the same for every page; a campaign's pages add its state and the schedule. In a
 * workspace the first pages (the campaign list, login) have the doors only.
 */
import type { IntakeSchedule } from '../schedule/intake-schedule.js';
import type { Links } from './pages/links.js';
import type { LoginTokens } from './security/login-token.js';
import type { SessionStore } from './security/sessions.js';
import type { ConsoleState } from './state/console-state.js';

export interface ConsoleDoorsOptions {
  /** The address and port listened on (Host headers must name them). */
  host: string;
  port: number;
  /** Extra host names the console answers to (--allow-host). */
  allowHosts?: readonly string[];
  /** The scrypt hash of the password, or null: no login (loopback only). */
  passwordHash: string | null;
  /**
   * The folder 新建活动 writes new campaign folders into: the workspace; for a console of one
   * campaign folder, the folder holding it (a folder of campaign folders is a workspace as it
   * is); null for the bundled demo campaign (新建活动 then says it needs a workspace).
   */
  newCampaignParent: string | null;
  /** Writes what the console logs (errors with their stack, for the IT person). */
  log: (line: string) => void;
}

export interface ConsoleServerOptions extends ConsoleDoorsOptions {
  state: ConsoleState;
  /** The intake schedule (立即收信 starts a cycle; its status is shown on 总览). */
  schedule: IntakeSchedule;
}

export interface DoorsContext extends ConsoleDoorsOptions {
  sessions: SessionStore;
  loginTokens: LoginTokens;
  /** The title pages outside a campaign show (login, errors): the campaign's, or the workspace's. */
  title(): string;
  /** Where the journal of what was done goes: the campaign's data folder, or the workspace's store for the list's actions. */
  journalDir(): string;
}

export interface ConsoleContext extends ConsoleServerOptions, DoorsContext {}

/** The options of a route plugin that needs the doors only (login, the campaign list). */
export interface DoorsRouteOptions {
  context: DoorsContext;
  links: Links;
}

/** The options every route plugin is registered with: the console, and the links of the campaign's pages. */
export interface RouteOptions {
  context: ConsoleContext;
  links: Links;
}

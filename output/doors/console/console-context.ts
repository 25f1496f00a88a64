/**
 * What the console's routes share: the server's options, the session store, and the frame of a
 * page for a request. Its own module, so the routes need not import the server that mounts them.
 */
import type { FastifyRequest } from 'fastify';
import type { ConsoleIntake } from './console-intake.js';
import type { ConsoleState } from './console-state.js';
import type { Chrome } from './layout.js';
import type { SessionStore } from './sessions.js';

export interface ConsoleServerOptions {
  state: ConsoleState;
  intake: ConsoleIntake;
  /** The address and port listened on (Host headers must name them). */
  host: string;
  port: number;
  /** Extra host names the console answers to (--allow-host). */
  allowHosts?: readonly string[];
  /** The scrypt hash of the password, or null: no login (loopback only). */
  passwordHash: string | null;
  /** Writes what the console logs (errors with their stack, for the IT person). */
  log: (line: string) => void;
}

export interface ConsoleContext extends ConsoleServerOptions {
  sessions: SessionStore;
}

/** The frame data of a page for this request. */
export function chromeFor(context: ConsoleContext, request: FastifyRequest, problem: Chrome['problem'], title: string): Chrome {
  const session = request.session;
  const flash = session.flash;
  session.flash = null;
  return {
    campaignTitle: title,
    csrf: session.csrf,
    generation: context.state.currentGeneration,
    flash,
    loggedIn: context.passwordHash !== null && session.authenticated,
    problem,
  };
}

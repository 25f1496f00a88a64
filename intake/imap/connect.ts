/**
 * One IMAP session (imapflow clients are single-use: every poll makes a new one).
 *
 * - TLS with certificate checks unless the settings say otherwise; with `tls: false` the
 *   connection still upgrades with STARTTLS when the server offers it.
 * - IMAP ID is sent (imapflow's clientInfo): 163/126 refuse to open a folder without it
 *   ("Unsafe Login").
 * - imapflow's own logger is off (it would print JSON on stdout, and its debug output can
 *   include protocol lines). Errors emitted outside a command are caught: an 'error' event
 *   without a listener would end the process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { packageRoot } from '../kernel/package-root.js';
import { imapError } from './imap-errors.js';
import type { ImapSettings } from './settings.js';

export interface Session {
  client: ImapFlow;
  /** Connects and logs in; failures become Chinese MAILBOX errors. */
  connect(): Promise<void>;
  /** True once the server stopped answering for longer than the socket timeout. */
  timedOut(): boolean;
  /** Ends the session: LOGOUT when possible, else closes the socket. Never throws. */
  end(): Promise<void>;
}

export interface ConnectOptions {
  /** Socket inactivity limit (ms). Default 60 s. */
  socketTimeoutMs?: number;
  /** TCP/TLS connection limit (ms). Default 30 s. */
  connectionTimeoutMs?: number;
}

const LOGOUT_WAIT_MS = 5_000;

let version: string | undefined;
function huizongVersion(): string {
  version ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}

/** A session not yet connected: the caller can close `client` at any moment (deadline). */
export function createSession(settings: ImapSettings, options: ConnectOptions = {}): Session {
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.tls,
    tls: { rejectUnauthorized: !settings.allowUntrustedCertificate },
    auth: { user: settings.user, pass: settings.password },
    clientInfo: { name: 'huizong', version: huizongVersion(), vendor: 'huizong', 'support-url': false },
    logger: false,
    emitLogs: false,
    // A poll is a short burst of commands; IDLE between them would only cost round trips.
    disableAutoIdle: true,
    connectionTimeout: options.connectionTimeoutMs ?? 30_000,
    greetingTimeout: 16_000,
    socketTimeout: options.socketTimeoutMs ?? 60_000,
  });
  // Errors outside a command (the socket dropped) also reach the command that is waiting;
  // without a listener, the 'error' event would end the process.
  // A server that stops answering shows first as imapflow's socket timeout (ETIMEOUT, emitted
  // here), then as the waiting command's "connection closed": the clerk must read 超时.
  let timedOut = false;
  client.on('error', (error: { code?: string }) => {
    if (error?.code === 'ETIMEOUT') timedOut = true;
  });
  return {
    client,
    async connect() {
      try {
        await client.connect();
      } catch (error) {
        client.close();
        throw imapError(timedOut ? { code: 'ETIMEOUT' } : error, settings);
      }
    },
    timedOut: () => timedOut,
    async end() {
      if (client.usable) {
        // A polite LOGOUT, but never wait long for a server that stopped answering.
        let timer: NodeJS.Timeout | undefined;
        const gaveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, LOGOUT_WAIT_MS)));
        await Promise.race([client.logout().catch(() => {}), gaveUp]);
        clearTimeout(timer);
      }
      client.close();
    },
  };
}

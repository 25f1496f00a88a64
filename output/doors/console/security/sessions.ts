/**
 * Console sessions, in memory (a restart asks for the password again): a random id in an
 * HttpOnly, SameSite=Strict cookie, and per session a CSRF token every form carries back.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'huizong_console';
/** A session unused this long is forgotten. */
const IDLE_MS = 12 * 3_600_000;
/** More sessions than any office needs; the oldest are dropped beyond it (a flood of cookieless requests). */
const MAX_SESSIONS = 2_000;

export interface Flash {
  kind: 'ok' | 'error' | 'info';
  text: string;
  details?: readonly string[];
}

export interface Session {
  id: string;
  csrf: string;
  /** Logged in (or no password needed: loopback without one). */
  authenticated: boolean;
  lastSeen: number;
  /** A message for the next page shown (after a POST's redirect). */
  flash: Flash | null;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly now: () => number = Date.now) {}

  create(authenticated: boolean): Session {
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    const session: Session = {
      id: randomBytes(32).toString('base64url'),
      csrf: randomBytes(32).toString('base64url'),
      authenticated,
      lastSeen: this.now(),
      flash: null,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string | undefined): Session | null {
    if (!id) return null;
    const session = this.sessions.get(id);
    if (!session) return null;
    if (this.now() - session.lastSeen > IDLE_MS) {
      this.sessions.delete(id);
      return null;
    }
    session.lastSeen = this.now();
    // Most recently used last: the oldest is first when the store is full.
    this.sessions.delete(id);
    this.sessions.set(id, session);
    return session;
  }

  /** Logging in replaces the session (a session id known before login is worth nothing after). */
  promote(session: Session): Session {
    this.sessions.delete(session.id);
    const fresh = this.create(true);
    fresh.flash = session.flash;
    return fresh;
  }

  delete(id: string): void {
    this.sessions.delete(id);
  }
}

export function tokenMatches(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

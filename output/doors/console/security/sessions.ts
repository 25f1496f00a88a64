/**
 * Console sessions, in memory (a restart asks for the password again): a random id in an
 * HttpOnly, SameSite=Strict cookie, and per session a CSRF token every form carries back.
 *
 * Nothing a stranger can send may push the clerk out. Sessions live in two pools:
 * - established: a logged-in session (password mode: created only by a correct password), or a
 *   loopback session whose browser came back with its cookie at least once. Dropped only when
 *   idle for 12 hours, or — beyond a bound no office reaches — the least recently used of them.
 * - fresh (loopback without a password only): made for a page shown to a browser that had no
 *   cookie. A flood of cookie-less requests fills only this pool, whose oldest are dropped; it
 *   never touches an established session.
 * With a password, a request without a valid session gets no session at all (anonymous.ts).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'huizong_console';
/** A session unused this long is forgotten. */
const IDLE_MS = 12 * 3_600_000;
/** Sessions handed to cookie-less browsers and not yet seen again; the oldest go beyond it. */
export const MAX_FRESH_SESSIONS = 2_000;
/** Established sessions: far beyond any office, a bound on memory only (least recently used first). */
export const MAX_ESTABLISHED_SESSIONS = 20_000;

export interface Flash {
  kind: 'ok' | 'error' | 'info';
  text: string;
  details?: readonly string[];
}

export interface Session {
  /** '' for a request that has no session (anonymous.ts). */
  id: string;
  csrf: string;
  /** Logged in (or no password needed: loopback without one). */
  authenticated: boolean;
  lastSeen: number;
  /** A message for the next page shown (after a POST's redirect). */
  flash: Flash | null;
}

function newSession(authenticated: boolean, now: number): Session {
  return {
    id: randomBytes(32).toString('base64url'),
    csrf: randomBytes(32).toString('base64url'),
    authenticated,
    lastSeen: now,
    flash: null,
  };
}

/** Insertion-ordered map as an LRU: the first key is the least recently used. */
function touch(map: Map<string, Session>, session: Session): void {
  map.delete(session.id);
  map.set(session.id, session);
}

function dropOldest(map: Map<string, Session>, max: number): void {
  while (map.size >= max) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) return;
    map.delete(oldest);
  }
}

export class SessionStore {
  private readonly established = new Map<string, Session>();
  private readonly fresh = new Map<string, Session>();

  constructor(private readonly now: () => number = Date.now) {}

  /** How many of each kind are held (for tests and the IT person's curiosity). */
  get counts(): { established: number; fresh: number } {
    return { established: this.established.size, fresh: this.fresh.size };
  }

  /** A session for a cookie-less browser on loopback without a password: fresh until it comes back. */
  createFresh(): Session {
    dropOldest(this.fresh, MAX_FRESH_SESSIONS);
    const session = newSession(true, this.now());
    this.fresh.set(session.id, session);
    return session;
  }

  /**
   * The session of a cookie, or null. A fresh session seen again becomes established: its
   * browser keeps the cookie, so it is a clerk's, not a passer-by's.
   */
  get(id: string | undefined): Session | null {
    if (!id) return null;
    const session = this.established.get(id) ?? this.fresh.get(id);
    if (!session) return null;
    if (this.now() - session.lastSeen > IDLE_MS) {
      this.established.delete(id);
      this.fresh.delete(id);
      return null;
    }
    session.lastSeen = this.now();
    if (this.fresh.delete(id)) dropOldest(this.established, MAX_ESTABLISHED_SESSIONS);
    touch(this.established, session);
    return session;
  }

  /**
   * The session a correct password opens. It is new (a session id known before login is worth
   * nothing after it) and takes along the flash of the request it replaces.
   */
  login(previous: Session): Session {
    this.delete(previous.id);
    dropOldest(this.established, MAX_ESTABLISHED_SESSIONS);
    const session = newSession(true, this.now());
    session.flash = previous.flash;
    this.established.set(session.id, session);
    return session;
  }

  delete(id: string): void {
    this.established.delete(id);
    this.fresh.delete(id);
  }
}

export function tokenMatches(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || expected === '') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

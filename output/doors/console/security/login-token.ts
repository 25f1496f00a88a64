/**
 * The login form's CSRF token without a session (with a password, nothing is stored for a
 * browser that has not logged in): a random value in a cookie of its own, and the form's token
 * an HMAC of it under a key that lives as long as the server. Another site can neither read the
 * cookie nor compute the token; a flood of visitors costs no memory.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Session } from './sessions.js';

export const LOGIN_COOKIE = 'huizong_login';
const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;

export class LoginTokens {
  private readonly key = randomBytes(32);

  /** A new value for the login cookie. */
  newCookie(): string {
    return randomBytes(32).toString('base64url');
  }

  /** The token a form must carry with this cookie; '' (matching nothing) without a valid cookie. */
  token(cookie: string | undefined): string {
    if (!cookie || !COOKIE_VALUE.test(cookie)) return '';
    return createHmac('sha256', this.key).update(cookie).digest('base64url');
  }
}

/** What a request without a session carries: nothing stored, no flash, the login form's token. */
export function anonymousSession(csrf: string, authenticated: boolean): Session {
  return { id: '', csrf, authenticated, lastSeen: 0, flash: null };
}

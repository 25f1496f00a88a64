import { describe, expect, it } from 'vitest';
import { MAX_ESTABLISHED_SESSIONS, MAX_FRESH_SESSIONS, SessionStore } from './sessions.js';

describe('SessionStore', () => {
  it('never lets a flood of cookie-less visitors push out a session that came back with its cookie', () => {
    const store = new SessionStore();
    const clerk = store.createFresh();
    expect(store.get(clerk.id)).toBe(clerk);
    for (let index = 0; index < MAX_FRESH_SESSIONS * 3; index++) store.createFresh();
    expect(store.get(clerk.id)).toBe(clerk);
    expect(store.counts.fresh).toBeLessThanOrEqual(MAX_FRESH_SESSIONS);
    expect(store.counts.established).toBe(1);
  });

  it('keeps a logged-in session through any number of fresh ones, and makes a new id at login', () => {
    const store = new SessionStore();
    const before = { id: '', csrf: 'x', authenticated: false, lastSeen: 0, flash: null };
    const clerk = store.login(before);
    expect(clerk.id).not.toBe('');
    expect(clerk.authenticated).toBe(true);
    for (let index = 0; index < 5_000; index++) store.createFresh();
    expect(store.get(clerk.id)?.authenticated).toBe(true);
  });

  it('forgets a session idle for more than 12 hours, and bounds the established ones', () => {
    let now = 0;
    const store = new SessionStore(() => now);
    const clerk = store.login({ id: '', csrf: '', authenticated: false, lastSeen: 0, flash: null });
    now = 12 * 3_600_000 + 1;
    expect(store.get(clerk.id)).toBeNull();
    expect(MAX_ESTABLISHED_SESSIONS).toBeGreaterThan(MAX_FRESH_SESSIONS);
  });
});

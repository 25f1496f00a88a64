import { describe, expect, it } from 'vitest';
import { hashPassword, looksLikeHash, verifyPassword } from './password.js';

// A low cost keeps the test fast; the format and the comparison are what is tested.
const cheap = { N: 1024, r: 8, p: 1 };

describe('console password hashes', () => {
  it('verify the password they were made from, and no other', async () => {
    const hash = await hashPassword('秘书科2013', cheap);
    expect(looksLikeHash(hash)).toBe(true);
    expect(hash).not.toContain('秘书科2013');
    expect(await verifyPassword('秘书科2013', hash)).toBe(true);
    expect(await verifyPassword('秘书科2014', hash)).toBe(false);
  });

  it('salt each hash', async () => {
    expect(await hashPassword('same-password', cheap)).not.toBe(await hashPassword('same-password', cheap));
  });

  it('refuse what is not a hash', async () => {
    expect(await verifyPassword('x', 'plain-password')).toBe(false);
    expect(looksLikeHash('plain-password')).toBe(false);
  });
});

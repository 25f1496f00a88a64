import { describe, expect, it } from 'vitest';
import { allowedHostNames, hostAllowed, isLoopback, originAllowed, parseHostHeader } from './host-origin.js';

describe('the Host check', () => {
  const loopback = allowedHostNames('127.0.0.1');

  it('answers to loopback names on its own port only', () => {
    expect(hostAllowed('127.0.0.1:8470', loopback, 8470)).toBe(true);
    expect(hostAllowed('localhost:8470', loopback, 8470)).toBe(true);
    expect(hostAllowed('[::1]:8470', loopback, 8470)).toBe(true);
    expect(hostAllowed('127.0.0.1:8471', loopback, 8470)).toBe(false);
    expect(hostAllowed('127.0.0.1', loopback, 8470)).toBe(false);
  });

  it('refuses a DNS-rebinding name, a missing Host and junk', () => {
    expect(hostAllowed('attacker.example:8470', loopback, 8470)).toBe(false);
    expect(hostAllowed('127.0.0.1.nip.io:8470', loopback, 8470)).toBe(false);
    expect(hostAllowed(undefined, loopback, 8470)).toBe(false);
    expect(hostAllowed('127.0.0.1:8470@evil', loopback, 8470)).toBe(false);
    expect(parseHostHeader('a b')).toBeNull();
  });

  it('on a wider address also answers to the names given with --allow-host', () => {
    const names = allowedHostNames('0.0.0.0', ['huizong.office.lan']);
    expect(hostAllowed('huizong.office.lan:8470', names, 8470)).toBe(true);
    expect(hostAllowed('127.0.0.1:8470', names, 8470)).toBe(true);
    expect(hostAllowed('attacker.example:8470', names, 8470)).toBe(false);
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '192.168.1.5', '::'].some(isLoopback)).toBe(false);
  });
});

describe('the Origin check of state-changing requests', () => {
  it('accepts the console itself, refuses other sites', () => {
    expect(originAllowed('http://127.0.0.1:8470', undefined, '127.0.0.1:8470')).toBe(true);
    expect(originAllowed('http://evil.example', undefined, '127.0.0.1:8470')).toBe(false);
    expect(originAllowed('http://127.0.0.1:9999', undefined, '127.0.0.1:8470')).toBe(false);
    expect(originAllowed('null', undefined, '127.0.0.1:8470')).toBe(false);
    expect(originAllowed('https://127.0.0.1:8470', undefined, '127.0.0.1:8470')).toBe(false);
  });

  it('without Origin, goes by Sec-Fetch-Site; a client sending neither (a script) is left to the CSRF token', () => {
    expect(originAllowed(undefined, 'cross-site', '127.0.0.1:8470')).toBe(false);
    expect(originAllowed(undefined, 'same-site', '127.0.0.1:8470')).toBe(false);
    expect(originAllowed(undefined, 'same-origin', '127.0.0.1:8470')).toBe(true);
    expect(originAllowed(undefined, undefined, '127.0.0.1:8470')).toBe(true);
  });
});

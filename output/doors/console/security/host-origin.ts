/**
 * What keeps other sites and other machines out, as plain functions the server's hooks call:
 * the Host a request names must be one this console answers to (a DNS-rebinding name pointing at
 * 127.0.0.1 is not), and a state-changing request must come from the console's own pages
 * (Origin, or Sec-Fetch-Site when a browser sends no Origin).
 */

import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';

export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '::1'];

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Host names (without port) the console answers to. Loopback: only loopback names. A wider
 * listen address: also this machine's own IP addresses, its host name, and names given with
 * --allow-host (an office DNS name).
 */
export function allowedHostNames(listenHost: string, extra: readonly string[] = []): Set<string> {
  const names = new Set<string>(LOOPBACK_HOSTS);
  if (!isLoopback(listenHost)) {
    if (listenHost !== '0.0.0.0' && listenHost !== '::') names.add(listenHost.toLowerCase());
    else {
      for (const list of Object.values(networkInterfaces())) for (const item of list ?? []) names.add(item.address.toLowerCase());
    }
    names.add(hostname().toLowerCase());
  }
  for (const name of extra) names.add(name.toLowerCase());
  return names;
}

/** Splits a Host header into name and port; null when it is not a plain host[:port]. */
export function parseHostHeader(header: string | undefined): { name: string; port: number | null } | null {
  if (!header) return null;
  const value = header.trim().toLowerCase();
  const bracketed = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/.exec(value);
  if (bracketed) return { name: bracketed[1]!, port: bracketed[2] ? Number(bracketed[2]) : null };
  const plain = /^([a-z0-9.-]+)(?::(\d{1,5}))?$/.exec(value);
  if (!plain) return null;
  return { name: plain[1]!, port: plain[2] ? Number(plain[2]) : null };
}

export function hostAllowed(header: string | undefined, names: ReadonlySet<string>, port: number): boolean {
  const parsed = parseHostHeader(header);
  if (!parsed) return false;
  return names.has(parsed.name) && (parsed.port ?? 80) === port;
}

/**
 * A state-changing request is accepted from the console's own pages only: its Origin must be
 * this very host; without Origin, a browser's Sec-Fetch-Site must not say another site.
 */
export function originAllowed(origin: string | undefined, fetchSite: string | undefined, hostHeader: string | undefined): boolean {
  if (origin !== undefined) {
    if (origin === 'null') return false;
    try {
      const url = new URL(origin);
      return url.protocol === 'http:' && url.host === (hostHeader ?? '').toLowerCase();
    } catch {
      return false;
    }
  }
  return fetchSite === undefined || fetchSite === 'same-origin' || fetchSite === 'none';
}

export function isIpLiteral(name: string): boolean {
  return isIP(name) !== 0;
}

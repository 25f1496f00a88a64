/**
 * A self-signed certificate and its key, made by openssl, for the tests' TLS servers (Dovecot's
 * imaps, the SMTP server) and signed mail: PEM files in `dir`. A client trusts the certificate
 * when given it as NODE_EXTRA_CA_CERTS.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export interface Certificate {
  certFile: string;
  keyFile: string;
}

export function selfSignedCertificate(
  dir: string,
  options: { commonName?: string; days?: number; ipAddress?: string | null } = {},
): Certificate {
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  const commonName = options.commonName ?? '127.0.0.1';
  const ipAddress = options.ipAddress === undefined ? '127.0.0.1' : options.ipAddress;
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      String(options.days ?? 2),
      '-subj',
      `/CN=${commonName}`,
      ...(ipAddress ? ['-addext', `subjectAltName=IP:${ipAddress}`] : []),
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile };
}

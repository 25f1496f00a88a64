/**
 * TLS as the product uses it by default: implicit TLS with the certificate checked. Against a
 * real Dovecot with a self-signed certificate: refused (in Chinese) unless the certificate is
 * trusted (here through NODE_EXTRA_CA_CERTS, as an office CA would be) or the clerk's IT person
 * explicitly allows an unverified one.
 */
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { demoCampaign } from '../support/demo-campaign.js';
import { type DovecotServer, startDovecot } from '../support/dovecot.js';
import { imapCampaign, pollLineOf } from './imap-campaign.js';
import { beijing, submission } from './mail-factory.js';

let server: DovecotServer;
let campaign: Campaign;

beforeAll(async () => {
  server = await startDovecot({ tls: true });
  campaign = await demoCampaign();
  await server.append('INBOX', [
    {
      raw: await submission(campaign, { unit: '庞村镇', sent: beijing('2013-08-15T10:12:00') }),
      internalDate: beijing('2013-08-15T10:12:31'),
    },
  ]);
});

afterAll(async () => {
  await server?.dispose();
});

describe('TLS', () => {
  it('checks the certificate by default, and says so in Chinese when it does not verify', async () => {
    const mailbox = await imapCampaign(server);
    const tls = { HUIZONG_IMAP_TLS: 'true', HUIZONG_IMAP_PORT: String(server.tlsPort) };
    const refused = await mailbox.run(tls);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`错误：邮件服务器 127.0.0.1:${server.tlsPort} 的证书无法验证（DEPTH_ZERO_SELF_SIGNED_CERT）`);
    expect(refused.stderr).toContain('allowUntrustedCertificate: true');

    // The same server, its certificate trusted: verified, and mail taken in over TLS.
    const trusted = await mailbox.run({ ...tls, NODE_EXTRA_CA_CERTS: server.certificateFile });
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(pollLineOf(trusted.stdout)).toContain('存入 1 封');
  });

  it('accepts an unverified certificate only when allowUntrustedCertificate is set', async () => {
    const mailbox = await imapCampaign(server);
    await appendFile(join(mailbox.dir, 'campaign.yaml'), '  allowUntrustedCertificate: true\n');
    const result = await mailbox.run({ HUIZONG_IMAP_TLS: 'true', HUIZONG_IMAP_PORT: String(server.tlsPort) });
    expect(result.code, result.stderr).toBe(0);
    expect(pollLineOf(result.stdout)).toContain('存入 1 封');
  });

  it('explains a TLS connection to a plain-text port', async () => {
    const mailbox = await imapCampaign(server);
    const result = await mailbox.run({ HUIZONG_IMAP_TLS: 'true', HUIZONG_IMAP_PORT: String(server.port) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`错误：与邮件服务器 127.0.0.1:${server.port} 建立加密连接失败`);
  });
});

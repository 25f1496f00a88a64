/**
 * What the server says, and what the journal does with it, against the real SMTP test server:
 * a 5xx stops the batch (reported with the server's code, in Chinese) and is never resent by
 * itself; a 4xx is tried again in the next batch; a connection cut after the message arrived
 * leaves it 可能已发送, never resent by itself, until the clerk confirms it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DovecotServer, startDovecot } from '../support/dovecot.js';
import { selfSignedCertificate } from '../support/self-signed.js';
import { SINK, type SmtpServer, startSmtpServer } from '../support/smtp-server.js';
import { tempDir } from '../support/temp-dir.js';
import { fewUnitsMailbox, type OutboundCampaign, outboundCampaign } from './outbound-campaign.js';

const ALL = [
  'pangcun@yibin-demo.gov.cn',
  'licun@yibin-demo.gov.cn',
  'koudian@yibin-demo.gov.cn',
  'jingfa@yibin-demo.gov.cn',
  'guijian@yibin-demo.gov.cn',
];

let dovecot: DovecotServer;
let smtp: SmtpServer;
let campaign: OutboundCampaign;

beforeAll(async () => {
  dovecot = await startDovecot({ extraUsers: [SINK] });
  smtp = await startSmtpServer(dovecot);
  campaign = await outboundCampaign(dovecot, smtp, { mailboxDir: await fewUnitsMailbox() });
}, 120_000);

afterAll(async () => {
  await smtp?.stop();
  await dovecot?.dispose();
});

/** A scenario of its own: a fresh outbox over the same stored mail, its own envelope sender. */
async function scenario(name: string) {
  const data = await campaign.copyData();
  const from = `${name}@example.cn`;
  const send = (args: readonly string[] = ['receipts', '--send']) => campaign.cli([...args, '--data', data], { HUIZONG_SMTP_FROM: from });
  const delivered = async () => (await smtp.delivered()).filter((entry) => entry.mailFrom === from).flatMap((entry) => entry.rcptTos ?? []);
  const outbox = async () => JSON.parse((await send(['outbox', '--json'])).stdout) as { id: string; unit: string; state: string }[];
  return { send, delivered, outbox };
}

describe('refusals', () => {
  it('stops the batch at a 5xx, says so in Chinese with the code, and never resends it by itself', async () => {
    const run = await scenario('spam');
    await smtp.refuse([
      {
        stage: 'data',
        match: { subjectContains: '李村镇' },
        reply: '554 DT:SPM 163 smtp3,DdGowAB: 发送的信件内容包含了未被许可的信息，或违背了发信规则',
      },
    ]);
    const first = await run.send();
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('554 DT:SPM');
    expect(first.stderr).toContain('垃圾邮件');
    expect(first.stderr).toContain('本批停止');
    expect(await run.delivered()).toEqual(['pangcun@yibin-demo.gov.cn']);
    const refused = (await run.outbox()).find((entry) => entry.unit === '李村镇')!;
    expect(refused.state).toBe('被拒收');

    const second = await run.send();
    expect(second.code, second.stderr).toBe(0);
    expect((await run.delivered()).sort()).toEqual(ALL.filter((address) => address !== 'licun@yibin-demo.gov.cn').sort());

    await smtp.refuse([]);
    const resend = await run.send(['outbox', '--resend', refused.id]);
    expect(resend.code, resend.stderr).toBe(0);
    expect((await run.delivered()).sort()).toEqual([...ALL].sort());
    expect((await run.outbox()).every((entry) => entry.state === '已发送')).toBe(true);
    expect((await run.send()).stdout).toContain('发送 0 封');
  });

  it('tries a 4xx again in the next batch', async () => {
    const run = await scenario('later');
    await smtp.refuse([
      { stage: 'rcpt', match: { rcpt: 'koudian@yibin-demo.gov.cn' }, reply: '451 MI:SFQ 发信人在15分钟内发送邮件数量超过限制', times: 1 },
    ]);
    const first = await run.send();
    expect(first.stderr).toContain('451 MI:SFQ');
    expect(first.stderr).toContain('稍后自动重试');
    expect(await run.delivered()).toEqual(['pangcun@yibin-demo.gov.cn', 'licun@yibin-demo.gov.cn']);
    expect((await run.outbox()).find((entry) => entry.unit === '寇店镇')!.state).toBe('稍后重试');
    const second = await run.send();
    expect(second.code, second.stderr).toBe(0);
    expect((await run.delivered()).sort()).toEqual([...ALL].sort());
    expect((await run.outbox()).every((entry) => entry.state === '已发送')).toBe(true);
  });

  it('leaves a message whose answer never came as 可能已发送 until the clerk confirms it', async () => {
    const run = await scenario('cut');
    await smtp.refuse([{ stage: 'data', match: { subjectContains: '寇店镇' }, action: 'deliver-then-drop', times: 1 }]);
    const first = await run.send();
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('可能已发送');
    const second = await run.send();
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('待秘书科处理');
    // Delivered once (by the cut attempt), never again.
    expect((await run.delivered()).sort()).toEqual([...ALL].sort());
    const uncertain = (await run.outbox()).find((entry) => entry.unit === '寇店镇')!;
    expect(uncertain.state).toBe('可能已发送');
    const list = await run.send(['outbox']);
    expect(list.stdout).toContain('1 封需要秘书科处理');
    const confirm = await run.send(['outbox', '--confirm', uncertain.id]);
    expect(confirm.code, confirm.stderr).toBe(0);
    expect((await run.outbox()).every((entry) => entry.state === '已发送')).toBe(true);
    expect((await run.delivered()).sort()).toEqual([...ALL].sort());
  });

  it('refuses a wrong password before anything is journaled, without echoing it', async () => {
    const run = await scenario('wrong');
    const failed = await campaign.cli(['receipts', '--send', '--data', await campaign.copyData()], {
      HUIZONG_SMTP_PASSWORD: 'Wrong-Code-123',
      HUIZONG_SMTP_FROM: 'wrong@example.cn',
    });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('535');
    expect(failed.stderr).toContain('授权码');
    expect(failed.stdout + failed.stderr).not.toContain('Wrong-Code-123');
    expect(await run.delivered()).toEqual([]);
  });

  it('verifies the server certificate over TLS unless told otherwise', async () => {
    const dir = await tempDir('huizong-smtp-tls-');
    const certificate = selfSignedCertificate(dir);
    const secure = await startSmtpServer(dovecot, { tls: certificate });
    try {
      const env = {
        HUIZONG_SMTP_PORT: String(secure.tlsPort),
        HUIZONG_SMTP_TLS: 'true',
        HUIZONG_SMTP_PASSWORD: secure.password,
        HUIZONG_SMTP_FROM: 'tls@example.cn',
      };
      const untrusted = await campaign.cli(['receipts', '--send', '--data', await campaign.copyData()], env);
      expect(untrusted.code).toBe(1);
      expect(untrusted.stderr).toContain('证书无法验证');
      expect((await secure.delivered()).length).toBe(0);
      const trusted = await campaign.cli(['receipts', '--send', '--data', await campaign.copyData()], {
        ...env,
        NODE_EXTRA_CA_CERTS: certificate.certFile,
      });
      expect(trusted.code, trusted.stderr).toBe(0);
      expect((await secure.delivered()).flatMap((entry) => entry.rcptTos ?? []).sort()).toEqual([...ALL].sort());
    } finally {
      await secure.stop();
    }
  });
});

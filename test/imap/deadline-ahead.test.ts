/**
 * A mailbox read over IMAP before the campaign's deadline: nobody is late yet, so no circular is
 * drafted and units not heard from are 尚未报送 — the clerk who runs huizong on the eve of the
 * deadline must not get a 通报 criticizing units that still have time.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { demoCampaign } from '../support/demo-campaign.js';
import { type DovecotServer, startDovecot } from '../support/dovecot.js';
import { imapCampaign } from './imap-campaign.js';
import { beijing, submission } from './mail-factory.js';

let server: DovecotServer;
let campaign: Campaign;

beforeAll(async () => {
  server = await startDovecot();
  campaign = await demoCampaign();
});

afterAll(async () => {
  await server?.dispose();
});

describe('a mailbox read before the deadline', () => {
  it('drafts no circular and calls the units not heard from 尚未报送; after the deadline it does', async () => {
    const mailbox = await imapCampaign(server);
    const config = join(mailbox.dir, 'campaign.yaml');
    const yaml = await readFile(config, 'utf8');
    // The poll happens now (the test machine's clock): a deadline far ahead has not passed.
    await writeFile(config, yaml.replace(/^deadline: .*$/m, 'deadline: "2099-08-18T18:00:00+08:00"'));
    await server.append('INBOX', [
      {
        raw: await submission(campaign, { unit: '庞村镇', sent: beijing('2013-08-15T10:12:00') }),
        internalDate: beijing('2013-08-15T10:12:31'),
      },
    ]);
    const ahead = await mailbox.run();
    expect(ahead.code, ahead.stderr).toBe(0);
    expect(ahead.stdout).toContain('未生成通报');
    expect(ahead.stdout).toMatch(/佃庄镇\s+尚未报送/);
    const out = join(mailbox.dir, 'out');
    expect((await readdir(out)).some((name) => name.includes('通报'))).toBe(false);

    // The same stored mail once the deadline is behind the last poll: the draft names them.
    await writeFile(config, yaml);
    const after = await mailbox.run();
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).not.toContain('未生成通报');
    expect((await readdir(out)).some((name) => name.includes('通报（草稿）'))).toBe(true);
  });
});

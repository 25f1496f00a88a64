import { cp } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { huamingceMails, yinhuanMails } from './support/campaign-mails.js';
import { type CampaignRun, runCampaign } from './support/campaign-run.js';

let yinhuan: CampaignRun;
let huamingce: CampaignRun;

beforeAll(async () => {
  [yinhuan, huamingce] = await Promise.all([
    runCampaign('yinhuan-2026', await yinhuanMails()),
    runCampaign('huamingce-2026', huamingceMails()),
  ]);
  if (process.env.KEEP) {
    await cp(yinhuan.dir, `${process.env.KEEP}/yinhuan`, { recursive: true });
    await cp(huamingce.dir, `${process.env.KEEP}/huamingce`, { recursive: true });
  }
}, 600_000);

describe('outputs', () => {
  it('runs', () => {
    expect(yinhuan.run.code).toBe(0);
    expect(huamingce.run.code).toBe(0);
  });
});

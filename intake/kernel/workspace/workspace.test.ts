import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoCampaign } from '../../../test/support/demo-campaign.js';
import { tempDir } from '../../../test/support/temp-dir.js';
import { bundledCampaignDir } from '../package-root.js';
import { archiveCampaign, readArchiveMark, unarchiveCampaign } from './archive-mark.js';
import { withOfficeSettings } from './campaign-settings.js';
import { DEFAULT_SCHEDULE, parseOfficeText } from './office-settings.js';
import { isWorkspace, openWorkspace, workspaceEntry } from './workspace.js';

async function workspaceWith(names: readonly string[]): Promise<string> {
  const dir = await tempDir('huizong-workspace-');
  for (const name of names) await cp(bundledCampaignDir(), join(dir, name), { recursive: true });
  return dir;
}

describe('a workspace', () => {
  it('is a folder of campaign folders, with one store and no settings file needed', async () => {
    const dir = await workspaceWith(['2026汛期排查', '2013保密审查']);
    // Neither the store nor a folder without campaign.yaml is a campaign.
    await mkdir(join(dir, 'data', 'mail'), { recursive: true });
    await mkdir(join(dir, '草稿'));
    await writeFile(join(dir, '.hidden'), '');
    expect(await isWorkspace(dir)).toBe(true);
    const workspace = await openWorkspace(dir);
    expect(workspace.storeDir).toBe(join(dir, 'data'));
    expect(workspace.officeFile).toBeNull();
    expect(workspace.office.schedule).toBe(DEFAULT_SCHEDULE);
    expect(workspace.campaigns.map((entry) => entry.name)).toEqual(['2013保密审查', '2026汛期排查']);
    expect(workspaceEntry(workspace, '2026汛期排查/').dir).toBe(join(dir, '2026汛期排查'));
    expect(() => workspaceEntry(workspace, '没有')).toThrow(/没有名为「没有」的活动/);
  });

  it('is not a campaign folder, an empty folder or a missing one', async () => {
    expect(await isWorkspace(bundledCampaignDir())).toBe(false);
    expect(await isWorkspace(await tempDir())).toBe(false);
    await expect(openWorkspace(join(await tempDir(), '没有'))).rejects.toThrow(/工作区文件夹 .* 不存在/);
  });

  it('archives a campaign with a small file, and makes it active again without it', async () => {
    const dir = await workspaceWith(['甲']);
    const campaignDir = join(dir, '甲');
    expect(await readArchiveMark(campaignDir)).toBeNull();
    await archiveCampaign(campaignDir, { at: new Date('2026-12-20T02:00:00Z'), note: '已报上级' });
    expect(await readArchiveMark(campaignDir)).toEqual({ archivedAt: '2026-12-20T02:00:00.000Z', note: '已报上级' });
    expect((await openWorkspace(dir)).campaigns[0]!.archived).not.toBeNull();
    await unarchiveCampaign(campaignDir);
    expect((await openWorkspace(dir)).campaigns[0]!.archived).toBeNull();
    // Written by hand, even wrongly: still archived.
    await writeFile(join(campaignDir, 'archived.yaml'), '已归档: [\n');
    expect(await readArchiveMark(campaignDir)).toEqual({ archivedAt: null, note: '' });
  });
});

describe('the office settings', () => {
  it('reads the mailbox, SMTP and schedule, and names each mistake by line', () => {
    expect(parseOfficeText('# 只有注释\n')).toEqual({ mailbox: {}, smtp: {}, schedule: DEFAULT_SCHEDULE });
    expect(parseOfficeText('mailbox:\n  host: imap.163.com\n  user: mishuke@163.com\nschedule: "*/5 * * * *"\n')).toMatchObject({
      mailbox: { host: 'imap.163.com', user: 'mishuke@163.com' },
      schedule: '*/5 * * * *',
    });
    expect(() => parseOfficeText('mailbox:\n  host: imap.163.com\n  port: "993"\nsmpt: {}\n')).toThrow(
      expect.objectContaining({
        details: [
          expect.stringMatching(/^office\.yaml 第 3 行，mailbox\.port：类型不对.*「993」（数字不要加引号）/),
          expect.stringMatching(/^office\.yaml 第 1 行.*smpt/),
        ],
      }),
    );
  });

  it('gives every campaign the office mailbox and SMTP, key by key unless the campaign writes its own', async () => {
    const demo = await demoCampaign();
    const office = parseOfficeText(
      'mailbox:\n  host: imap.163.com\n  user: office@163.com\n  folders: [INBOX]\nsmtp:\n  host: smtp.163.com\n  user: office@163.com\nschedule: "0 * * * *"\n',
    );
    const plain = withOfficeSettings(demo, office);
    expect(plain.file.mailbox).toEqual({ host: 'imap.163.com', user: 'office@163.com', folders: ['INBOX'] });
    expect(plain.file.smtp).toEqual({ host: 'smtp.163.com', user: 'office@163.com' });
    expect(plain.file.schedule).toBe('0 * * * *');
    const own = withOfficeSettings({ ...demo, file: { ...demo.file, mailbox: { user: 'other@163.com', folder: '已收材料' } } }, office);
    expect(own.file.mailbox).toEqual({ host: 'imap.163.com', user: 'other@163.com', folder: '已收材料' });
  });
});

/**
 * One office, one mailbox, several campaigns (a workspace), against a real Dovecot: the units of
 * two campaigns of different shapes mail the same INBOX, among ordinary office mail, a late
 * answer to an earlier (archived) campaign and the office's own receipt. Each campaign must come
 * out exactly as if it had its own mailbox; the mailbox is read once per cycle; a campaign created
 * after its mail arrived finds it; a message that fits two campaigns equally is 待核实 in both
 * until the clerk settles it in one.
 */
import { appendFile, cp, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMail } from '../../examples/kit/mime.js';
import { loadCampaign } from '../../intake/kernel/campaign/load-campaign.js';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { beijing } from '../imap/mail-factory.js';
import { runCli } from '../support/cli.js';
import { type DovecotServer, startDovecot } from '../support/dovecot.js';
import { tempDir } from '../support/temp-dir.js';
import { campaignOutputs, loginsIn } from './campaign-outputs.js';
import { GONGKAI_FILES, GONGKAI_ROSTER, type OfficeMailbox, officeMailbox } from './office-mail.js';

const HUAMINGCE = join(packageRoot(), 'test', 'fixtures', 'campaigns', 'huamingce-2026');

function mailboxYaml(server: DovecotServer): string {
  return `mailbox:\n  host: ${server.host}\n  port: ${server.port}\n  tls: false\n  user: ${server.user}\n  folders: [INBOX]\n`;
}

interface StatusJson {
  units: { unit: string; status: string; messages: string[] }[];
  unidentified: { message: string; reason: string; candidates: string[] }[];
}

interface OverviewJson {
  campaigns: { name: string; archived: boolean; counts: Record<string, number>; messages: number; unidentified: number }[];
  unrouted: { message: string; subject: string; reason: string }[];
}

describe('a workspace of campaigns reading one mailbox', () => {
  let server: DovecotServer;
  let workspace: string;
  let mail: OfficeMailbox;
  let env: NodeJS.ProcessEnv;
  const cli = (args: readonly string[]) => runCli(args, { env, timeoutMs: 300_000 });
  const status = async (name: string) =>
    JSON.parse((await cli(['status', '--workspace', workspace, '--campaign', name, '--json'])).stdout) as StatusJson;
  const overview = async () => JSON.parse((await cli(['status', '--workspace', workspace, '--json'])).stdout) as OverviewJson;

  beforeAll(async () => {
    server = await startDovecot();
    env = { HUIZONG_IMAP_PASSWORD: server.password };
    workspace = join(await tempDir('huizong-workspace-imap-'), '秘书科');
    expect((await runCli(['init', join(workspace, '保密审查')])).code).toBe(0);
    await writeFile(join(workspace, 'office.yaml'), `# 办公室的收信邮箱\n${mailboxYaml(server)}`);
    // An earlier campaign, finished and archived.
    await cp(HUAMINGCE, join(workspace, '保密培训'), { recursive: true });
    await writeFile(join(workspace, '保密培训', 'archived.yaml'), 'archivedAt: "2026-07-01T00:00:00+08:00"\n');
    mail = await officeMailbox(await loadCampaign(join(workspace, '保密审查')));
    await server.append('INBOX', mail.all);
  }, 120_000);

  afterAll(async () => {
    await server?.dispose();
  });

  it('reads the mailbox once per cycle for every campaign, never takes the office’s own mail, and keeps late mail with its archived campaign', async () => {
    const logBefore = (await server.log()).length;
    const run = await cli(['run', '--workspace', workspace]);
    expect(run.code, run.stderr).toBe(0);
    expect(loginsIn(await server.log(), logBefore)).toBe(1);
    // Nine messages: the receipt the office sent and a note without attachment are not downloaded.
    expect(run.stdout).toMatch(/收信：看到 9 封，新 7 封，存入 7 封，忽略 2 封/);
    const stored = (await readdir(join(workspace, 'data', 'mail'), { recursive: true })).filter((name) => name.endsWith('.eml'));
    expect(stored).toHaveLength(7);
    // The archived campaign is never written; its late 花名册 is its own, shown when asked.
    expect(await readdir(join(workspace, '保密培训'))).not.toContain('out');
    const late = await status('保密培训');
    expect(late.units.find((unit) => unit.unit === '庞村镇')!.messages).toHaveLength(1);
  }, 300_000);

  it('lets a campaign created after its mail arrived find it, in the same mailbox, in one more poll', async () => {
    const init = await cli(['init', join(workspace, '政务公开'), '--from', ...GONGKAI_FILES, '--roster', GONGKAI_ROSTER]);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('本活动使用工作区 office.yaml 中的收信邮箱');
    expect(init.stdout).toContain(`npx huizong run --workspace`);
    const logBefore = (await server.log()).length;
    const run = await cli(['run', '--workspace', workspace]);
    expect(run.code, run.stderr).toBe(0);
    expect(loginsIn(await server.log(), logBefore)).toBe(1);
    expect(run.stdout).toMatch(/收信：看到 0 封/);

    const campaigns = (await overview()).campaigns;
    expect(campaigns.map((item) => [item.name, item.archived, item.messages])).toEqual([
      ['保密培训', true, 1],
      ['保密审查', false, 3],
      ['政务公开', false, 2],
    ]);
    const baomi = await status('保密审查');
    expect(Object.fromEntries(baomi.units.filter((unit) => unit.messages.length > 0).map((unit) => [unit.unit, unit.status]))).toEqual({
      庞村镇: '按时报送',
      李村镇: '按时报送',
      寇店镇: '数据有误',
    });
    const gongkai = await status('政务公开');
    expect(gongkai.units.map((unit) => [unit.unit, unit.messages.length])).toEqual([
      ['庞村镇人民政府', 1],
      ['李村镇人民政府', 1],
      ['区财政局', 0],
    ]);
    // The ordinary mail with an attachment is in no campaign; the workspace lists it.
    expect((await overview()).unrouted.map((item) => item.subject)).toEqual(['关于召开全区防汛工作会议的通知']);
  }, 300_000);

  it('gives each campaign exactly what it would make with its own mailbox holding only its own mail', async () => {
    for (const [name, own] of [
      ['保密审查', mail.baomi],
      ['政务公开', mail.gongkai],
    ] as const) {
      const alone = await startDovecot();
      try {
        await alone.append('INBOX', own);
        const dir = join(await tempDir('huizong-alone-'), name);
        await cp(join(workspace, name), dir, { recursive: true, filter: (source) => !/[/\\](data|out)$/.test(source) });
        await appendFile(join(dir, 'campaign.yaml'), `\n${mailboxYaml(alone)}`);
        const run = await runCli(['run', '--campaign', dir], { env: { HUIZONG_IMAP_PASSWORD: alone.password }, timeoutMs: 300_000 });
        expect(run.code, run.stderr).toBe(0);
        const separate = await campaignOutputs(['--campaign', dir], join(dir, 'out'));
        const shared = await campaignOutputs(['--workspace', workspace, '--campaign', name], join(workspace, name, 'out'), env);
        expect(shared, name).toEqual(separate);
      } finally {
        await alone.dispose();
      }
    }
  }, 600_000);

  it('puts a message that fits two campaigns equally in both, 待核实, until the clerk settles it in one', async () => {
    const both = buildMail({
      from: { name: '张伟', address: 'zhangwei1985@163.com' },
      subject: '关于伊滨办〔2013〕62号和伊滨办〔2026〕21号通知的说明',
      date: beijing('2013-08-18T10:00:00'),
      text: '两份通知的材料稍后补报，先作说明。',
      attachments: [{ filename: '说明.txt', content: Buffer.from('材料正在整理，稍后补报。', 'utf8') }],
    });
    await server.append('INBOX', [{ raw: both, internalDate: beijing('2013-08-18T10:00:05') }]);
    expect((await cli(['run', '--workspace', workspace])).code).toBe(0);
    const reason = '同时符合「政府信息公开保密审查专项检查」和「2026年度政务公开工作统计数据」两个活动，不能确定属于哪一个';
    const [baomi, gongkai] = [await status('保密审查'), await status('政务公开')];
    expect(baomi.unidentified).toEqual([expect.objectContaining({ reason })]);
    expect(gongkai.unidentified).toEqual([expect.objectContaining({ reason, message: baomi.unidentified[0]!.message })]);

    // The clerk attributes it in one campaign: it belongs there only.
    await writeFile(
      join(workspace, '保密审查', 'decisions.yaml'),
      `assign:\n  - message: "${baomi.unidentified[0]!.message}"\n    unit: 区财政局\n    reason: 电话核实是区财政局的说明\n`,
    );
    const merge = await cli(['merge', '--workspace', workspace]);
    expect(merge.code, merge.stderr).toBe(0);
    const settled = await status('保密审查');
    expect(settled.unidentified).toEqual([]);
    expect(settled.units.find((unit) => unit.unit === '区财政局')!.messages).toEqual([baomi.unidentified[0]!.message]);
    expect((await status('政务公开')).unidentified).toEqual([]);
    expect((await overview()).campaigns.find((item) => item.name === '政务公开')!.messages).toBe(2);
  }, 300_000);
});

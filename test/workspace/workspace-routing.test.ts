/**
 * Routing in a workspace, with the real CLI: two campaigns of the office share a folder of .eml
 * files; one campaign's keywords carry the generic words init --from used to propose (统计, 总结,
 * 报告). A unit's unrelated 关于…的报告 must stay out of every campaign — never becoming that unit's
 * written report —, and a mail with both campaigns' tables must not make either say it found no
 * table in the other's file.
 */
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMail, type MailAttachmentSpec } from '../../examples/kit/mime.js';
import { buildReportDocx } from '../../examples/kit/report-docx.js';
import { runCli } from '../support/cli.js';
import { type FixtureCampaign, fixtureCampaignDir } from '../support/fixture-campaigns.js';
import { tempDir } from '../support/temp-dir.js';

const at = (text: string) => new Date(`${text}+08:00`);

const unitFile = async (campaign: FixtureCampaign, name: string): Promise<MailAttachmentSpec> => ({
  filename: name,
  content: await readFile(join(fixtureCampaignDir(campaign), 'units', name)),
});

async function mail(spec: { address: string; unit: string; subject: string; sent: string; files: MailAttachmentSpec[] }) {
  return buildMail({
    from: { name: spec.unit, address: spec.address },
    subject: spec.subject,
    date: at(spec.sent),
    receivedAt: at(spec.sent),
    text: '请查收。',
    attachments: spec.files,
  });
}

async function unrelatedReport(unit: string, title: string): Promise<MailAttachmentSpec> {
  return {
    filename: `${unit}${title}.docx`,
    content: await buildReportDocx({
      unitName: unit,
      date: '2026年6月1日',
      paragraphs: [
        `关于${title}的报告`,
        '根据工作需要，现将有关安排报告如下。一、成立领导小组。二、开展宣传活动。三、组织应急演练。特此报告。',
      ],
    }),
  };
}

interface UnitStatus {
  unit: string;
  statusKey: string;
  reportFile: string | null;
  messages: string[];
  problems: { code: string; message: string }[];
}

let units: Record<string, UnitStatus[]>;
let unrouted: { subject: string }[];

beforeAll(async () => {
  const root = await tempDir();
  const workspace = join(root, '秘书科');
  for (const [name, campaign] of [
    ['政务公开', 'gongkai-2026'],
    ['保密培训', 'huamingce-2026'],
  ] as const)
    await cp(fixtureCampaignDir(campaign), join(workspace, name), { recursive: true, filter: (source) => !source.includes('/units') });
  // What init --from used to propose besides the title and tables: the generic words of the materials asked for.
  const yaml = join(workspace, '政务公开', 'campaign.yaml');
  await writeFile(
    yaml,
    (await readFile(yaml, 'utf8')).replace(
      'keywords: [政务公开, 年度统计, 培训台账]',
      'keywords: [政务公开, 年度统计, 培训台账, 书面总结报告, 统计, 总结, 报告]',
    ),
  );
  const mailbox = join(root, 'mailbox');
  await mkdir(mailbox);
  const pangcun = { address: 'pangcun@yibin-demo.gov.cn', unit: '庞村镇' };
  const mails = [
    await mail({
      ...pangcun,
      subject: '庞村镇报送材料',
      sent: '2026-06-10T09:00:00',
      files: [
        await unitFile('gongkai-2026', '庞村镇政务公开统计表.xlsx'),
        await unitFile('gongkai-2026', '庞村镇政务公开工作总结.docx'),
        await unitFile('huamingce-2026', '庞村镇保密培训花名册.xlsx'),
      ],
    }),
    await mail({
      ...pangcun,
      subject: '关于安全生产月活动安排的报告',
      sent: '2026-06-12T09:00:00',
      files: [await unrelatedReport('庞村镇', '安全生产月活动安排')],
    }),
    await mail({
      address: 'licun@yibin-demo.gov.cn',
      unit: '李村镇',
      subject: '关于2026年办公用品采购计划的报告',
      sent: '2026-06-11T09:00:00',
      files: [await unrelatedReport('李村镇', '办公用品采购计划')],
    }),
  ];
  for (const [index, raw] of mails.entries()) await writeFile(join(mailbox, `${index + 1}.eml`), raw);
  const run = await runCli(['run', '--workspace', workspace, '--mailbox-dir', mailbox], { timeoutMs: 300_000 });
  expect(run.code, run.stderr).toBe(0);
  const overview = JSON.parse((await runCli(['status', '--workspace', workspace, '--json'])).stdout) as { unrouted: { subject: string }[] };
  unrouted = overview.unrouted;
  units = {};
  for (const name of ['政务公开', '保密培训']) {
    const status = await runCli(['status', '--workspace', workspace, '--campaign', name, '--json']);
    units[name] = (JSON.parse(status.stdout) as { units: UnitStatus[] }).units;
  }
}, 300_000);

const unitOf = (campaign: string, unit: string) => units[campaign]!.find((item) => item.unit === unit)!;

describe('routing the mail of a workspace', () => {
  it('leaves a unit’s unrelated 关于…的报告 in no campaign, even where 报告 is a keyword', () => {
    expect(unrouted.map((item) => item.subject).sort()).toEqual(['关于2026年办公用品采购计划的报告', '关于安全生产月活动安排的报告']);
    expect(unitOf('政务公开', '庞村镇').reportFile).toBe('庞村镇政务公开工作总结.docx');
    expect(unitOf('政务公开', '庞村镇').messages).toHaveLength(1);
    expect(unitOf('政务公开', '李村镇').statusKey).toBe('missing');
    expect(unitOf('保密培训', '李村镇').statusKey).toBe('missing');
  });

  it('does not say a campaign’s table is missing from the file that holds the other campaign’s', () => {
    for (const campaign of ['政务公开', '保密培训']) {
      expect(
        unitOf(campaign, '庞村镇')
          .problems.filter((item) => item.code === 'table.not_found')
          .map((item) => item.message),
        campaign,
      ).toEqual([]);
    }
  });
});

/**
 * A campaign whose only table is a list, for the benchmark of issue 20: N units, each a mail
 * with an .xlsx 整改台账 of 50 rows (texts, a choice, two dates, an amount, a yes/no), the
 * header under a title and a 填报单位 line as offices' templates have it. Generated once per size
 * into a cache folder; the campaign folder is written afresh each time.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { buildMail } from '../../examples/kit/mime.js';
import type { Corpus } from './corpus.js';
import { unitAddress, unitName } from './corpus.js';

export const LIST_CORPUS_VERSION = 1;
export const LIST_ROWS = 50;

const CAMPAIGN_YAML = `title: 基准测试隐患整改台账
documentNumber: 伊滨办〔2026〕99号
issuingOffice: 洛阳伊滨区管委会办公室
secretariat: 区综合办公室秘书科
materials: 整改台账
noticeTitle: 关于报送隐患整改台账的通知
deadline: "2026-05-25T18:00:00+08:00"
recipients: 各单位
keywords: [隐患整改台账]
tables:
  - name: 隐患整改台账
    kind: 台账
    unitField: 填报单位
    columns:
      - { label: 序号, type: 整数 }
      - { label: 隐患地点, type: 文字, required: true }
      - { label: 隐患类别, type: 单选, options: [地质灾害, 城市内涝, 危房, 其他] }
      - { label: 发现日期, type: 日期, required: true }
      - { label: 整改时限, type: 日期 }
      - { label: 整改资金(万元), type: 金额, places: 2 }
      - { label: 是否完成整改, type: 单选 }
rules:
  - 整改时限 >= 发现日期
required: [隐患整改台账]
`;

const KINDS = ['地质灾害', '城市内涝', '危房', '其他'];

async function listFile(index: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow(['隐患整改台账']);
  sheet.addRow([`填报单位：${unitName(index)}`, '', '', '', '填报日期：2026年5月20日']);
  sheet.addRow(['序号', '隐患地点', '隐患类别', '发现日期', '整改时限', '整改资金(万元)', '是否完成整改']);
  for (let row = 1; row <= LIST_ROWS; row++) {
    const day = 1 + ((index + row) % 20);
    sheet.addRow([
      row,
      `${unitName(index)}第${row}处隐患点（${(index * 7 + row) % 97}号地块）`,
      KINDS[(index + row) % KINDS.length],
      new Date(Date.UTC(2026, 4, day)),
      new Date(Date.UTC(2026, 5, day)),
      ((index * 13 + row * 7) % 500) / 100,
      row % 3 === 0 ? '否' : '是',
    ]);
  }
  for (const column of [4, 5]) sheet.getColumn(column).numFmt = 'yyyy-mm-dd';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function ensureListCorpus(units: number, root = join(tmpdir(), 'huizong-bench')): Promise<Corpus> {
  const dir = join(root, `list-${units}-v${LIST_CORPUS_VERSION}`);
  const campaignDir = join(dir, 'campaign');
  const mailDir = join(dir, 'mail');
  const marker = join(dir, 'complete.json');
  const writeCampaign = async () => {
    await rm(campaignDir, { recursive: true, force: true });
    await mkdir(campaignDir, { recursive: true });
    await writeFile(join(campaignDir, 'campaign.yaml'), CAMPAIGN_YAML);
    const roster = ['单位名称,别名,邮箱', ...Array.from({ length: units }, (_, i) => `${unitName(i + 1)},,${unitAddress(i + 1)}`)];
    await writeFile(join(campaignDir, 'roster.csv'), `${roster.join('\n')}\n`);
  };
  if (existsSync(marker)) {
    await writeCampaign();
    return { units, campaignDir, mailDir, ...(JSON.parse(await readFile(marker, 'utf8')) as { messages: number; bytes: number }) };
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(mailDir, { recursive: true });
  await writeCampaign();
  let bytes = 0;
  for (let index = 1; index <= units; index++) {
    const received = new Date(Date.parse('2026-05-20T02:00:00Z') + index * 1000);
    const raw = buildMail({
      from: { name: unitName(index), address: unitAddress(index) },
      subject: `${unitName(index)}隐患整改台账`,
      date: received,
      receivedAt: received,
      attachments: [{ filename: `${unitName(index)}隐患整改台账.xlsx`, content: await listFile(index) }],
    });
    await writeFile(join(mailDir, `${String(index).padStart(5, '0')}.eml`), raw);
    bytes += raw.length;
  }
  await writeFile(marker, JSON.stringify({ messages: units, bytes }));
  return { units, campaignDir, mailDir, messages: units, bytes };
}

/**
 * Realistic campaigns for the benchmark: N units, each a mail with a ~20 KB .xlsx table and a
 * ~30 KB .docx report, some with problems (若干 in a cell, late, report missing, nothing sent).
 * Generated once per size into a cache folder (generation is slow; the corpus never changes).
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { buildMail } from '../../examples/kit/mime.js';
import { buildReportDocx, defaultReportParagraphs } from '../../examples/kit/report-docx.js';
import { buildStatisticsTable } from '../../examples/kit/statistics-table.js';
import { loadCampaign } from '../../intake/kernel/campaign/load-campaign.js';
import { bundledCampaignDir } from '../../intake/kernel/package-root.js';

export const CORPUS_VERSION = 1;

export interface Corpus {
  units: number;
  campaignDir: string;
  mailDir: string;
  messages: number;
  bytes: number;
}

export const unitName = (index: number) => `示范单位${String(index).padStart(5, '0')}`;
export const unitAddress = (index: number) => `u${String(index).padStart(5, '0')}@bench.example.cn`;

/** A deterministic pseudo-random sequence, so every generated corpus is the same. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** ~20 KB: the table plus a sheet of filling instructions, as units' files often have. */
async function tableFile(campaign: Awaited<ReturnType<typeof loadCampaign>>, index: number, next: () => number): Promise<Buffer> {
  const values: Record<string, number | string> = {};
  for (const column of campaign.countColumns) values[column.key] = Math.floor(next() * 60);
  for (const rule of campaign.rules) {
    const [left, right] = rule.operands.map((operand) => (operand.kind === 'column' ? operand.ref.column : ''));
    if (rule.code === 'rule.lte' && left && right) values[left] = Math.min(Number(values[left]), Number(values[right]));
  }
  if (index % 20 === 7) values.computersClassified = '若干';
  const table = await buildStatisticsTable(campaign, { unitName: unitName(index), date: '2013年8月15日', values });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(table as unknown as ArrayBuffer);
  const notes = workbook.addWorksheet('填表说明');
  for (let r = 1; r <= 260; r++)
    notes.addRow([r, `第${r}条：请按实际检查情况如实填写，编号${Math.floor(next() * 1e9)}，不得漏报、瞒报。`, Math.floor(next() * 1e6)]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** ~30 KB: the report's paragraphs, reshuffled with varying numbers so it does not compress away. */
async function reportFile(index: number, next: () => number): Promise<Buffer> {
  const base = defaultReportParagraphs(unitName(index));
  const paragraphs: string[] = [];
  for (let i = 0; i < 60; i++)
    paragraphs.push(
      `${base[Math.floor(next() * base.length)]}本项共检查${Math.floor(next() * 500)}处，整改${Math.floor(next() * 50)}处，记录编号${Math.floor(next() * 1e8)}。`,
    );
  return buildReportDocx({ unitName: unitName(index), date: '2013年8月15日', paragraphs });
}

export async function ensureCorpus(units: number, root = join(tmpdir(), 'huizong-bench')): Promise<Corpus> {
  const dir = join(root, `${units}-v${CORPUS_VERSION}`);
  const campaignDir = join(dir, 'campaign');
  const mailDir = join(dir, 'mail');
  const marker = join(dir, 'complete.json');
  if (existsSync(marker)) {
    // The mail is cached; the campaign folder is refreshed from the program's own (templates
    // change between versions), keeping the corpus's roster.
    const roster = await readFile(join(campaignDir, 'roster.csv'));
    await rm(campaignDir, { recursive: true, force: true });
    await cp(bundledCampaignDir(), campaignDir, { recursive: true });
    await writeFile(join(campaignDir, 'roster.csv'), roster);
    return { units, campaignDir, mailDir, ...(JSON.parse(await readFile(marker, 'utf8')) as { messages: number; bytes: number }) };
  }

  await rm(dir, { recursive: true, force: true });
  await mkdir(mailDir, { recursive: true });
  await cp(bundledCampaignDir(), campaignDir, { recursive: true });
  const roster = ['单位名称,别名,邮箱', ...Array.from({ length: units }, (_, i) => `${unitName(i + 1)},,${unitAddress(i + 1)}`)].join('\n');
  await writeFile(join(campaignDir, 'roster.csv'), `${roster}\n`);
  const campaign = await loadCampaign(campaignDir);
  const next = random(units);
  let messages = 0;
  let bytes = 0;
  const started = Date.now();
  for (let index = 1; index <= units; index++) {
    if (index % 30 === 11) continue; // sends nothing
    const late = index % 15 === 3;
    const received = new Date(Date.parse('2013-08-15T02:00:00Z') + (late ? 5 : 0) * 86_400_000 + index * 1000);
    const attachments = [{ filename: `${unitName(index)}自查情况统计表.xlsx`, content: await tableFile(campaign, index, next) }];
    if (index % 25 !== 5) attachments.push({ filename: `${unitName(index)}自查报告.docx`, content: await reportFile(index, next) });
    const raw = buildMail({
      from: { name: unitName(index), address: unitAddress(index) },
      subject: `${unitName(index)}自查材料`,
      date: received,
      receivedAt: received,
      attachments,
    });
    await writeFile(join(mailDir, `${String(index).padStart(5, '0')}.eml`), raw);
    messages++;
    bytes += raw.length;
    if (index % 500 === 0) process.stderr.write(`  生成测试邮件 ${index}/${units}（${Math.round((Date.now() - started) / 1000)} 秒）\n`);
  }
  await writeFile(marker, JSON.stringify({ messages, bytes }));
  return { units, campaignDir, mailDir, messages, bytes };
}

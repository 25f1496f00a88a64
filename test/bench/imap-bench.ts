/**
 * Mailbox performance (issue 3), against a real Dovecot on this machine:
 *   - a poll with nothing new on a 10,000-message mailbox (target < 1 s);
 *   - a first poll of 1,000 campaign messages, each with a ~20 KB table and a ~30 KB report,
 *     stored (target < 15 s);
 *   - memory flat in the number of messages (peak of a first poll of 250 vs 1,000 messages).
 * Each measured poll runs in a child process of its own (clean memory figures); figures are
 * medians of several runs, since the machine is shared.
 *
 * Run: npm run build && node dist/test/bench/imap-bench.js [--runs N]
 * Not part of `npm test`: targets live here, never in timed tests.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { buildMail } from '../../examples/kit/mime.js';
import { buildReportDocx, defaultReportParagraphs } from '../../examples/kit/report-docx.js';
import { buildStatisticsTable } from '../../examples/kit/statistics-table.js';
import { createCampaignFilter } from '../../intake/imap/campaign-filter.js';
import { pollMailbox } from '../../intake/imap/poll.js';
import type { ImapSettings } from '../../intake/imap/settings.js';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { loadCampaign } from '../../intake/kernel/campaign/load-campaign.js';
import { bundledCampaignDir } from '../../intake/kernel/package-root.js';
import { RawStore } from '../../intake/store/raw-store.js';
import { type AppendSpec, type DovecotServer, startDovecot } from '../support/dovecot.js';
import { officeMessage } from './office-mail.js';

const SELF = fileURLToPath(import.meta.url);

interface PollFigures {
  ms: number;
  stored: number;
  seen: number;
  /** Peak resident set size above the one before the poll, MB. */
  rssGrowthMB: number;
  /** Peak JS heap + array buffers during the poll, MB. */
  peakHeapMB: number;
}

// ---- child mode: one measured poll -------------------------------------------------------

async function childPoll(settingsJson: string, dataDir: string): Promise<void> {
  const settings = JSON.parse(settingsJson) as ImapSettings;
  settings.password = process.env.BENCH_IMAP_PASSWORD ?? '';
  const campaign = await loadCampaign(bundledCampaignDir(), { bundled: true });
  const filter = createCampaignFilter(campaign);
  globalThis.gc?.();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed + baseline.arrayBuffers;
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed + usage.arrayBuffers);
  };
  const timer = setInterval(sample, 10);
  const started = performance.now();
  const report = await pollMailbox({ settings, store: new RawStore(dataDir), storeDir: dataDir, filter });
  const ms = performance.now() - started;
  clearInterval(timer);
  sample();
  const figures: PollFigures = {
    ms,
    stored: report.stored,
    seen: report.seen,
    rssGrowthMB: (peakRss - baseline.rss) / 2 ** 20,
    peakHeapMB: peakHeap / 2 ** 20,
  };
  process.stdout.write(JSON.stringify(figures));
}

function measuredPoll(server: DovecotServer, folder: string, dataDir: string): Promise<PollFigures> {
  const settings: Omit<ImapSettings, 'password'> & { password: string } = {
    host: server.host,
    port: server.port,
    tls: false,
    allowUntrustedCertificate: false,
    user: server.user,
    password: '',
    folder,
    folders: [folder],
    includeJunk: false,
    moveTo: null,
    maxMessageBytes: 50 * 2 ** 20,
    timeoutMs: 600_000,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', SELF, '--child', JSON.stringify(settings), dataDir], {
      env: { ...process.env, BENCH_IMAP_PASSWORD: server.password },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as PollFigures) : reject(new Error(`poll child exited ${code}`))));
  });
}

// ---- mail -----------------------------------------------------------------------------------

let seed = 20130818;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

/** A ~20 KB table: the 附件2 table plus a sheet of village figures (as towns send). */
async function paddedTable(campaign: Campaign): Promise<Buffer> {
  const table = await buildStatisticsTable(campaign, {
    unitName: '庞村镇',
    date: '2013年8月15日',
    values: { departments: 12, computersUnclassified: 56 },
  });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(table as unknown as ArrayBuffer);
  const sheet = workbook.addWorksheet('村级明细');
  for (let row = 1; row <= 300; row++) sheet.addRow([`第${row}村`, ...Array.from({ length: 8 }, () => Math.floor(random() * 1000))]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A ~30 KB report: the usual paragraphs plus varied text (real reports do not repeat). */
async function longReport(): Promise<Buffer> {
  const characters = defaultReportParagraphs('庞村镇')
    .join('')
    .replace(/[，。、“”：；（）\s]/g, '');
  const paragraph = () => `${Array.from({ length: 200 }, () => characters[Math.floor(random() * characters.length)]).join('')}。`;
  return buildReportDocx({
    unitName: '庞村镇',
    date: '2013年8月15日',
    paragraphs: [...defaultReportParagraphs('庞村镇'), ...Array.from({ length: 60 }, paragraph)],
  });
}

function campaignMessage(campaign: Campaign, index: number, table: Buffer, report: Buffer): Buffer {
  const unit = campaign.roster[index % campaign.roster.length]!;
  return buildMail({
    from: { name: `${unit.name}办公室`, address: unit.emails[0]! },
    subject: `${unit.name}政府信息公开保密审查专项检查自查材料（${index + 1}）`,
    date: new Date(Date.UTC(2013, 7, 15, 2, 0, index % 60, index)),
    messageId: `<bench-${index}@yibin-demo.gov.cn>`,
    text: `秘书科：附件是${unit.name}的自查材料（第 ${index + 1} 份）。`,
    attachments: [
      { filename: `${unit.name}自查情况统计表.xlsx`, content: table },
      { filename: `${unit.name}自查报告.docx`, content: report },
    ],
  });
}

/** APPENDs over a few connections at once (filling 10,000 messages one by one is slow). */
async function fill(
  server: DovecotServer,
  folder: string,
  count: number,
  make: (index: number) => Buffer | Promise<Buffer>,
  connections = 4,
): Promise<void> {
  await server.append(folder, []);
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const batch: AppendSpec[] = [];
      const flush = async () => {
        if (batch.length > 0) await server.append(folder, batch.splice(0));
      };
      while (next < count) {
        const index = next++;
        batch.push({
          raw: await make(index),
          internalDate: new Date(Date.UTC(2013, 7, 15, 2, 0, 0, index)),
          flags: index % 3 === 0 ? ['\\Seen'] : [],
        });
        if (batch.length >= 200) await flush();
      }
      await flush();
    }),
  );
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const fmt = (value: number, digits = 0) => value.toFixed(digits);

async function main(): Promise<void> {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
  const campaign = await loadCampaign(bundledCampaignDir(), { bundled: true });
  const table = await paddedTable(campaign);
  const report = await longReport();
  const server = await startDovecot();
  const work = await mkdtemp(join(tmpdir(), 'huizong-bench-'));
  const lines: string[] = [];
  const log = (line: string) => {
    lines.push(line);
    process.stderr.write(`${line}\n`);
  };
  try {
    log(`机器：${execFileSync('nproc').toString().trim()} 核，Node ${process.version}；每项取 ${runs} 次的中位数`);
    log(
      `附件：统计表 ${fmt(table.length / 1024, 1)} KB，报告 ${fmt(report.length / 1024, 1)} KB；每封邮件 ${fmt(campaignMessage(campaign, 0, table, report).length / 1024, 1)} KB`,
    );

    // 1. Nothing new on a 10,000-message mailbox (9,900 office mail, 100 campaign mail).
    let started = performance.now();
    await fill(server, 'Big', 10_000, (index) =>
      index % 100 === 99 ? campaignMessage(campaign, index, table, report) : officeMessage(index),
    );
    log(`准备：APPEND 10,000 封用时 ${fmt((performance.now() - started) / 1000, 1)} 秒`);
    const bigData = join(work, 'big');
    const firstBig = await measuredPoll(server, 'Big', bigData);
    log(`10,000 封邮箱首次收信：${fmt(firstBig.ms)} ms，看到 ${firstBig.seen}，存入 ${firstBig.stored}`);
    const idle: number[] = [];
    for (let run = 0; run < runs; run++) idle.push((await measuredPoll(server, 'Big', bigData)).ms);
    log(`10,000 封邮箱、没有新邮件：中位数 ${fmt(median(idle))} ms（各次 ${idle.map((ms) => fmt(ms)).join('、')}；目标 < 1000 ms）`);
    const oneNew: number[] = [];
    for (let run = 0; run < runs; run++) {
      await server.append('Big', [{ raw: officeMessage(20_000 + run), internalDate: new Date() }]);
      oneNew.push((await measuredPoll(server, 'Big', bigData)).ms);
    }
    log(`10,000 封邮箱、新到 1 封无关邮件：中位数 ${fmt(median(oneNew))} ms（各次 ${oneNew.map((ms) => fmt(ms)).join('、')}）`);

    // 2. First poll of 1,000 campaign messages, and memory against 250.
    started = performance.now();
    await fill(server, 'Campaign1000', 1000, (index) => campaignMessage(campaign, index, table, report));
    await fill(server, 'Campaign250', 250, (index) => campaignMessage(campaign, 5000 + index, table, report));
    log(`准备：APPEND 1,250 封活动来信用时 ${fmt((performance.now() - started) / 1000, 1)} 秒`);
    const first: PollFigures[] = [];
    const quarter: PollFigures[] = [];
    const firstRuns = Math.max(3, Math.ceil(runs / 2));
    for (let run = 0; run < firstRuns; run++) {
      const dir = join(work, `first-${run}`);
      first.push(await measuredPoll(server, 'Campaign1000', dir));
      await rm(dir, { recursive: true, force: true });
      const small = join(work, `quarter-${run}`);
      quarter.push(await measuredPoll(server, 'Campaign250', small));
      await rm(small, { recursive: true, force: true });
    }
    for (const figures of first) if (figures.stored !== 1000) throw new Error(`stored ${figures.stored} of 1000`);
    log(
      `1,000 封活动来信首次收信并存档：中位数 ${fmt(median(first.map((f) => f.ms)) / 1000, 2)} 秒（各次 ${first.map((f) => fmt(f.ms / 1000, 2)).join('、')}；目标 < 15 秒）`,
    );
    log(
      `内存（峰值，中位数）：250 封 RSS 增长 ${fmt(median(quarter.map((f) => f.rssGrowthMB)), 1)} MB、堆 ${fmt(median(quarter.map((f) => f.peakHeapMB)), 1)} MB；1,000 封 RSS 增长 ${fmt(median(first.map((f) => f.rssGrowthMB)), 1)} MB、堆 ${fmt(median(first.map((f) => f.peakHeapMB)), 1)} MB`,
    );
  } finally {
    await server.dispose();
    await rm(work, { recursive: true, force: true });
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (process.argv[2] === '--child') await childPoll(process.argv[3]!, process.argv[4]!);
else await main();

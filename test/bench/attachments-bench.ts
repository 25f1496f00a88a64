/**
 * Benchmark (not a test): what reading attachments costs.
 *
 *   1. LibreOffice: the per-file cost of converting a batch of legacy files (half .xls, half
 *      .doc, one start) against converting a single file (one start for one file);
 *   2. the median time to extract one .xlsx and one .docx attachment (sniff, open, find the
 *      table, report text), warm.
 *
 * Figures are medians of several runs (the machine is shared and noisy).
 * Run: npm run build && node dist/test/bench/attachments-bench.js [--batch 40] [--runs 3]
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadCampaign } from '../../intake/kernel/campaign/load-campaign.js';
import { bundledCampaignDir, packageRoot } from '../../intake/kernel/package-root.js';
import { extractFile } from '../../pipeline/analyze/extract-file.js';
import { type ConversionRequest, convertBatch } from '../../pipeline/convert/convert-batch.js';
import { expandFiles } from '../../pipeline/extract/archive/expand.js';

const { values } = parseArgs({
  options: {
    batch: { type: 'string', default: '40' },
    runs: { type: 'string', default: '3' },
    extractions: { type: 'string', default: '40' },
  },
});
const batchSize = Number(values.batch);
const runs = Number(values.runs);
const extractions = Number(values.extractions);

const fixtures = join(packageRoot(), 'test', 'fixtures', 'attachments');
const fixture = (name: string) => readFile(join(fixtures, name));
const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

async function timed(action: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

async function conversionBench(): Promise<void> {
  const xls = await fixture('zhuge-table.xls');
  const doc = await fixture('licun-table.doc');
  const requests = (count: number): ConversionRequest[] =>
    Array.from({ length: count }, (_, index) =>
      index % 2 === 0 ? { key: `x${index}`, source: 'xls', content: xls } : { key: `d${index}`, source: 'doc', content: doc },
    );
  const check = (result: Awaited<ReturnType<typeof convertBatch>>, count: number) => {
    const converted = [...result.outcomes.values()].filter((outcome) => outcome.status === 'converted').length;
    if (converted !== count || result.starts !== 1)
      throw new Error(`expected ${count} conversions in one start, got ${converted} in ${result.starts}`);
  };
  const single: number[] = [];
  const batch: number[] = [];
  for (let run = 0; run < runs; run++) {
    single.push(await timed(async () => check(await convertBatch(requests(1)), 1)));
    batch.push(await timed(async () => check(await convertBatch(requests(batchSize)), batchSize)));
  }
  const one = median(single);
  const perFile = median(batch) / batchSize;
  console.log(`LibreOffice 转换（${runs} 次取中位数）`);
  console.log(`  单个文件（一次启动转换 1 个）：${ms(one)}`);
  console.log(`  批量 ${batchSize} 个（.xls、.doc 各半，一次启动）：共 ${ms(median(batch))}，每个文件 ${ms(perFile)}`);
  console.log(
    `  批量每个文件的成本约为单独转换的 ${((perFile / one) * 100).toFixed(1)}%；${batchSize} 个文件逐个转换需约 ${ms(one * batchSize)}`,
  );
}

async function extractionBench(): Promise<void> {
  const campaign = await loadCampaign(bundledCampaignDir(), { bundled: true });
  const limits = { maxFileBytes: 1e8, maxDepth: 3, maxFiles: 100, maxExpandedBytes: 1e9 };
  const cases = [
    ['.xlsx 统计表', 'sheshi-table.xlsx'],
    ['.docx 统计表（合并单元格）', 'pangcun-merged-table.docx'],
    ['.docx 报告 + 统计表', 'dianzhuang-report-then-table.docx'],
    ['.docx 报告', 'report.docx'],
  ] as const;
  console.log(`附件读取（识别格式、打开、找表、取报告文字；每种 ${extractions} 次取中位数，已预热）`);
  for (const [label, name] of cases) {
    const content = await fixture(name);
    const once = async () => {
      const [file] = await expandFiles([{ name, content }], limits);
      const facts = await extractFile(file!, campaign);
      if (facts.tables.length === 0 && facts.report === null) throw new Error(`nothing read from ${name}`);
    };
    for (let warm = 0; warm < 5; warm++) await once();
    const times: number[] = [];
    for (let run = 0; run < extractions; run++) times.push(await timed(once));
    console.log(`  ${label}（${name}，${(content.byteLength / 1024).toFixed(1)} KB）：${ms(median(times))}`);
  }
}

await conversionBench();
await extractionBench();

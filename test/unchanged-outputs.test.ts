/**
 * Doing only what changed (issue 15), with the real CLI on the demo mailbox: the facts index,
 * the input fingerprint next to the outputs, one new message analysed alone. Whatever path
 * the outputs take, they must be data-identical to those of a cold run over the same store:
 * the same cells in every sheet of the workbook, the same text in every document.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../intake/kernel/package-root.js';
import { runCli } from './support/cli.js';
import { paragraphTexts, readDocx } from './support/docx.js';
import { tempDir } from './support/temp-dir.js';
import { cellValues, readWorkbook } from './support/workbook.js';

const DEMO = join(packageRoot(), 'examples', 'mailbox');
const LATE_COMER = '17-nonglin-late.eml';

/** The workbook's cells and the documents' text; 数据截至 and dates are the intake's wall clock. */
async function outputData(outDir: string) {
  const names = (await readdir(outDir)).filter((name) => !name.startsWith('.')).sort();
  const workbook = JSON.stringify(cellValues(await readWorkbook(join(outDir, names.find((name) => name.endsWith('.xlsx'))!))))
    .replace(/数据截至：[^（"]*/g, '数据截至：…')
    .replace(/\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?Z?)?/g, '…')
    // 来源: the file a message was stored from (the same messages, from another folder).
    .replace(/"[^"]*\/([^"/]+\.eml)"/g, '"$1"');
  const documents: Record<string, string[]> = {};
  for (const name of names.filter((file) => file.endsWith('.docx'))) {
    documents[name] = paragraphTexts((await readDocx(join(outDir, name))).document).map((text) =>
      text.replace(/\d{4}年\d{1,2}月\d{1,2}日/g, '…日').replace(/\d{1,2}月\d{1,2}日\d{1,2}时/g, '…时'),
    );
  }
  return { names, workbook, documents };
}

async function mtimes(outDir: string): Promise<Record<string, number>> {
  const names = (await readdir(outDir)).filter((name) => !name.startsWith('.'));
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, (await stat(join(outDir, name))).mtimeMs] as const)));
}

describe('outputs made only when their inputs changed', () => {
  let root: string;
  let campaignDir: string;
  let reference: Awaited<ReturnType<typeof outputData>>;
  const args = (name: string) => ['--campaign', campaignDir, '--data', join(root, name, 'data'), '--out', join(root, name, 'out')];

  beforeAll(async () => {
    root = await tempDir('huizong-unchanged-');
    campaignDir = join(root, 'campaign');
    expect((await runCli(['init', campaignDir])).code).toBe(0);
    const cold = await runCli(['run', '--mailbox-dir', DEMO, ...args('cold')]);
    expect(cold.code, cold.stderr).toBe(0);
    reference = await outputData(join(root, 'cold', 'out'));
  }, 120_000);

  it('keeps every message facts in one index file, and a run with nothing new writes nothing', async () => {
    expect(existsSync(join(root, 'cold', 'data', 'cache', 'facts-index.jsonl'))).toBe(true);
    expect(existsSync(join(root, 'cold', 'data', 'cache', 'facts'))).toBe(false);
    const before = await mtimes(join(root, 'cold', 'out'));
    const again = await runCli(['run', '--mailbox-dir', DEMO, ...args('cold')]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('收信：读取 22 封，新存入 0 封，已存过 22 封');
    expect(again.stdout).toContain('汇总表和公文已是最新，本次未重写');
    expect(again.stdout).toContain('huizong merge --force');
    expect(again.stdout).toContain('共 18 个单位：按时报送 10，逾期报送 2，材料不全 2，数据有误 1，待核实 1，未报送 2');
    expect(await mtimes(join(root, 'cold', 'out'))).toEqual(before);
    const merge = await runCli(['merge', ...args('cold')]);
    expect(merge.stdout).toContain('本次未重写');
    expect(await mtimes(join(root, 'cold', 'out'))).toEqual(before);
  });

  it('rewrites with merge --force, and when an output was deleted or edited', async () => {
    const out = join(root, 'cold', 'out');
    const forced = await runCli(['merge', '--force', ...args('cold')]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).not.toContain('本次未重写');
    expect(await outputData(out)).toEqual(reference);
    const workbook = reference.names.find((name) => name.endsWith('.xlsx'))!;
    await writeFile(join(out, workbook), 'edited by hand');
    expect((await runCli(['merge', ...args('cold')])).stdout).not.toContain('本次未重写');
    expect(await outputData(out)).toEqual(reference);
    await rm(join(out, reference.names.find((name) => name.endsWith('.docx'))!));
    expect((await runCli(['merge', ...args('cold')])).stdout).not.toContain('本次未重写');
    expect(await outputData(out)).toEqual(reference);
  });

  it('rewrites when decisions.yaml or a template changes', async () => {
    const decisions = join(campaignDir, 'decisions.yaml');
    const original = existsSync(decisions) ? await readFile(decisions) : null;
    await writeFile(decisions, `${original ?? ''}\n# 核对过\n`);
    try {
      // A comment changes no decision: the same outputs, still not rewritten.
      expect((await runCli(['merge', ...args('cold')])).stdout).toContain('本次未重写');
      await writeFile(decisions, 'circular:\n  final: true\n');
      const changed = await runCli(['merge', ...args('cold')]);
      expect(changed.code, changed.stderr).toBe(0);
      expect(changed.stdout).not.toContain('本次未重写');
      expect((await readdir(join(root, 'cold', 'out'))).some((name) => name.includes('通报') && !name.includes('草稿'))).toBe(true);
    } finally {
      if (original === null) await rm(decisions, { force: true });
      else await writeFile(decisions, original);
      await rm(join(root, 'cold', 'out'), { recursive: true, force: true });
    }
    expect((await runCli(['merge', ...args('cold')])).code).toBe(0);
    const template = join(campaignDir, 'templates', '汇总报告.txt');
    const text = await readFile(template);
    await writeFile(template, Buffer.concat([text, Buffer.from('\n')]));
    try {
      expect((await runCli(['merge', ...args('cold')])).stdout).not.toContain('本次未重写');
    } finally {
      await writeFile(template, text);
    }
  });

  it('gives the same outputs from a lost or damaged index (rebuilt from the store)', async () => {
    const index = join(root, 'cold', 'data', 'cache', 'facts-index.jsonl');
    await rm(index);
    expect((await runCli(['merge', '--force', ...args('cold')])).code).toBe(0);
    expect(existsSync(index)).toBe(true);
    expect(await outputData(join(root, 'cold', 'out'))).toEqual(reference);
    await writeFile(index, '{"format":1,"messages":[{"receipt":');
    const damaged = await runCli(['merge', '--force', ...args('cold')]);
    expect(damaged.code, damaged.stderr).toBe(0);
    expect(await outputData(join(root, 'cold', 'out'))).toEqual(reference);
    // A head line, then one line a message.
    expect((await readFile(index, 'utf8')).trim().split('\n')).toHaveLength(22);
  });

  it('gives the same outputs when the last message arrives alone (one analysis, one rewrite)', async () => {
    const mail = join(root, 'mail');
    await mkdir(mail);
    for (const name of await readdir(DEMO)) if (name !== LATE_COMER) await copyFile(join(DEMO, name), join(mail, name));
    expect((await runCli(['run', '--mailbox-dir', mail, ...args('step')])).code).toBe(0);
    await copyFile(join(DEMO, LATE_COMER), join(mail, LATE_COMER));
    const step = await runCli(['run', '--mailbox-dir', mail, ...args('step')]);
    expect(step.code, step.stderr).toBe(0);
    expect(step.stdout).toContain('新存入 1 封');
    expect(step.stdout).not.toContain('本次未重写');
    expect(await outputData(join(root, 'step', 'out'))).toEqual(reference);
    const status = await runCli(['status', '--json', '--campaign', campaignDir, '--data', join(root, 'step', 'data')]);
    const cold = await runCli(['status', '--json', '--campaign', campaignDir, '--data', join(root, 'cold', 'data')]);
    const withoutAsOf = (text: string) => ({ ...(JSON.parse(text) as object), asOf: null });
    expect(withoutAsOf(status.stdout)).toEqual(withoutAsOf(cold.stdout));
  });
});

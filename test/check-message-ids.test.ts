/**
 * `huizong check` against the store: a decision naming a message that is not stored (typed
 * wrong, or crafted) is an error with its line; without a store it says the ids were not
 * checked. And the run's summary sends the clerk to the console to decide doubtful mail.
 */
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { demoCampaignWithMail } from './support/console-campaign.js';
import { tempDir } from './support/temp-dir.js';

describe('huizong check and the stored messages', () => {
  it('flags an assign or ignore whose message is not stored, with its line; a stored one passes', async () => {
    const dir = await demoCampaignWithMail();
    const status = JSON.parse((await runCli(['status', '--campaign', dir, '--json'])).stdout) as { unidentified: { message: string }[] };
    const stored = status.unidentified[0]!.message;
    const text = await readFile(join(dir, 'decisions.yaml'), 'utf8');
    await writeFile(
      join(dir, 'decisions.yaml'),
      text
        .replace('assign: []', `assign:\n  - message: "${stored}"\n    unit: 庞村镇\n    reason: 已电话核实`)
        .replace('ignore: []', 'ignore:\n  - message: "abcdef012345"\n    reason: 伪造'),
    );
    const checked = await runCli(['check', '--campaign', dir]);
    expect(checked.code).toBe(2);
    const line = (await readFile(join(dir, 'decisions.yaml'), 'utf8')).split('\n').findIndex((item) => item.includes('abcdef012345')) + 1;
    expect(checked.stdout).toContain(`decisions.yaml 第 ${line} 行：存档中没有编号为「abcdef012345」的来信`);
    expect(checked.stdout).not.toContain(stored);
  });

  it('says the ids were not checked when there is no stored mail, and finds the store given with --data', async () => {
    const dir = await demoCampaignWithMail();
    await appendFile(join(dir, 'decisions.yaml'), '');
    const text = await readFile(join(dir, 'decisions.yaml'), 'utf8');
    await writeFile(join(dir, 'decisions.yaml'), text.replace('ignore: []', 'ignore:\n  - message: "abcdef012345"\n    reason: 伪造'));
    const elsewhere = await tempDir('huizong-check-empty-');
    const unchecked = await runCli(['check', '--campaign', dir, '--data', elsewhere]);
    expect(unchecked.code).toBe(0);
    expect(unchecked.stdout).toContain('没有存档的来信，未核对 decisions.yaml 中的来信编号');
    expect((await runCli(['check', '--campaign', dir, '--data', join(dir, 'data')])).code).toBe(2);
  });

  it('points the clerk to the console for doubtful mail in the run’s summary', async () => {
    const dir = join(await tempDir('huizong-summary-'), '活动');
    expect((await runCli(['init', dir])).code).toBe(0);
    const { packageRoot } = await import('../intake/kernel/package-root.js');
    const run = await runCli(['run', '--campaign', dir, '--mailbox-dir', join(packageRoot(), 'examples', 'mailbox')]);
    expect(run.stdout).toMatch(/待核实来信 \d+ 封（请在控制台的“待核实”页认定单位/);
  });
});

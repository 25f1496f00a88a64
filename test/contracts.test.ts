/**
 * The published contracts: the shape of `status --json` (README example and the real output of
 * the demo) and the catalogue of problem codes (README table = problem-codes.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../intake/kernel/package-root.js';
import { PROBLEM_CODES } from '../intake/kernel/problem-codes.js';
import { statusJsonSchema } from '../output/doors/cli/status-json-schema.js';
import { runCli } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';

const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8');

function section(heading: string): string {
  const start = readme.indexOf(heading);
  expect(start, `README 中没有「${heading}」一节`).toBeGreaterThanOrEqual(0);
  const next = readme.indexOf('\n#', start + heading.length);
  return readme.slice(start, next < 0 ? undefined : next);
}

describe('status --json', () => {
  let real: unknown;
  beforeAll(async () => {
    const dir = await tempDir('huizong-contracts-');
    const args = ['--data', join(dir, 'data'), '--out', join(dir, 'out')];
    const run = await runCli(['run', '--mailbox-dir', join(packageRoot(), 'examples', 'mailbox'), ...args], { cwd: dir });
    expect(run.code).toBe(0);
    const status = await runCli(['status', '--json', '--data', join(dir, 'data')], { cwd: dir });
    expect(status.code).toBe(0);
    real = JSON.parse(status.stdout);
  });

  it('has the declared shape in the README example', () => {
    const example = /```json\n([\s\S]*?)\n```/.exec(section('### `status --json`'))![1]!;
    const parsed = statusJsonSchema.safeParse(JSON.parse(example));
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('has the declared shape in real output, with statusKey beside the Chinese status', () => {
    const parsed = statusJsonSchema.safeParse(real);
    expect(parsed.error?.issues ?? []).toEqual([]);
    const units = parsed.data!.units;
    expect(units.find((unit) => unit.unit === '庞村镇')).toMatchObject({ status: '按时报送', statusKey: 'onTime' });
    expect(units.find((unit) => unit.unit === '佃庄镇')).toMatchObject({ status: '未报送', statusKey: 'missing' });
  });
});

describe('problem codes', () => {
  it('are the README table, code for code, with the same severity', () => {
    const rows = [...section('### 问题代码').matchAll(/^\| `([a-z0-9_.]+)` \| (错误|提示) \|/gm)].map((match) => [match[1], match[2]]);
    const catalogue = Object.entries(PROBLEM_CODES).map(([code, entry]) => [code, entry.severity === 'error' ? '错误' : '提示']);
    expect(rows).toEqual(catalogue);
  });
});

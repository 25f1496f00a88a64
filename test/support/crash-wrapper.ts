/**
 * Runs the huizong CLI with a fault injected at its n-th durable step. Every durable step of
 * huizong is a rename (atomic-write.ts: temp file, fsync, rename), so counting renames counts
 * the steps of a run. With HUIZONG_TEST_CRASH_AT=n the process kills itself with SIGKILL just
 * before the n-th rename (temp file written, not yet in place) or, with
 * HUIZONG_TEST_CRASH_MODE=after, just after it; with HUIZONG_TEST_CRASH_MODE=fail the n-th
 * rename fails as a full disk would. It always reports the steps it saw (HUIZONG_STEPS=…).
 *
 * Test code only: production code has no fault hooks; this patches node:fs/promises from
 * outside before the CLI is loaded.
 * Usage: node dist/test/support/crash-wrapper.js <huizong args…>
 */
import fs from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';

const crashAt = Number(process.env.HUIZONG_TEST_CRASH_AT ?? 0);
const mode = process.env.HUIZONG_TEST_CRASH_MODE ?? 'before';
let steps = 0;

const report = () => process.stderr.write(`\nHUIZONG_STEPS=${steps}\n`);
const die = () => {
  report();
  process.kill(process.pid, 'SIGKILL');
};

const rename = fs.rename;
fs.rename = async (from, to) => {
  steps++;
  if (steps === crashAt && mode === 'before') die();
  if (steps === crashAt && mode === 'fail') {
    process.stderr.write(`\nHUIZONG_FAILED_PATH=${String(to)}\n`);
    throw Object.assign(new Error(`ENOSPC: no space left on device, rename '${String(from)}'`), { code: 'ENOSPC' });
  }
  await rename(from, to);
  if (steps === crashAt && mode === 'after') die();
};
syncBuiltinESMExports();

process.on('exit', report);
const { main } = await import('../../output/doors/cli/main.js');
process.exitCode = await main(process.argv.slice(2));

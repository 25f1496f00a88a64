/**
 * Runs the huizong CLI with a fault injected at its n-th durable step. Every durable step of
 * huizong is a rename (atomic-write.ts: temp file, fsync, rename), so counting renames counts
 * the steps of a run — in every thread: the hooks (crash-hooks.ts) are loaded here and, before
 * its own script, in each worker thread the CLI starts. With HUIZONG_TEST_CRASH_AT=n the process
 * kills itself with SIGKILL just before the n-th rename (temp file written, not yet in place) or,
 * with HUIZONG_TEST_CRASH_MODE=after, just after it; with HUIZONG_TEST_CRASH_MODE=fail the n-th
 * rename fails as a full disk would; with HUIZONG_TEST_FAIL_ENDING=.docx every rename to such a
 * path fails so. It always reports the steps it saw (HUIZONG_STEPS=…).
 *
 * Test code only: production code has no fault hooks; this patches node:fs/promises and the
 * Worker class from outside before the CLI is loaded.
 * Usage: node dist/test/support/crash-wrapper.js <huizong args…>
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import threads, { type WorkerOptions } from 'node:worker_threads';

// Before the hooks load: they and every worker (which copies the environment) read it. A test
// gives an empty folder of its own (a killed run cannot remove one); otherwise one is made here.
const own = !process.env.HUIZONG_TEST_STEPS_DIR;
const stepsDir = process.env.HUIZONG_TEST_STEPS_DIR ?? mkdtempSync(join(tmpdir(), 'huizong-steps-'));
process.env.HUIZONG_TEST_STEPS_DIR = stepsDir;
const { reportSteps } = await import('./crash-hooks.js');

const HOOKS = new URL('./crash-hooks.js', import.meta.url).href;
const Original = threads.Worker;
/** A worker that loads the hooks, then its own script (as an ES module, as the CLI's are). */
class HookedWorker extends Original {
  constructor(script: string | URL, options: WorkerOptions = {}) {
    const target = script instanceof URL ? script.href : pathToFileURL(script).href;
    super(`import(${JSON.stringify(HOOKS)}).then(() => import(${JSON.stringify(target)}))`, { ...options, eval: true });
  }
}
threads.Worker = HookedWorker;
syncBuiltinESMExports();

process.on('exit', () => {
  reportSteps();
  if (own) rmSync(stepsDir, { recursive: true, force: true });
});
const { main } = await import('../../output/doors/cli/main.js');
process.exitCode = await main(process.argv.slice(2));

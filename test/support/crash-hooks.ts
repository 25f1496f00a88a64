/**
 * The fault hooks of crash-wrapper.ts, in whichever thread loads them: the main thread, and each
 * worker thread the CLI starts (the documents are written in one), so that the renames of every
 * thread are the run's durable steps. The steps are numbered across threads by markers in one
 * folder (HUIZONG_TEST_STEPS_DIR, made by the wrapper): mkdir of the n-th marker succeeds for
 * exactly one rename, whichever thread asks. Test code only.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import fs from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';

const stepsDir = process.env.HUIZONG_TEST_STEPS_DIR!;
const crashAt = Number(process.env.HUIZONG_TEST_CRASH_AT ?? 0);
const mode = process.env.HUIZONG_TEST_CRASH_MODE ?? 'before';
/** With it, the renames to a path ending so fail as a full disk would, whatever their step. */
const failEnding = process.env.HUIZONG_TEST_FAIL_ENDING;

/** How many renames the run has made so far, in every thread. */
export const stepsTaken = (): number => readdirSync(stepsDir).length;

/** This rename's number in the run. */
function nextStep(): number {
  for (let step = stepsTaken() + 1; ; step++) {
    try {
      mkdirSync(join(stepsDir, String(step)));
      return step;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

export const reportSteps = () => process.stderr.write(`\nHUIZONG_STEPS=${stepsTaken()}\n`);

const die = () => {
  reportSteps();
  process.kill(process.pid, 'SIGKILL');
};

const rename = fs.rename;
fs.rename = async (from, to) => {
  const step = nextStep();
  if (step === crashAt && mode === 'before') die();
  if ((step === crashAt && mode === 'fail') || (failEnding && String(to).endsWith(failEnding))) {
    process.stderr.write(`\nHUIZONG_FAILED_PATH=${String(to)}\n`);
    throw Object.assign(new Error(`ENOSPC: no space left on device, rename '${String(from)}'`), { code: 'ENOSPC' });
  }
  await rename(from, to);
  if (step === crashAt && mode === 'after') die();
};
syncBuiltinESMExports();

/**
 * 重新汇总, and what a template save does once the file is written: the runner over the stored
 * mail (outputs written when their inputs changed, caches and output record kept current, as
 * `huizong merge` does), its state taken by the console while the lock is still held.
 */
import type { ConsoleState } from '../state/console-state.js';
import { withConsoleLock, writerOf } from './guards.js';
import { type ActionResult, listOutputs, outputChanges } from './output-changes.js';

/** The caller holds the data lock (withConsoleLock: the outputs written behind decisions are finished). */
export async function rebuildLocked(state: ConsoleState): Promise<ActionResult> {
  const context = await state.loadContext();
  writerOf(state).forget(context.outDir);
  const before = await listOutputs(context.outDir);
  const { run } = await state.run(context, { outputs: 'write' });
  await state.adopt({ ...run!, context });
  return { written: run!.written!, changes: outputChanges(before, await listOutputs(context.outDir)) };
}

export function rebuild(state: ConsoleState): Promise<ActionResult> {
  return withConsoleLock(state, () => rebuildLocked(state));
}

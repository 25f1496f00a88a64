/**
 * A decision from the clerk's buttons (认定, 无关, the circular's lists, 定稿, 文号): decisions.yaml
 * edited (decisions-edit.ts: comments and layout kept), checked as `huizong check` would before
 * the file is replaced (an edit that would make it invalid is not written), then the runner with
 * the facts already in memory. The page is current once the merge is taken; the workbook and
 * documents are written behind it, in a worker thread, under the same data lock (guards.ts),
 * with the merge-result cache and the output record, so `huizong merge` afterwards finds nothing
 * to rewrite. A download asked for meanwhile waits for the finished files.
 */
import { join } from 'node:path';
import { DECISIONS_FILE, messagesNamed, parseDecisions } from '../../../../intake/kernel/campaign/decisions.js';
import { HuizongError } from '../../../../intake/kernel/errors.js';
import { writeFileAtomic } from '../../../../intake/kernel/files/atomic-write.js';
import type { ConsoleState, Snapshot } from '../state/console-state.js';
import { writeInWorker } from '../state/write-behind.js';
import { readClerkText } from './clerk-text.js';
import { applyDecisionEdit, type DecisionEdit } from './decisions-edit.js';
import { refuseReadOnly, withDecisionLock, writerOf } from './guards.js';
import { type ActionResult, listOutputs, outputChanges } from './output-changes.js';

/** What a decision did to the outputs when nothing was to be written; null: they are being written behind its page. */
export type DecisionResult = ActionResult | null;

/**
 * The file is read inside the lock, so a decision the CLI side wrote a moment ago is in the text
 * this edit starts from. Throws the CONFIG error of an edit that would make the file invalid (an
 * unknown unit), leaving the file as it was.
 */
export async function applyDecision(state: ConsoleState, edit: DecisionEdit): Promise<DecisionResult> {
  return withDecisionLock(state, async () => {
    // Current inside the lock: merged again first if mail, the roster or campaign.yaml changed
    // beside the console. Its messages' facts are then what a full read would give.
    const snapshot = await state.current();
    const { context } = snapshot;
    refuseReadOnly(context);
    refuseUnsound(edit, snapshot);
    const path = join(context.campaign.dir, DECISIONS_FILE);
    const current = await readClerkText(path);
    const next = applyDecisionEdit(current?.text ?? '', edit);
    parseDecisions(
      next,
      context.campaign.roster.map((unit) => unit.name),
    );
    // Written as UTF-8 (Notepad opens it); the file keeps its permissions.
    await writeFileAtomic(path, next, current?.mode ?? 0o644);
    // A decision changes no message's facts: merged from those in memory, not read again.
    const { run } = await state.run({ ...context, facts: state.factsInMemory(snapshot) }, { outputs: 'behind' });
    await state.adopt({ ...run!, context });
    const write = run!.writeBehind;
    if (!write) return { written: run!.written!, changes: outputChanges(new Map(), new Map()) };
    // Queued before the lock is let go: nothing writes between this merge and its files.
    writerOf(state).behind(context.outDir, async () => {
      const before = await listOutputs(context.outDir);
      const written = await writeInWorker(write);
      return { written, changes: outputChanges(before, await listOutputs(context.outDir)) };
    });
    return null;
  });
}

/**
 * What the file's schema cannot know: a message must be one that is stored (a crafted form with
 * a valid token must not write an id that names nothing), and a final circular's list, number
 * and date are not changed behind the clerk's back — it goes back to draft first.
 */
function refuseUnsound(edit: DecisionEdit, snapshot: Snapshot): void {
  // Taking a decision back needs no stored message: a hand-written one about a message never stored can go too.
  if (edit.kind === 'assign' || edit.kind === 'ignore') {
    const count = messagesNamed(edit.message.toLowerCase(), [...snapshot.messages.keys()]);
    if (count !== 1)
      throw new HuizongError('CONFIG', count === 0 ? `没有编号为 ${edit.message} 的来信` : `编号 ${edit.message} 对应多封来信`);
  }
  const changesCircular = edit.kind === 'circular-list' || edit.kind === 'circular-unlist' || edit.kind === 'circular-meta';
  if (changesCircular && snapshot.decisions.circular.final)
    throw new HuizongError('CONFIG', '通报已定稿，名单、发文字号和成文日期不能再改', {
      details: ['如需修改，请先按“改回草稿”：定稿的通报改为草稿重新生成，改好后再定稿'],
    });
}

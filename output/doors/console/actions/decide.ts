/**
 * A decision from the clerk's buttons (认定, 无关, the circular's lists, 定稿, 文号): decisions.yaml
 * edited (decisions-edit.ts: comments and layout kept), checked as `huizong check` would before
 * the file is replaced (an edit that would make it invalid is not written), then the runner with
 * the facts already in memory — so the merge-result cache and the output record are current
 * afterwards, and `huizong merge` finds nothing to rewrite.
 */
import { join } from 'node:path';
import { DECISIONS_FILE, parseDecisions } from '../../../../intake/kernel/campaign/decisions.js';
import { writeFileAtomic } from '../../../../intake/kernel/files/atomic-write.js';
import { runCampaignOf } from '../../../runner/runner.js';
import type { OutputReport } from '../../../runner/stages/write.js';
import type { ConsoleState } from '../state/console-state.js';
import { readClerkText } from './clerk-text.js';
import { applyDecisionEdit, type DecisionEdit } from './decisions-edit.js';
import { refuseBundled, withConsoleLock } from './guards.js';

/**
 * The file is read inside the lock, so a decision the CLI side wrote a moment ago is in the text
 * this edit starts from. Throws the CONFIG error of an edit that would make the file invalid (an
 * unknown unit), leaving the file as it was.
 */
export async function applyDecision(state: ConsoleState, edit: DecisionEdit): Promise<OutputReport> {
  return withConsoleLock(state, async () => {
    // Current inside the lock: merged again first if mail, the roster or campaign.yaml changed
    // beside the console. Its messages' facts are then what a full read would give.
    const snapshot = await state.current();
    const { context } = snapshot;
    refuseBundled(context.campaign);
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
    const { run } = await runCampaignOf({ ...context, facts: state.factsInMemory(snapshot) }, { outputs: 'write' });
    await state.adopt({ ...run!, context });
    return run!.written!;
  });
}

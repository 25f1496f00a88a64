/**
 * What the clerk's buttons do, at the edge: each holds the data lock (so a `merge` or `watch`
 * cycle of the CLI never interleaves with it), changes one input file atomically, merges again,
 * writes every output, and hands the new merge to the console's state. decisions.yaml changes
 * go through decisions-edit.ts (comments and layout kept) and are checked like `huizong check`
 * would before the file is replaced: a change that would make the file invalid is not written.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Campaign } from '../../../intake/kernel/campaign/campaign.js';
import { DECISIONS_FILE, parseDecisions } from '../../../intake/kernel/campaign/decisions.js';
import { HuizongError } from '../../../intake/kernel/errors.js';
import { writeFileAtomic } from '../../../intake/kernel/files/atomic-write.js';
import { decodeText } from '../../../intake/kernel/text/decode-text.js';
import { acquireDataLock } from '../../../intake/store/data-lock.js';
import { readDataState } from '../../../intake/store/state.js';
import { merge } from '../../../pipeline/merge/merge.js';
import { type OutputReport, writeOutputs } from '../../write-outputs.js';
import { rebuildOutputs } from '../rebuild-outputs.js';
import type { ConsoleState } from './console-state.js';
import { applyDecisionEdit, type DecisionEdit } from './decisions-edit.js';

/** As long as `run` waits for a scheduled cycle: a merge of thousands of units takes seconds. */
const LOCK_WAIT_MS = 120_000;

/**
 * The demo campaign bundled with the program is part of it and stays as shipped: the console
 * shows it, but its decisions and templates are changed only in a campaign folder of the clerk's.
 */
export function refuseBundled(campaign: Campaign): void {
  if (campaign.bundled) {
    throw new HuizongError('CONFIG', '这是程序自带的示例活动，不能修改', {
      details: ['先运行 huizong init <活动文件夹> 新建一个活动文件夹，再用 huizong serve --campaign <活动文件夹> 启动控制台'],
    });
  }
}

export async function withDataLock<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  const lock = await acquireDataLock(dataDir, { command: 'serve', waitMs: LOCK_WAIT_MS });
  try {
    return await work();
  } finally {
    await lock.release();
  }
}

/** Merges again from stored mail and writes every output; the caller holds the data lock. */
export async function remergeLocked(state: ConsoleState): Promise<OutputReport> {
  const context = await state.loadContext();
  const { state: merged, written } = await rebuildOutputs(context);
  await state.adopt({ context, result: merged.result, decisions: merged.decisions, messages: merged.messages });
  return written;
}

export async function remerge(state: ConsoleState): Promise<OutputReport> {
  return withDataLock(state.currentContext.dataDir, () => remergeLocked(state));
}

/** Reads a text file the clerk may have saved from Notepad (UTF-8 with or without BOM, or GBK). */
export async function readClerkText(path: string): Promise<{ text: string; mode: number | undefined } | null> {
  try {
    const [bytes, info] = await Promise.all([readFile(path), stat(path)]);
    return { text: decodeText(bytes).text, mode: info.mode & 0o777 };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Applies one decision: decisions.yaml edited and replaced atomically under the data lock, then
 * merged again. The file is read inside the lock, so a decision the CLI side wrote a moment ago
 * is in the text this edit starts from. Throws the CONFIG error of an edit that would make the
 * file invalid (an unknown unit), leaving the file as it was.
 */
export async function applyDecision(state: ConsoleState, edit: DecisionEdit): Promise<OutputReport> {
  return withDataLock(state.currentContext.dataDir, async () => {
    // Current inside the lock: merged again first if mail, the roster or campaign.yaml changed
    // beside the console. Its messages' facts are then what a full merge would read from disk.
    const snapshot = await state.current();
    const { context } = snapshot;
    refuseBundled(context.campaign);
    const path = join(context.campaign.dir, DECISIONS_FILE);
    const current = await readClerkText(path);
    const next = applyDecisionEdit(current?.text ?? '', edit);
    const decisions = parseDecisions(
      next,
      context.campaign.roster.map((unit) => unit.name),
    );
    // Written as UTF-8 (Notepad opens it); the file keeps its permissions.
    await writeFileAtomic(path, next, current?.mode ?? 0o644);
    // A decision changes no message's facts: merged from the facts in memory, not read again.
    const messages = [...snapshot.messages.values()];
    const { lastPollAt } = await readDataState(context.dataDir);
    const result = merge({ campaign: context.campaign, decisions, messages, lastPollAt });
    const written = await writeOutputs(context.outDir, context.campaign, result, decisions);
    await state.adopt({ context, result, decisions, messages });
    return written;
  });
}

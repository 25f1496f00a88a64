/**
 * What the console shows: the merge of stored mail, campaign and decisions, computed once and
 * kept until one of its inputs changes (the console's own actions, a poll, or the CLI and the
 * clerk's Notepad working beside it). Every page reads the current snapshot; nothing is merged
 * per request. Each new snapshot gets the next generation number, which the live-update stream
 * announces to open pages.
 */

import type { Decisions } from '../../../intake/kernel/campaign/decisions.js';
import { isHuizongError } from '../../../intake/kernel/errors.js';
import type { StoredMessage } from '../../../pipeline/analyze/facts.js';
import type { MergeResult } from '../../../pipeline/merge/merge-result.js';
import { type CommandContext, type CommonOptions, resolveContext } from '../context.js';
import { computeMergeState } from '../rebuild-outputs.js';
import { inputSignature } from './input-signature.js';

export interface ConfigProblem {
  message: string;
  details: readonly string[];
}

export interface Snapshot {
  generation: number;
  context: CommandContext;
  result: MergeResult;
  decisions: Decisions;
  /** Stored messages by full id. */
  messages: ReadonlyMap<string, StoredMessage>;
  computedAt: string;
  /** The inputs could not be read this time (decisions.yaml broken by hand …): shown on every page, with the last good data. */
  problem: ConfigProblem | null;
}

export interface MergedInputs {
  context: CommandContext;
  result: MergeResult;
  decisions: Decisions;
  /**
   * Absent when the rebuild found nothing changed (its state came from the merge-result cache,
   * where no facts are read): the stored messages are then those of the current snapshot.
   */
  messages?: readonly StoredMessage[] | undefined;
}

export class ConsoleState {
  private snapshot: Snapshot | null = null;
  private signature = '';
  private pending: Promise<Snapshot> | null = null;
  private generation = 0;
  private readonly listeners = new Set<(generation: number) => void>();

  constructor(
    private readonly options: CommonOptions,
    private context: CommandContext,
  ) {}

  get currentContext(): CommandContext {
    return this.context;
  }

  get currentGeneration(): number {
    return this.generation;
  }

  /** The campaign folder read again (the clerk may have changed the roster or campaign.yaml by hand). */
  async loadContext(): Promise<CommandContext> {
    return resolveContext(this.options);
  }

  /** Tells open pages something they show changed (a poll finished) without a new merge. */
  touch(): void {
    this.generation++;
    for (const listener of this.listeners) listener(this.generation);
  }

  onChange(listener: (generation: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The snapshot, merged again first when an input changed since it was made. */
  async current(): Promise<Snapshot> {
    if (this.pending) return this.pending;
    const signature = await inputSignature(this.context.campaign.dir, this.context.dataDir);
    if (this.snapshot && signature === this.signature) return this.snapshot;
    return this.recompute(signature);
  }

  /** Takes the merge an action has just made (under the data lock) as the new snapshot. */
  async adopt(inputs: MergedInputs): Promise<Snapshot> {
    this.context = inputs.context;
    const signature = await inputSignature(this.context.campaign.dir, this.context.dataDir);
    // Nothing changed, but there is no snapshot whose messages it could keep: read them.
    if (!inputs.messages && !this.snapshot) return this.recompute(signature);
    this.signature = signature;
    return this.publish(inputs, null);
  }

  private recompute(signature: string): Promise<Snapshot> {
    const work = (async () => {
      try {
        const context = await resolveContext(this.options);
        const state = await computeMergeState(context);
        this.context = context;
        this.signature = signature;
        return this.publish({ context, result: state.result, decisions: state.decisions, messages: state.messages }, null);
      } catch (error) {
        if (!isHuizongError(error) || !this.snapshot) throw error;
        // Keep showing the last good data, with what is wrong now; retried on the next page.
        this.signature = signature;
        this.snapshot = { ...this.snapshot, problem: { message: error.message, details: error.details } };
        return this.snapshot;
      }
    })();
    this.pending = work;
    return work.finally(() => {
      this.pending = null;
    });
  }

  private publish(inputs: MergedInputs, problem: ConfigProblem | null): Snapshot {
    this.generation++;
    this.snapshot = {
      generation: this.generation,
      context: inputs.context,
      result: inputs.result,
      decisions: inputs.decisions,
      messages: inputs.messages ? new Map(inputs.messages.map((message) => [message.receipt.id, message])) : this.snapshot!.messages,
      computedAt: new Date().toISOString(),
      problem,
    };
    for (const listener of this.listeners) listener(this.generation);
    return this.snapshot;
  }
}

/**
 * What the console shows: the merge of stored mail, campaign and decisions, computed once and
 * kept until one of its inputs changes (the console's own actions, a poll, or the CLI and the
 * clerk's Notepad working beside it). Every page reads the current snapshot; nothing is merged
 * per request. Each new snapshot gets the next generation number, which the live-update stream
 * announces to open pages.
 */

import type { Decisions } from '../../../../intake/kernel/campaign/decisions.js';
import { isHuizongError } from '../../../../intake/kernel/errors.js';
import type { StoredMessage } from '../../../../pipeline/analyze/facts.js';
import type { MergeResult } from '../../../../pipeline/merge/merge-result.js';
import type { CommandContext } from '../../../runner/context.js';
import type { CampaignRun } from '../../../runner/runner.js';
import type { FactsInMemory } from '../../../runner/stages/analyse.js';
import type { IntakeOutput } from '../../../runner/stages/intake.js';
import type { CampaignScope, ScopedOutcome, ScopedRequest } from './campaign-scope.js';

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
  /** The messages' facts are all as a full read would give them (a decision may merge from them). */
  complete: boolean;
  computedAt: string;
  /** The inputs could not be read this time (decisions.yaml broken by hand …): shown on every page, with the last good data. */
  problem: ConfigProblem | null;
}

/**
 * What a run made, taken as the new snapshot. `messages` is absent when the run found nothing
 * changed (the last merge was reused, no facts read): the snapshot's messages then stay.
 */
export type MergedInputs = Pick<CampaignRun, 'result' | 'decisions' | 'messages' | 'complete'> & { context: CommandContext };

/** The last intake that finished (the schedule's or 立即收信), as the 总览 page tells it. */
export interface LastIntake {
  at: string;
  durationMs: number;
  output: IntakeOutput;
}

export class ConsoleState {
  private snapshot: Snapshot | null = null;
  /** Set by each cycle that took in mail (start-console.ts). */
  lastIntake: LastIntake | null = null;
  private signature = '';
  private pending: Promise<Snapshot> | null = null;
  private generation = 0;
  private readonly listeners = new Set<(generation: number) => void>();

  constructor(
    private readonly scope: CampaignScope,
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
    return this.scope.load();
  }

  /** The runner for this campaign (alone, or routed among its workspace's campaigns); writing runs hold the data lock. */
  run(context: CommandContext & { facts?: FactsInMemory }, request: ScopedRequest): Promise<ScopedOutcome> {
    return this.scope.run(context, request);
  }

  /** Archived in its workspace: shown, its outputs downloadable, nothing changed. */
  get archived(): boolean {
    return this.context.workspace?.archived === true;
  }

  /** The snapshot's facts, for a run that needs no other (a decision changes no message's facts). */
  factsInMemory(snapshot: Snapshot): FactsInMemory {
    return { messages: [...snapshot.messages.values()], complete: snapshot.complete };
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

  /**
   * The snapshot, merged again first when an input changed since it was made. A merge already
   * under way is waited for, then the inputs are compared again: campaign.yaml changed while it
   * read the folder must not be answered with what it read (a send would use the old server).
   * Pages asking together share one merge.
   */
  async current(): Promise<Snapshot> {
    for (;;) {
      // Its failure is its starter's to report; the inputs are compared again here either way.
      if (this.pending) await this.pending.catch(() => undefined);
      const signature = await this.scope.signature(this.context);
      if (this.snapshot && signature === this.signature) return this.snapshot;
      // Another page started a merge while the signature was read: that one is waited for.
      if (this.pending) continue;
      return this.recompute(signature);
    }
  }

  /** Takes the merge an action has just made (under the data lock) as the new snapshot. */
  async adopt(inputs: MergedInputs): Promise<Snapshot> {
    this.context = inputs.context;
    const signature = await this.scope.signature(this.context);
    // Nothing changed, but there is no snapshot whose messages it could keep: read them.
    if (!inputs.messages && !this.snapshot) return this.recompute(signature);
    this.signature = signature;
    return this.publish(inputs, null);
  }

  private recompute(signature: string): Promise<Snapshot> {
    const work = (async () => {
      try {
        const context = await this.scope.load();
        // Every message's facts are read: the unit pages show the tables as read.
        const { run } = await this.scope.run(context, { outputs: 'none' });
        this.context = context;
        this.signature = signature;
        return this.publish({ ...run!, context }, null);
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
      // An archived campaign's last merge stands without its messages being read: its pages show the merge.
      messages: inputs.messages
        ? new Map(inputs.messages.map((message) => [message.receipt.id, message]))
        : (this.snapshot?.messages ?? new Map()),
      complete: inputs.messages ? inputs.complete : (this.snapshot?.complete ?? false),
      computedAt: new Date().toISOString(),
      problem,
    };
    for (const listener of this.listeners) listener(this.generation);
    return this.snapshot;
  }
}

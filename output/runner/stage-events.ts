/**
 * The runner's stages by name, what each gives, and the events a caller hears as they run: a
 * stage starts and is done (with its output), or is skipped and why. The front doors print from
 * them; nothing in the runner prints.
 */
import type { PollProgress } from '../../intake/imap/poll.js';
import type { MergeResult } from '../../pipeline/merge/merge-result.js';
import type { CampaignPlace } from './context.js';
import type { Analysed } from './stages/analyse.js';
import type { Inputs } from './stages/inputs.js';
import type { IntakeOutput } from './stages/intake.js';
import type { Notified } from './stages/notify.js';
import type { Routing } from './stages/route.js';
import type { OutputReport } from './stages/write.js';

/** In the order they run. intake and route once for the store; the others once per campaign. */
export const STAGES = ['intake', 'inputs', 'analyse', 'route', 'merge', 'write', 'notify'] as const;

export type StageName = (typeof STAGES)[number];

export interface StageOutputs {
  intake: IntakeOutput;
  inputs: Inputs;
  analyse: Analysed;
  route: Routing;
  merge: MergeResult;
  write: OutputReport;
  notify: Notified;
}

/**
 * Why a stage did not run: no mail source given (intake), nothing changed since the last run
 * (the merge and outputs are reused), not asked for (status writes nothing; only the scheduled
 * cycles notify), the run was told to stop after intake, or the outputs are handed back to be
 * written after the run ('behind': the console's decisions).
 */
export type SkipReason = 'no-source' | 'up-to-date' | 'not-asked' | 'stopped' | 'behind';

type Done = { [S in StageName]: { stage: S; phase: 'done'; output: StageOutputs[S] } }[StageName];

/** `place` names the campaign of a per-campaign stage (absent for intake and route, which serve the store). */
export type StageEvent = ({ stage: StageName; phase: 'start' } | Done | { stage: StageName; phase: 'skipped'; reason: SkipReason }) & {
  place?: CampaignPlace;
};

export interface RunnerEvents {
  onStage?: (event: StageEvent) => void;
  /** A long poll's progress (IMAP). */
  onIntakeProgress?: (progress: PollProgress) => void;
  /** After each message analysed now (not for facts taken from the index). */
  onAnalysed?: (done: number, total: number) => void;
  /** What the notify stage did or could not do, one Chinese line each. */
  onNotice?: (line: string) => void;
}

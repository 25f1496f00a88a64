/** What every page renderer gets: the current snapshot, the outputs written behind decisions, the intake schedule's state, the session's token, the clock, the links. */

import type { ScheduleStatus } from '../../schedule/intake-schedule.js';
import type { ReadOnly } from '../actions/guards.js';
import type { ActionResult } from '../actions/output-changes.js';
import type { LastIntake, Snapshot } from '../state/console-state.js';
import type { BehindOutcome } from '../state/store-writer.js';
import type { Links } from './links.js';

export interface PageData {
  snapshot: Snapshot;
  intake: ScheduleStatus;
  /** The last intake that finished, in numbers (the schedule's status has only its printed line). */
  lastIntake: LastIntake | null;
  csrf: string;
  now: Date;
  links: Links;
  /** The outputs written behind the clerk's decisions: still being written, and how the last write went. */
  behind: { pending: boolean; last: BehindOutcome<ActionResult> | null };
  /** The bundled demo campaign, or an archived one: pages show no form that would only be refused. */
  readOnly: ReadOnly;
}

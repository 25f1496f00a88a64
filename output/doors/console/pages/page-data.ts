/** What every page renderer gets: the current snapshot, the intake schedule's state, the session's token, the clock, the links. */

import type { ScheduleStatus } from '../../schedule/intake-schedule.js';
import type { ReadOnly } from '../actions/guards.js';
import type { LastIntake, Snapshot } from '../state/console-state.js';
import type { Links } from './links.js';

export interface PageData {
  snapshot: Snapshot;
  intake: ScheduleStatus;
  /** The last intake that finished, in numbers (the schedule's status has only its printed line). */
  lastIntake: LastIntake | null;
  csrf: string;
  now: Date;
  links: Links;
  /** The bundled demo campaign, or an archived one: pages show no form that would only be refused. */
  readOnly: ReadOnly;
}

/** What every page renderer gets: the current snapshot, the intake schedule's state, the session's token, the clock. */
import type { ScheduleStatus } from '../../schedule/intake-schedule.js';
import type { Snapshot } from '../state/console-state.js';

export interface PageData {
  snapshot: Snapshot;
  intake: ScheduleStatus;
  csrf: string;
  now: Date;
}

/** What every page renderer gets: the current snapshot, the intake's state, the session's token, the clock. */
import type { ConsoleIntake } from '../console-intake.js';
import type { Snapshot } from '../console-state.js';

export interface PageData {
  snapshot: Snapshot;
  intake: ConsoleIntake['status'];
  csrf: string;
  now: Date;
}

/** The status of a unit from what it sent. */
import type { UnitStatus } from './merge-result.js';

export interface StatusInput {
  hasMail: boolean;
  /** The unit is among the candidates of a message the clerk must attribute. */
  pending: boolean;
  /** A table it sent has errors, or a rule across its tables is broken. */
  hasErrors: boolean;
  /** Every required material (each table, the report, other files) was sent. */
  complete: boolean;
  late: boolean;
}

/**
 * One status per unit; where several apply, the one that needs action first wins:
 * invalid before incomplete before late. Lateness is also kept separately (the circular
 * criticizes a late unit whatever else is wrong).
 */
export function unitStatus(input: StatusInput): UnitStatus {
  if (!input.hasMail) return input.pending ? 'pending' : 'missing';
  if (input.hasErrors) return 'invalid';
  if (!input.complete) return 'incomplete';
  return input.late ? 'late' : 'onTime';
}

/** The status of a unit from what it sent. */
import type { UnitStatus } from './merge-result.js';

export interface StatusInput {
  hasMail: boolean;
  /** The unit is among the candidates of a message the clerk must attribute. */
  pending: boolean;
  hasTable: boolean;
  hasReport: boolean;
  tableHasErrors: boolean;
  late: boolean;
}

/**
 * One status per unit; where several apply, the one that needs action first wins:
 * invalid before incomplete before late. Lateness is also kept separately (the circular
 * criticizes a late unit whatever else is wrong).
 */
export function unitStatus(input: StatusInput): UnitStatus {
  if (!input.hasMail) return input.pending ? 'pending' : 'missing';
  if (input.hasTable && input.tableHasErrors) return 'invalid';
  if (!input.hasTable || !input.hasReport) return 'incomplete';
  return input.late ? 'late' : 'onTime';
}

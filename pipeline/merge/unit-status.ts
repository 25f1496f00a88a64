/** The status of a unit, as the notice's wording and the clerk's daily question need it. */

export const UNIT_STATUSES = ['按时报送', '逾期报送', '材料不全', '数据有误', '待核实', '未报送'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

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
 * 数据有误 before 材料不全 before 逾期报送. Lateness is also kept separately (the circular
 * criticizes a late unit whatever else is wrong).
 */
export function unitStatus(input: StatusInput): UnitStatus {
  if (!input.hasMail) return input.pending ? '待核实' : '未报送';
  if (input.hasTable && input.tableHasErrors) return '数据有误';
  if (!input.hasTable || !input.hasReport) return '材料不全';
  return input.late ? '逾期报送' : '按时报送';
}

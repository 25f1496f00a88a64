/**
 * Validates one found table against its definition in the campaign: a 统计表's one row
 * (validate-row-table.ts) or every row of a list (validate-list.ts), each value read as its
 * column's type (fields/), the rules inside a row judged. Rules across tables are judged later,
 * per unit, once the unit's tables are chosen (merge). Pure: found table in, values and problems out.
 */
import type { FoundTable } from '../extract/find-table.js';
import { definitionOf, type TableContext, type ValidatedTable, type ValidationCampaign } from './table-validation.js';
import { validateList } from './validate-list.js';
import { validateRowTable } from './validate-row-table.js';

export { definitionOf, type TableValues, type ValidatedListRow, type ValidatedTable } from './table-validation.js';

export function validateTable(found: FoundTable, campaign: ValidationCampaign, context: TableContext): ValidatedTable {
  const table = definitionOf(found, campaign);
  return table.kind === 'list' ? validateList(found, table, campaign, context) : validateRowTable(found, table, campaign, context);
}

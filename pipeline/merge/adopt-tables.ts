/**
 * A unit's tables as adopted: for each table of the campaign, the copy in the latest message
 * that carries it, validated (a 统计表's row, a list's rows); then the rules across the unit's
 * tables, judged only when every table they read was sent. Pure.
 */
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { hasErrors, type Problem, shortId } from '../../intake/kernel/problems.js';
import type { NameIndex } from '../../intake/kernel/unit-names.js';
import { cellLocation } from '../validate/fields/read-field.js';
import { type AdoptedTable, unitRuleProblems } from '../validate/rules/unit-rules.js';
import { chooseTable, latestPerTable } from './choose-material.js';
import { PerCampaign } from './memo.js';
import type { UnitTableResult } from './merge-result.js';
import type { Prepared } from './prepared.js';
import { withContext } from './route.js';
import { unsentTable } from './table-results.js';
import { validatedTable } from './validated.js';

export interface AdoptedTables {
  /** Every table of the campaign, by key (unsent ones too). */
  tables: Record<string, UnitTableResult>;
  /** The message each sent table came from, by key. */
  winners: Map<string, Prepared>;
  /** The winners' own problems (each message once), then each table's, then the rules across tables. */
  problems: Problem[];
  /** Some sent table has errors, or a rule across tables is broken. */
  hasErrors: boolean;
}

type AdoptedOne = { result: UnitTableResult; adopted: AdoptedTable; problems: Problem[] };
const adoptedOnes = new PerCampaign<object, AdoptedOne>();

/** By message, table and unit (memo.ts): the console adopts the same tables again at every decision. */
function adoptOne(message: Prepared, key: string, unit: string, names: NameIndex, campaign: Campaign): AdoptedOne {
  return adoptedOnes.get(campaign, message.stored, () => adoptAnew(message, key, unit, names, campaign), `${key}\u0000${unit}`);
}

function adoptAnew(message: Prepared, key: string, unit: string, names: NameIndex, campaign: Campaign): AdoptedOne {
  const { chosen, extra } = chooseTable(message, key, unit, names, campaign);
  const file = chosen.file.name;
  const validated = validatedTable(chosen.table, campaign, file);
  const errors = hasErrors(validated.problems) || hasErrors(message.problems.filter((item) => item.file === file));
  const base = { ...unsentTable(campaign.tables.find((table) => table.key === key)!), file, messageId: message.stored.receipt.id };
  const result: UnitTableResult =
    validated.kind === 'row'
      ? { ...base, receivedAt: message.at, values: validated.values, cells: validated.cells, counted: !errors }
      : { ...base, receivedAt: message.at, rows: validated.rows, counted: !errors };
  const adopted: AdoptedTable = {
    file,
    values: validated.kind === 'row' ? validated.values : null,
    // A rule across tables names cells of two files: each with its sheet where the file has several.
    cells:
      validated.kind === 'row'
        ? Object.fromEntries(Object.entries(validated.cells).map(([key, address]) => [key, cellLocation(address, chosen.table.source)]))
        : {},
    rows: validated.kind === 'list' ? validated.rows : [],
  };
  return { result, adopted, problems: [...extra, ...validated.problems] };
}

export function adoptTables(unit: string, messages: readonly Prepared[], names: NameIndex, campaign: Campaign): AdoptedTables {
  const winners = latestPerTable(messages, campaign);
  const tables: Record<string, UnitTableResult> = Object.fromEntries(campaign.tables.map((table) => [table.key, unsentTable(table)]));
  const adopted: Record<string, AdoptedTable> = {};
  const problems: Problem[] = [];
  const included = new Set<Prepared>();
  for (const [key, message] of winners) {
    const id = shortId(message.stored.receipt.id);
    if (!included.has(message)) problems.push(...withContext(message.problems, unit, id));
    included.add(message);
    const one = adoptOne(message, key, unit, names, campaign);
    tables[key] = one.result;
    adopted[key] = one.adopted;
    problems.push(...withContext(one.problems, unit, id));
  }
  const rules = unitRuleProblems(campaign, adopted);
  problems.push(...rules.problems.map((item) => ({ ...item, unit })));
  for (const key of rules.inDoubt) tables[key] = { ...tables[key]!, counted: false };
  const errors = rules.problems.length > 0 || Object.values(tables).some((table) => table.file !== null && !table.counted);
  return { tables, winners, problems, hasErrors: errors };
}

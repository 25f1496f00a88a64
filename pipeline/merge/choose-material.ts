/**
 * Which of a unit's materials count: per table, the latest message that carries it (a
 * correction that resends only one table replaces only that one), and in that message the copy
 * that names the unit; the latest report, the one with the most readable text; the files of
 * other materials. Pure.
 */
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { type Problem, warning } from '../../intake/kernel/problems.js';
import { type NameIndex, unitNamedBy } from '../../intake/kernel/unit-names.js';
import type { AttachmentFacts } from '../analyze/facts.js';
import { tableWord } from '../validate/header-problems.js';
import { definitionOf } from '../validate/validate-table.js';
import type { Prepared } from './prepared.js';

export type TableEntry = Prepared['tables'][number];

/** The keys of the campaign's tables a message carries, in the order found. */
export function tableKeysIn(message: Prepared): string[] {
  return [...new Set(message.tables.map((entry) => entry.table.table))];
}

/**
 * The copy of one table that belongs to the unit when a message carries several (a town's own
 * and its villages'); the others are reported, never summed.
 */
export function chooseTable(
  message: Prepared,
  key: string,
  unit: string | null,
  names: NameIndex,
  campaign: Pick<Campaign, 'tables'>,
): { chosen: TableEntry; extra: Problem[] } {
  const copies = message.tables.filter((entry) => entry.table.table === key);
  const own = unit ? copies.filter((entry) => entry.table.unitName && unitNamedBy(entry.table.unitName.text, names) === unit) : [];
  const unnamed = copies.filter((entry) => !entry.table.unitName || entry.table.unitName.text.trim() === '');
  const chosen = own[0] ?? unnamed[0] ?? copies[0]!;
  const word = tableWord(definitionOf(chosen.table, campaign), campaign);
  const extra = copies
    .filter((entry) => entry !== chosen)
    .map((entry) =>
      warning(
        'table.extra',
        `同一封来信中还有一份${word}${entry.table.unitName?.text ? `（填报单位「${entry.table.unitName.text}」）` : ''}，未采用、未计入`,
        { file: entry.file.name, ...(entry.table.source ? { location: entry.table.source } : {}) },
      ),
    );
  return { chosen, extra };
}

/** The latest of the unit's messages (oldest first) that carries each table, by table key. */
export function latestPerTable(messages: readonly Prepared[], campaign: Pick<Campaign, 'tables'>): Map<string, Prepared> {
  const latest = new Map<string, Prepared>();
  for (const table of campaign.tables) {
    const message = messages.filter((item) => item.tables.some((entry) => entry.table.table === table.key)).at(-1);
    if (message) latest.set(table.key, message);
  }
  return latest;
}

/**
 * Several report files in one message (a .docx and its PDF, a scan and the original): the one
 * with the most readable text; among equals, the last.
 */
export function bestReport(reports: readonly AttachmentFacts[]): AttachmentFacts | null {
  return reports.reduce<AttachmentFacts | null>(
    (best, file) => (best === null || (file.report!.chars ?? -1) >= (best.report!.chars ?? -1) ? file : best),
    null,
  );
}

/** The names of the other materials (signed scans…) any of the unit's messages carried. */
export function materialsSent(messages: readonly Prepared[]): Set<string> {
  return new Set(messages.flatMap((message) => message.materialFiles.map((item) => item.material)));
}

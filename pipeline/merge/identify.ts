/**
 * Which roster unit sent a message. Evidence comes from the registered sender address (of the
 * message, or of a mail forwarded inside it), each table's own 填报单位 field (填报区域或单位 in the
 * first campaign), and units named in the subject or file names (the campaign's table names taken
 * out first: a table called 区直单位花名册 names no unit). One unit named by all evidence → that
 * unit. Evidence that disagrees, or names no unit, goes to the clerk (待核实): huizong never guesses.
 *
 * Pure: facts and roster in, a verdict with its reasons out.
 */
import type { RosterUnit } from '../../intake/kernel/campaign/roster.js';
import { nameIndex, unitNamedBy, unitsMentionedIn } from '../../intake/kernel/unit-names.js';

export type EvidenceSource = 'address' | 'forwarded' | 'table' | 'subject' | 'filename';

export const EVIDENCE_LABEL: Record<EvidenceSource, string> = {
  address: '发件邮箱',
  forwarded: '转发邮件的原发件邮箱',
  table: '统计表填报单位',
  subject: '邮件标题',
  filename: '附件名',
};

export interface Evidence {
  source: EvidenceSource;
  /** The roster unit this evidence points to; null when it names a unit not on the roster. */
  unit: string | null;
  /** What was read: the address, the table's text, the subject or file name. */
  text: string;
  /** For a table's field: which table and field it was ("保密培训人员花名册的填报单位"); default 统计表填报单位. */
  label?: string;
}

/** The 填报单位 text of a table found in the message, with how to name where it was read. */
export interface TableUnitName {
  text: string;
  label: string;
  /** Which of the campaign's tables it is (its key): copies of one table are told from different tables. */
  table?: string;
}

export type Identification =
  | { kind: 'unit'; unit: string; evidence: Evidence[] }
  /** Evidence names different units (or a unit not on the roster besides one that is). */
  | { kind: 'conflict'; candidates: string[]; claimed: string | null; evidence: Evidence[] }
  /** No evidence names a roster unit. */
  | { kind: 'none'; claimed: string | null; evidence: Evidence[] };

export interface IdentifyInput {
  fromAddress: string | null;
  forwardedFrom: readonly string[];
  subject: string;
  fileNames: readonly string[];
  /** The 填报单位 text of each table found in the message (a bare text: the 统计表's). */
  tableUnitNames: readonly (string | TableUnitName)[];
}

export interface Identifier {
  identify(input: IdentifyInput): Identification;
}

/** A subject or file name without the campaign's table names in it. */
function withoutTableNames(text: string, tableNames: readonly string[]): string {
  return tableNames.reduce((rest, name) => (name.length >= 2 ? rest.split(name).join(' ') : rest), text);
}

/**
 * Builds the roster's lookup tables once; `identify` is then cheap per message. `tableNames`:
 * the campaign's tables, whose names in a subject or file name are not a unit's.
 */
export function createIdentifier(roster: readonly RosterUnit[], tableNames: readonly string[] = []): Identifier {
  const names = nameIndex(roster);
  const byAddress = new Map<string, string>();
  for (const unit of roster) for (const email of unit.emails) byAddress.set(email.toLowerCase(), unit.name);

  return {
    identify(input: IdentifyInput): Identification {
      const evidence: Evidence[] = [];
      const address = input.fromAddress?.toLowerCase();
      if (address && byAddress.has(address)) evidence.push({ source: 'address', unit: byAddress.get(address)!, text: address });
      for (const forwarded of input.forwardedFrom) {
        const unit = byAddress.get(forwarded.toLowerCase());
        if (unit) evidence.push({ source: 'forwarded', unit, text: forwarded });
      }
      // Per table of the campaign, the unit each copy names (null: not on the roster; '': left blank).
      const copies = new Map<string, (string | null)[]>();
      for (const field of input.tableUnitNames) {
        const { text, label, table } = typeof field === 'string' ? { text: field, label: undefined, table: undefined } : field;
        const unit = text.trim() === '' ? '' : unitNamedBy(text, names);
        copies.set(table ?? '', [...(copies.get(table ?? '') ?? []), unit]);
        if (unit === '') continue;
        evidence.push({ source: 'table', unit, text: text.trim(), ...(label ? { label } : {}) });
      }
      const mentioned = (text: string) => unitsMentionedIn(withoutTableNames(text, tableNames), names);
      for (const unit of mentioned(input.subject)) evidence.push({ source: 'subject', unit, text: input.subject });
      for (const name of input.fileNames) {
        for (const unit of mentioned(name)) evidence.push({ source: 'filename', unit, text: name });
      }

      const claimed = evidence.find((item) => item.source === 'table' && item.unit === null)?.text ?? null;
      const named = [...new Set(evidence.map((item) => item.unit).filter((unit): unit is string => unit !== null))];
      if (named.length === 0) return { kind: 'none', claimed, evidence };

      // Several copies of a table in one mail (a town's own and its villages'): when the sender's
      // address and one copy agree, the other copies do not make the sender doubtful. Only when
      // every table the mail carries has a copy of the sender's (or one naming no unit): a table
      // whose only copies name another unit is that unit's, and the mail's clues contradict.
      const senderUnit = evidence.find((item) => item.source === 'address' || item.source === 'forwarded')?.unit ?? null;
      const nonTable = new Set(evidence.filter((item) => item.source !== 'table').map((item) => item.unit));
      const tableUnits = evidence.filter((item) => item.source === 'table').map((item) => item.unit);
      // A copy naming no unit of the roster (left blank, a blank template's 「（盖章）：」, a name not
      // on the roster) points to no other unit: it does not contradict the sender.
      const everyTableHasOwnCopy = [...copies.values()].every((units) =>
        units.some((unit) => unit === senderUnit || unit === '' || unit === null),
      );
      if (
        senderUnit !== null &&
        tableUnits.length > 1 &&
        tableUnits.includes(senderUnit) &&
        everyTableHasOwnCopy &&
        nonTable.size === 1 &&
        nonTable.has(senderUnit)
      ) {
        return { kind: 'unit', unit: senderUnit, evidence };
      }
      if (named.length === 1 && claimed === null) return { kind: 'unit', unit: named[0]!, evidence };
      return { kind: 'conflict', candidates: named, claimed, evidence };
    },
  };
}

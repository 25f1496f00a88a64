/**
 * The fingerprint of everything the outputs are made from: the stored message set, the facts'
 * versions (analyzer version, the campaign's extraction settings), the clerk's decisions, the
 * templates, the campaign and roster, and the program itself. Two rebuilds with the same
 * fingerprint write the same outputs, so the second can write nothing (output-record.ts).
 *
 * Not in it: when the mailbox was last read (数据截至). A poll that brought nothing new leaves
 * the outputs, and the 数据截至 time written in them, as they were; `merge --force` rewrites them.
 * Only which side of the deadline that read was on is in it: before the deadline no circular is
 * drafted (circular.ts), so the first poll past it must write the outputs again.
 * Pure: the edge collects the inputs (rebuild-outputs.ts).
 */
import { createHash } from 'node:crypto';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import type { Decisions } from '../../intake/kernel/campaign/decisions.js';

export interface FingerprintInputs {
  /** Ids of every stored message, ordered. */
  storedIds: readonly string[];
  /** The analyzer's version (facts.ts); the campaign's extraction fingerprint is in `campaign`. */
  analyzerVersion: number;
  campaign: Campaign;
  decisions: Decisions;
  /** Every file of the campaign's templates folder: name → bytes (null when the folder is missing). */
  templates: ReadonlyMap<string, Uint8Array> | null;
  /** programFingerprint(): the program's version and code. */
  program: string;
  /** With several campaigns on one store: what routing reads of all of them (route-basis.ts). */
  routing?: string | null;
  /** The mailbox was last read (an IMAP poll) before the campaign's deadline. */
  readBeforeDeadline?: boolean;
}

/** Bumped when what the fingerprint covers changes. */
const FINGERPRINT_FORMAT = 1;

export function inputFingerprint(inputs: FingerprintInputs): string {
  const hash = createHash('sha256');
  const part = (label: string, value: string | Uint8Array) => {
    hash.update(`${label}\0${typeof value === 'string' ? Buffer.byteLength(value) : value.byteLength}\0`);
    hash.update(value);
  };
  part('format', String(FINGERPRINT_FORMAT));
  part('program', inputs.program);
  part('analyzer', String(inputs.analyzerVersion));
  part('extraction', inputs.campaign.extractionFingerprint);
  part('stored', inputs.storedIds.join('\n'));
  part(
    'campaign',
    JSON.stringify({
      dir: inputs.campaign.dir,
      bundled: inputs.campaign.bundled,
      file: inputs.campaign.file,
      roster: inputs.campaign.roster,
    }),
  );
  part('decisions', JSON.stringify(inputs.decisions));
  if (inputs.routing) part('routing', inputs.routing);
  if (inputs.readBeforeDeadline) part('deadline', 'ahead');
  if (inputs.templates === null) part('templates', 'none');
  else for (const name of [...inputs.templates.keys()].sort()) part(`template ${name}`, inputs.templates.get(name)!);
  return hash.digest('hex');
}

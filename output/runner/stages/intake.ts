/**
 * Stage 1, intake: new mail from one source into the store, one intake per source kind — the
 * IMAP mailbox (intake/imap/take-in.ts), a folder of .eml files read again and again, single
 * files brought in by hand (intake/folder-source.ts). Each newly stored message is announced
 * (`onStored`) the moment it is durable, so analysis can start on it while intake goes on.
 */
import { type IntakeReport, takeInFiles, takeInFromFolder } from '../../../intake/folder-source.js';
import type { PollProgress, PollReport } from '../../../intake/imap/poll.js';
import type { ImapSettings } from '../../../intake/imap/settings.js';
import type { Campaign } from '../../../intake/kernel/campaign/campaign.js';

export type { IntakeReport } from '../../../intake/folder-source.js';
export type { PollProgress, PollReport } from '../../../intake/imap/poll.js';

export type MailSource =
  | { kind: 'imap'; settings: ImapSettings }
  /** Several mailboxes (campaigns of a workspace reading different accounts): one poll each, into the one store. */
  | { kind: 'mailboxes'; settings: readonly ImapSettings[] }
  | { kind: 'folder'; dir: string }
  | { kind: 'files'; files: readonly string[] };

export interface IntakeInput {
  storeDir: string;
  /** The campaigns reading from the store (the mailbox takes in what any of them may want). */
  campaigns: readonly Campaign[];
  source: MailSource;
  /** Stop after the step in progress (IMAP: the batch being stored). */
  signal?: AbortSignal;
  onProgress?: (progress: PollProgress) => void;
  onStored?: (id: string) => void;
}

export type IntakeOutput = { kind: 'imap'; report: PollReport } | { kind: 'folder' | 'files'; report: IntakeReport };

export async function intake(input: IntakeInput): Promise<IntakeOutput> {
  const { source, storeDir } = input;
  const onStored = input.onStored ? { onStored: input.onStored } : {};
  switch (source.kind) {
    case 'imap':
    case 'mailboxes': {
      // imapflow loads only when a mailbox is read.
      const { takeInFromMailboxes } = await import('../../../intake/imap/take-in.js');
      const report = await takeInFromMailboxes({
        campaigns: input.campaigns,
        storeDir,
        settings: source.kind === 'imap' ? [source.settings] : source.settings,
        ...(input.signal ? { signal: input.signal } : {}),
        ...(input.onProgress ? { onProgress: input.onProgress } : {}),
        ...onStored,
      });
      return { kind: 'imap', report };
    }
    case 'folder':
      return { kind: 'folder', report: await takeInFromFolder({ storeDir, dir: source.dir, ...onStored }) };
    case 'files':
      return { kind: 'files', report: await takeInFiles({ storeDir, files: source.files, ...onStored }) };
  }
}

/** Whether the intake was cut short (what it took in stays; the rest comes next time). */
export function interrupted(output: IntakeOutput): boolean {
  return output.kind === 'imap' && output.report.interrupted;
}

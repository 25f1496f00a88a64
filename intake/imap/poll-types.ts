/** What a poll is asked and what it answers (poll.ts reads the mailbox, poll-folder.ts each folder). */
import type { RawStore } from '../store/raw-store.js';
import type { CampaignFilter } from './campaign-filter.js';
import type { ImapSettings } from './settings.js';

export interface PollOptions {
  settings: ImapSettings;
  store: RawStore;
  /** Where the cursor lives: the store's folder. The caller holds the data lock. */
  storeDir: string;
  filter: CampaignFilter;
  /** Stop after the batch in progress (Ctrl-C, SIGTERM). */
  signal?: AbortSignal;
  onProgress?: (progress: PollProgress) => void;
  /** Called with each message newly stored, once it is durable (analysis starts on it). */
  onStored?: (id: string) => void;
  /** Messages whose envelope and structure one FETCH asks for. Default 500. */
  envelopeChunk?: number;
  /** Messages one download FETCH asks for at most. Default 50. */
  batchMessages?: number;
  /** Bytes one download FETCH asks for at most (a bigger message goes alone). Default 8 MB. */
  batchBytes?: number;
  /** Store writes overlapped while a batch downloads. Default 8. */
  storeConcurrency?: number;
  /** Connection timeouts, see connect.ts (tests shorten them). */
  socketTimeoutMs?: number;
  now?: () => Date;
}

export interface PollProgress {
  /** New messages whose envelope has been judged. */
  examined: number;
  /** New messages in all (UID above the cursor). */
  total: number;
  /** Campaign messages downloaded so far. */
  downloaded: number;
}

export interface OversizeMessage {
  uid: number;
  size: number;
  subject: string;
  from: string;
  internalDate: string | null;
}

export interface PollReport {
  mailbox: string;
  /** Each folder read, as described in receipts (several when INBOX and \Junk are read). */
  folders?: string[];
  /** Messages in the folder. */
  exists: number;
  /** New messages looked at (UID above the cursor). */
  seen: number;
  /** Of those, the ones that may belong to the campaign. */
  campaign: number;
  /** Newly stored. */
  stored: number;
  /** Campaign mail that was already stored (read again after an interruption, or a recreated folder). */
  alreadyStored: number;
  /** Not campaign mail: not downloaded. */
  ignored: number;
  /** Campaign mail over the size limit: not downloaded, reported. */
  tooLarge: OversizeMessage[];
  /** Deleted from the server between listing and download. */
  vanished: number;
  /** Moved to `moveTo` (0 unless configured). */
  moved: number;
  uidValidityChanged: boolean;
  /** Stopped early by the signal; the rest is read next time. */
  interrupted: boolean;
  /** When the folder was opened: what the stored mail is current to. */
  openedAt: Date;
  durationMs: number;
}

/** A folder's report before anything is read. */
export function emptyReport(mailbox: string, exists: number, openedAt: Date, uidValidityChanged: boolean): PollReport {
  return {
    mailbox,
    exists,
    seen: 0,
    campaign: 0,
    stored: 0,
    alreadyStored: 0,
    ignored: 0,
    tooLarge: [],
    vanished: 0,
    moved: 0,
    uidValidityChanged,
    interrupted: false,
    openedAt,
    durationMs: 0,
  };
}

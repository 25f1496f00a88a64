/**
 * What one stored message says, once read: plain JSON, cached by message id and campaign
 * fingerprint, and the only input (with receipts, roster and decisions) of identification,
 * validation and merge. Nothing here is judged yet: values are raw cell texts.
 */

import type { Problem } from '../../intake/kernel/problems.js';
import type { Receipt } from '../../intake/store/raw-store.js';
import type { FoundTable } from '../extract/find-table.js';
import type { FileKind } from '../extract/sniff.js';
import type { ReportAnalysis } from '../report/analyze-report.js';

/** Bumped whenever analysis changes what it produces; part of the cache key. */
export const ANALYZER_VERSION = 12;

/** A report as read from its file: its text, before analysis (not kept in the facts). */
export interface ReportDraft {
  /** Characters of report text (whitespace excluded); null when the text could not be read. */
  chars: number | null;
  /** The report's text, when read. */
  text: string | null;
  /** A PDF without a text layer (a scan). */
  scanned?: boolean;
}

/**
 * A report as the facts keep it: its analysis, not its text (the text can be 10,000 characters
 * per unit; the analysis is all merge and the documents need, and it depends only on the
 * campaign's checklist, which is part of the cache key).
 */
export interface ReportFacts {
  chars: number | null;
  scanned?: boolean;
  analysis: ReportAnalysis;
  /**
   * The first of the campaign's own words (title, 文号, keywords, tables' names: not 报告 or 统计)
   * the text contains: a sign that the document is this campaign's report, not a unit's other paper.
   */
  campaignWord?: string;
}

/**
 * Which budget an analysis ran out of (campaign.yaml `limits:`), `crash` when its child process
 * died otherwise, `interrupted` when huizong itself ended while the message was being analysed
 * (analysis-journal.ts): the file (or message) was not read, and the facts say so, so that later
 * runs do not try again (and die again) until asked to (`merge --retry-failed`).
 */
export type Overrun = 'memory' | 'time' | 'crash' | 'interrupted';

export interface AttachmentFacts {
  /** File name as sent; inside an archive or forwarded mail, a path ("材料.zip/统计表.xlsx"). */
  name: string;
  size: number;
  sha256: string;
  kind: FileKind;
  /** A legacy or WPS file read through its LibreOffice conversion to this format. */
  converted?: 'xlsx' | 'docx';
  /** The campaign's tables found in the file, each saying which (usually zero or one; two tables may share a file). */
  tables: FoundTable[];
  /** Present when the file is (or contains) the written report. */
  report: ReportFacts | null;
  problems: Problem[];
  /** Present when reading this file ran out of its memory or time budget (it was not read). */
  overrun?: Overrun;
}

/**
 * Problems caused by this machine, not by the mail (LibreOffice or pdftotext missing or not
 * starting): facts carrying one are not cached, so installing the program fixes them.
 */
export const ENVIRONMENT_PROBLEM_CODES: ReadonlySet<string> = new Set(['file.libreoffice_unavailable', 'file.pdftotext_unavailable']);

export function dependsOnEnvironment(facts: MessageFacts): boolean {
  return facts.attachments.some((file) => file.problems.some((item) => ENVIRONMENT_PROBLEM_CODES.has(item.code)));
}

export interface MessageFacts {
  analyzerVersion: number;
  /** SHA-256 of the raw message (the store id). */
  id: string;
  messageId: string | null;
  fromAddress: string | null;
  fromName: string | null;
  subject: string;
  dateHeader: string | null;
  receivedHeader: string | null;
  forwardedFrom: string[];
  attachments: AttachmentFacts[];
  /** Problems with the message itself (unreadable MIME, odd headers). */
  problems: Problem[];
  /** Present when the message itself (not one file) ran out of its budget: only its headers were read. */
  overrun?: Overrun;
  /**
   * What routing between the campaigns of a workspace reads (pipeline/route/); absent in facts
   * made without it (a message known only by its id).
   */
  routing?: RoutingFacts;
}

/** What tells which campaign a message belongs to, besides the attachments. */
export interface RoutingFacts {
  /** In-Reply-To and References: the Message-IDs this message answers (a unit replying to a receipt or reminder). */
  replyTo: string[];
  /** The start of the body as text, whitespace folded (a 文号 or title written there); at most BODY_EXCERPT_CHARS. */
  bodyExcerpt: string;
  /** The X-Huizong-Outbox header: mail the office sent itself (a receipt, a reminder, the clerk's copy), never a submission. */
  ownMail: string | null;
}

/** The facts of a message before anything is read from it: known only by its id. */
export function emptyFacts(id: string): MessageFacts {
  return {
    analyzerVersion: ANALYZER_VERSION,
    id,
    messageId: null,
    fromAddress: null,
    fromName: null,
    subject: '',
    dateHeader: null,
    receivedHeader: null,
    forwardedFrom: [],
    attachments: [],
    problems: [],
  };
}

/** The facts hold an analysis stopped by a budget: `--retry-failed` analyses them again. */
export function hitLimits(facts: MessageFacts): boolean {
  return facts.overrun !== undefined || facts.attachments.some((file) => file.overrun !== undefined);
}

/** A stored message with what analysis found in it: the input of merge. */
export interface StoredMessage {
  receipt: Receipt;
  facts: MessageFacts;
}

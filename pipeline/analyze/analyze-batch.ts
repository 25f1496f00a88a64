/**
 * Stored messages → their facts, in three phases across the whole batch, so that the legacy
 * files of ALL messages convert in one LibreOffice start:
 *
 *   1. parse every message and open its archives (expandFiles);
 *   2. convert every legacy or WPS file of the batch at once (conversion cache first);
 *   3. read every file: tables, report text, problems.
 *
 * Never throws for bad input: an unreadable message becomes facts with a problem, so one bad
 * mail never stops the others.
 */
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { error } from '../../intake/kernel/problems.js';
import { type ParsedMessage, parseMail } from '../../intake/mail/parse-mail.js';
import { ConversionCache } from '../convert/conversion-cache.js';
import { convertLegacyFiles, type LegacyFile } from '../convert/convert-legacy.js';
import { legacyPasswordProtected } from '../convert/legacy-encryption.js';
import { type ExpandedFile, type ExpandLimits, expandFiles } from '../extract/archive/expand.js';
import { bodyFile, largeAttachmentProblems, pictureOnlyProblems } from './body-material.js';
import { extractFile } from './extract-file.js';
import { ANALYZER_VERSION, type MessageFacts } from './facts.js';

export interface AnalyzeEnvironment {
  /** The data folder; converted files are cached under it. Without it nothing is cached. */
  dataDir?: string;
  /** soffice to use; undefined = look it up, null = behave as if not installed. */
  soffice?: string | null;
  /** pdftotext to use; undefined = look it up, null = behave as if not installed. */
  pdftotext?: string | null;
  /** Where temporary job folders go (default: the system's). */
  tempDir?: string;
  /**
   * Convert nothing now: legacy files the conversion cache lacks are returned as `deferred`,
   * and the messages holding them are left out of the facts. The caller converts all deferred
   * files of a whole run in one LibreOffice start, then analyses those messages again.
   */
  deferConversions?: boolean;
}

export interface DeferredMessages {
  /** Ids of the messages whose facts wait for conversions. */
  ids: string[];
  files: LegacyFile[];
}

const MB = 1024 * 1024;

export function expandLimits(campaign: Campaign): ExpandLimits {
  const limits = campaign.file.limits;
  return {
    maxFileBytes: limits.maxAttachmentMB * MB,
    maxDepth: limits.maxArchiveDepth,
    maxFiles: limits.maxArchiveFiles,
    maxExpandedBytes: limits.maxExpandedMB * MB,
  };
}

function emptyFacts(id: string): MessageFacts {
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

type Opened = { id: string; parsed: ParsedMessage; files: ExpandedFile[] } | { id: string; failure: MessageFacts };

async function open(id: string, raw: Buffer, limits: ExpandLimits): Promise<Opened> {
  try {
    const parsed = await parseMail(raw);
    const files = await expandFiles(parsed.attachments, limits);
    const body = bodyFile(parsed);
    return { id, parsed, files: body ? [...files, body] : files };
  } catch (cause) {
    return {
      id,
      failure: { ...emptyFacts(id), problems: [error('mail.unreadable', `邮件无法解析：${(cause as Error).message.slice(0, 200)}`)] },
    };
  }
}

export async function analyzeMessages(
  messages: readonly { id: string; raw: Buffer }[],
  campaign: Campaign,
  environment: AnalyzeEnvironment = {},
): Promise<{ facts: MessageFacts[]; deferred: DeferredMessages }> {
  const limits = expandLimits(campaign);
  const opened: Opened[] = [];
  for (const message of messages) opened.push(await open(message.id, message.raw, limits));

  const legacy = opened
    .flatMap((item) => ('files' in item ? item.files : []))
    .filter((file) => file.content.byteLength > 0 && !legacyPasswordProtected(file.content, file.kind));
  const conversions = await convertLegacyFiles(legacy, {
    ...(environment.soffice !== undefined ? { soffice: environment.soffice } : {}),
    ...(environment.tempDir ? { tempDir: environment.tempDir } : {}),
    ...(environment.dataDir ? { cache: new ConversionCache(environment.dataDir) } : {}),
    perFileTimeoutMs: campaign.file.limits.conversionTimeoutSeconds * 1000,
    ...(environment.deferConversions ? { cacheOnly: true } : {}),
  });
  const missing = new Set((conversions.missing ?? []).map((file) => file.sha256));
  const deferred: DeferredMessages = { ids: [], files: conversions.missing ?? [] };
  const pdf = {
    ...(environment.pdftotext !== undefined ? { pdftotext: environment.pdftotext } : {}),
    ...(environment.tempDir ? { tempDir: environment.tempDir } : {}),
  };

  const facts: MessageFacts[] = [];
  for (const item of opened) {
    if ('failure' in item) {
      facts.push(item.failure);
      continue;
    }
    if (item.files.some((file) => missing.has(file.sha256))) {
      deferred.ids.push(item.id);
      continue;
    }
    const attachments = [];
    for (const file of item.files) {
      const conversion = conversions.outcomes.get(file.sha256);
      const extracted = await extractFile(file, campaign, { ...(conversion ? { conversion } : {}), pdf });
      // The body is listed only when a table was found in it.
      if (file.kind === 'html' && extracted.tables.length === 0) continue;
      attachments.push(extracted);
    }
    const { parsed } = item;
    const bodyProblems = [...largeAttachmentProblems(parsed), ...pictureOnlyProblems(parsed, attachments)];
    facts.push({
      ...emptyFacts(item.id),
      messageId: parsed.messageId,
      fromAddress: parsed.fromAddress,
      fromName: parsed.fromName,
      subject: parsed.subject,
      dateHeader: parsed.dateHeader,
      receivedHeader: parsed.receivedHeader,
      forwardedFrom: parsed.forwardedFrom,
      attachments,
      problems: [...parsed.problems, ...bodyProblems],
    });
  }
  return { facts, deferred };
}

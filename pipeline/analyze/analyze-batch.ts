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
import { createHash } from 'node:crypto';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { explainFailure, failureDetail } from '../../intake/kernel/explain-failure.js';
import { error, type Problem } from '../../intake/kernel/problems.js';
import { type ParsedMessage, parseMail, parseMailHeaders } from '../../intake/mail/parse-mail.js';
import { ConversionCache } from '../convert/conversion-cache.js';
import { conversionSource, convertLegacyFiles, type LegacyFile } from '../convert/convert-legacy.js';
import { legacyPasswordProtected } from '../convert/legacy-encryption.js';
import { type ExpandedFile, type ExpandLimits, expandFiles } from '../extract/archive/expand.js';
import type { FileKind } from '../extract/sniff.js';
import { bodyFile, largeAttachmentProblems, pictureOnlyProblems } from './body-material.js';
import { extractFile, needsRepair } from './extract-file.js';
import { type AttachmentFacts, emptyFacts, type MessageFacts, type Overrun } from './facts.js';
import { type AnalysisBudget, messageOverrunProblem, overrunProblem } from './overrun.js';

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

/** How a watchdog (analyze-pool.ts) steers an analysis it may have to stop. */
export interface AnalyzeControl {
  /** Files not to read again, by SHA-256: an earlier attempt ran out of its budget on them. */
  skip?: ReadonlyMap<string, Overrun>;
  /** Read only the message's headers: an earlier attempt ran out of its budget before any file. */
  headersOnly?: Overrun;
  /**
   * Called before each file is opened or read, so that a stopped analysis is blamed on the right
   * file; null before several archives are opened together (a stop there is the message's). The
   * file is read once the returned promise settles: the watchdog has then heard of it, even if
   * reading it never lets the process say anything again.
   */
  onFile?: (id: string, file: { name: string; sha256: string } | null) => void | Promise<void>;
  /** The budget, for the wording of the problems. */
  budget?: AnalysisBudget;
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

type Opened = { id: string; parsed: ParsedMessage; files: ExpandedFile[] } | { id: string; failure: MessageFacts };

/** Facts from the headers alone, with the problem that kept the body unread. */
async function headersOnly(id: string, raw: Buffer, problem: Problem): Promise<MessageFacts> {
  try {
    return { ...factsOf(id, await parseMailHeaders(raw), []), problems: [problem] };
  } catch {
    return { ...emptyFacts(id), problems: [problem] };
  }
}

async function open(id: string, raw: Buffer, limits: ExpandLimits, control: AnalyzeControl): Promise<Opened> {
  if (control.headersOnly) {
    const failure = await headersOnly(id, raw, messageOverrunProblem(control.headersOnly, control.budget));
    return { id, failure: { ...failure, overrun: control.headersOnly } };
  }
  try {
    const parsed = await parseMail(raw);
    const files = await expandAnnounced(id, parsed.attachments, limits, control);
    const body = bodyFile(parsed);
    return { id, parsed, files: body ? [...files, body] : files };
  } catch (cause) {
    // The outer headers survive whatever the body does: the sender stays known (材料不全 or
    // 待核实, never 未报送).
    const detail = failureDetail(cause);
    return {
      id,
      failure: await headersOnly(
        id,
        raw,
        error('mail.unreadable', `邮件无法解析（${explainFailure(detail)}）：只读取了发件人、标题和时间，附件未读取，请人工查看原邮件`, {
          detail,
        }),
      ),
    };
  }
}

/** Kinds expandFiles opens, spending the message's one budget of files and bytes. */
const CONTAINER_KINDS: ReadonlySet<FileKind> = new Set(['zip', '7z', 'rar', 'tnef', 'msg']);

/**
 * What a file looks like from its first bytes alone, for a file that is not opened again (an
 * earlier attempt died on it): nothing of it is parsed, not even its compound-file directory.
 */
function kindFromMagic(content: Buffer): FileKind {
  if (content.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) return 'zip';
  if (content.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) return 'ole-other';
  if (content.subarray(0, 4).toString('latin1') === '%PDF') return 'pdf';
  return 'other';
}

/**
 * The message's files, each attachment opened after saying which it is (sniffing a file parses
 * its compound-file or zip directory, and opening an archive reads every file in it: a death
 * there is that attachment's). An attachment an earlier attempt died on is not opened at all.
 * Two archives or more share one budget of files and bytes, so such a message is opened again in
 * one go (announced as the message's): the files are then exactly those of a single expandFiles.
 */
async function expandAnnounced(
  id: string,
  attachments: readonly { name: string; content: Buffer }[],
  limits: ExpandLimits,
  control: AnalyzeControl,
): Promise<ExpandedFile[]> {
  const files: ExpandedFile[] = [];
  const opened: { name: string; content: Buffer }[] = [];
  let containers = 0;
  for (const attachment of attachments) {
    const sha256 = createHash('sha256').update(attachment.content).digest('hex');
    if (control.skip?.has(sha256)) {
      const { name, content } = attachment;
      files.push({ name, content: Buffer.alloc(0), size: content.byteLength, sha256, kind: kindFromMagic(content), problems: [] });
      continue;
    }
    opened.push(attachment);
    await control.onFile?.(id, { name: attachment.name, sha256 });
    const expanded = await expandFiles([attachment], limits);
    if (CONTAINER_KINDS.has(expanded[0]?.kind ?? 'other')) containers++;
    files.push(...expanded);
  }
  if (containers <= 1) return files;
  await control.onFile?.(id, null);
  return [...(await expandFiles(opened, limits)), ...files.filter((file) => control.skip?.has(file.sha256))];
}

function factsOf(id: string, parsed: ParsedMessage, attachments: AttachmentFacts[]): MessageFacts {
  return {
    ...emptyFacts(id),
    messageId: parsed.messageId,
    fromAddress: parsed.fromAddress,
    fromName: parsed.fromName,
    subject: parsed.subject,
    dateHeader: parsed.dateHeader,
    receivedHeader: parsed.receivedHeader,
    forwardedFrom: parsed.forwardedFrom,
    attachments,
    problems: parsed.problems,
    routing: { replyTo: parsed.replyTo, bodyExcerpt: parsed.bodyExcerpt, ownMail: parsed.ownMail },
  };
}

/**
 * The .xlsx/.docx files the fast path could not read, re-saved by LibreOffice and read again (in
 * place in `attachments`). False when conversions are deferred and the cache lacks one: the
 * message then waits for pass 2 like one with a legacy file.
 */
async function repairFiles(
  item: Extract<Opened, { files: ExpandedFile[] }>,
  attachments: AttachmentFacts[],
  campaign: Campaign,
  environment: AnalyzeEnvironment,
  control: AnalyzeControl,
): Promise<boolean> {
  const broken = attachments.flatMap((facts, index) => (needsRepair(facts) ? [index] : []));
  if (broken.length === 0) return true;
  const files = broken.map((index) => item.files[index]!);
  const repairs = await convertLegacyFiles(
    files.map((file) => ({ sha256: file.sha256, kind: file.kind, content: file.content, source: file.kind as 'xlsx' | 'docx' })),
    {
      ...(environment.soffice !== undefined ? { soffice: environment.soffice } : {}),
      ...(environment.tempDir ? { tempDir: environment.tempDir } : {}),
      ...(environment.dataDir ? { cache: new ConversionCache(environment.dataDir) } : {}),
      perFileTimeoutMs: campaign.file.limits.conversionTimeoutSeconds * 1000,
      ...(environment.deferConversions ? { cacheOnly: true } : {}),
    },
  );
  if ((repairs.missing ?? []).length > 0) return false;
  const pdf = {
    ...(environment.pdftotext !== undefined ? { pdftotext: environment.pdftotext } : {}),
    ...(environment.tempDir ? { tempDir: environment.tempDir } : {}),
  };
  for (const [at, index] of broken.entries()) {
    const file = files[at]!;
    const repair = repairs.outcomes.get(file.sha256);
    if (!repair) continue;
    await control.onFile?.(item.id, { name: file.name, sha256: file.sha256 });
    const fastFailure = attachments[index]!.problems.find((problem) => problem.code === 'file.unreadable');
    attachments[index] = await extractFile(file, campaign, { repair, pdf, ...(fastFailure ? { fastFailure } : {}) });
  }
  return true;
}

/** A file an earlier attempt ran out of budget on: named, not read again. */
function skippedFile(file: ExpandedFile, overrun: Overrun, budget: AnalysisBudget | undefined): AttachmentFacts {
  return {
    name: file.name,
    size: file.size,
    sha256: file.sha256,
    kind: file.kind,
    tables: [],
    report: null,
    problems: [...file.problems, overrunProblem(overrun, file.name, budget)],
    overrun,
  };
}

export async function analyzeMessages(
  messages: readonly { id: string; raw: Buffer }[],
  campaign: Campaign,
  environment: AnalyzeEnvironment = {},
  control: AnalyzeControl = {},
): Promise<{ facts: MessageFacts[]; deferred: DeferredMessages }> {
  const limits = expandLimits(campaign);
  const opened: Opened[] = [];
  for (const message of messages) opened.push(await open(message.id, message.raw, limits, control));

  const legacy: ExpandedFile[] = [];
  for (const item of opened) {
    for (const file of 'files' in item ? item.files : []) {
      if (file.content.byteLength === 0 || control.skip?.has(file.sha256)) continue;
      // Reading a legacy file's first record parses its compound-file directory again.
      if (conversionSource(file.kind) !== null) await control.onFile?.(item.id, { name: file.name, sha256: file.sha256 });
      if (!legacyPasswordProtected(file.content, file.kind)) legacy.push(file);
    }
  }
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
    if (item.files.some((file) => missing.has(file.sha256) && !control.skip?.has(file.sha256))) {
      deferred.ids.push(item.id);
      continue;
    }
    const attachments = [];
    for (const file of item.files) {
      const overrun = control.skip?.get(file.sha256);
      if (overrun) {
        attachments.push(skippedFile(file, overrun, control.budget));
        continue;
      }
      await control.onFile?.(item.id, { name: file.name, sha256: file.sha256 });
      const conversion = conversions.outcomes.get(file.sha256);
      const extracted = await extractFile(file, campaign, { ...(conversion ? { conversion } : {}), pdf });
      // The body is listed only when a table was found in it.
      if (file.kind === 'html' && extracted.tables.length === 0) continue;
      attachments.push(extracted);
    }
    if (!(await repairFiles(item, attachments, campaign, environment, control))) {
      deferred.ids.push(item.id);
      continue;
    }
    const found = factsOf(item.id, item.parsed, attachments);
    // What the body says about material that is not attached (超大附件 links, a table sent as pictures).
    facts.push({
      ...found,
      problems: [...found.problems, ...largeAttachmentProblems(item.parsed), ...pictureOnlyProblems(item.parsed, attachments)],
    });
  }
  return { facts, deferred };
}

/**
 * Converts the legacy files of many messages in one LibreOffice start, into the conversion cache
 * only (nothing is read): the messages are then analysed one by one, each under its own budget,
 * and find their conversions in the cache.
 */
export async function convertMessages(
  messages: readonly { id: string; raw: Buffer; skip?: ReadonlyMap<string, Overrun> }[],
  campaign: Campaign,
  environment: AnalyzeEnvironment,
): Promise<void> {
  const limits = expandLimits(campaign);
  const files: LegacyFile[] = [];
  for (const message of messages) {
    const skip = message.skip ?? new Map<string, Overrun>();
    const item = await open(message.id, message.raw, limits, { skip });
    if ('files' in item)
      files.push(
        ...item.files.filter(
          (file) => file.content.byteLength > 0 && !skip.has(file.sha256) && !legacyPasswordProtected(file.content, file.kind),
        ),
      );
  }
  if (!environment.dataDir) return;
  await convertLegacyFiles(files, {
    ...(environment.soffice !== undefined ? { soffice: environment.soffice } : {}),
    ...(environment.tempDir ? { tempDir: environment.tempDir } : {}),
    cache: new ConversionCache(environment.dataDir),
    perFileTimeoutMs: campaign.file.limits.conversionTimeoutSeconds * 1000,
  });
}

/**
 * One file's bytes → the tables and report text it holds, chosen by what the file really is
 * (sniffed, never by its extension). Legacy and WPS files arrive here with their LibreOffice
 * conversion already made (analyze-batch.ts converts a whole batch in one start) and are read
 * by the same code as .xlsx/.docx. Each format's reader is one entry of READERS.
 */
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { explainFailure, failureDetail } from '../../intake/kernel/explain-failure.js';
import { error, type Problem, warning } from '../../intake/kernel/problems.js';
import { decodeText } from '../../intake/kernel/text/decode-text.js';
import { compact } from '../../intake/kernel/text/normalize.js';
import { type ConversionOutcome, TARGET_OF } from '../convert/convert-batch.js';
import { conversionSource } from '../convert/convert-legacy.js';
import { legacyPasswordProtected } from '../convert/legacy-encryption.js';
import type { ExpandedFile } from '../extract/archive/expand.js';
import { campaignTablesIn, findCampaignTables, tablesNotFound } from '../extract/campaign-tables.js';
import { readDocumentXml } from '../extract/docx-package.js';
import { walkDocumentXml } from '../extract/docx-walk.js';
import type { FoundTable } from '../extract/find-table.js';
import { readHtmlTables } from '../extract/html-tables.js';
import { inspectOoxml, type OpenedPackage } from '../extract/ooxml-inspect.js';
import { FILE_KIND_LABEL, type FileKind } from '../extract/sniff.js';
import { readXlsxGrids } from '../extract/xlsx-grid.js';
import { analyzeReport } from '../report/analyze-report.js';
import { campaignWordIn } from '../report/campaign-topic.js';
import { type PdfTextOptions, readPdfText } from '../report/pdf-text.js';
import type { AttachmentFacts, ReportDraft } from './facts.js';
import { wordReport } from './word-report.js';

export { REPORT_MIN_PROSE_CHARS } from './word-report.js';

export interface ExtractContext {
  /** The LibreOffice conversion of a legacy file (kinds xls, doc, rtf, odt, ods). */
  conversion?: ConversionOutcome;
  /**
   * For an .xlsx/.docx the fast path could not read (needsRepair): its re-saving by LibreOffice,
   * read instead. Only when that fails too is the file called damaged.
   */
  repair?: ConversionOutcome;
  /** With `repair`: the problem of the fast path, whose explanation stands if the repair fails too. */
  fastFailure?: Problem;
  pdf?: PdfTextOptions;
}

const TEXT_KINDS: ReadonlySet<FileKind> = new Set(['docx', 'doc', 'rtf', 'odt']);

async function readSpreadsheet(opened: OpenedPackage, name: string, campaign: Campaign, problems: Problem[]): Promise<FoundTable[]> {
  const { grids, truncated } = await readXlsxGrids(opened.content, { opened });
  for (const sheet of truncated) problems.push(warning('file.sheet_truncated', `工作表「${sheet}」过大，只读取了前面部分`, { file: name }));
  const tables = findCampaignTables(grids, campaign.tables, 'sheets');
  if (tables.length === 0) problems.push(tablesNotFound(campaign, name));
  return tables;
}

export async function readWordDocument(
  content: Buffer,
  campaign: Campaign,
  opened?: OpenedPackage,
): Promise<{ tables: FoundTable[]; report: ReportDraft | null }> {
  const { grids, paragraphs } = walkDocumentXml(await readDocumentXml(content, undefined, opened));
  const found = campaignTablesIn(grids, campaign.tables, 'document');
  return { tables: found.tables, report: wordReport(paragraphs, found.grids, campaign.tables) };
}

/**
 * The format to ask for again: the conversion's target, or for an OLE file too damaged to say
 * what it is, the one its name suggests (the only clue left).
 */
function wantedFormat(file: ExpandedFile): string {
  const target = TARGET_OF[conversionSource(file.kind)!];
  if (target) return `.${target}`;
  if (/\.(xls|et|xlt|ett)$/i.test(file.name)) return '.xlsx';
  if (/\.(doc|wps|dot|wpt)$/i.test(file.name)) return '.docx';
  return '.xlsx 或 .docx';
}

/** LibreOffice's reason in Chinese for the clerk; its own words (often English) kept as the detail. */
function conversionDetail(detail: string): { found: string; detail?: string } {
  if (/[\u4e00-\u9fff]/.test(detail) && !/[A-Za-z]{4,}/.test(detail)) return { found: detail };
  return { found: 'LibreOffice 也无法打开此文件', detail };
}

/** The problem for a legacy file LibreOffice could not convert; null when it was converted. */
function conversionProblem(file: ExpandedFile, outcome: ConversionOutcome | undefined): Problem | null {
  const label = FILE_KIND_LABEL[file.kind];
  const target = wantedFormat(file).slice(1);
  const where = { file: file.name, expected: `.${target} 文件` };
  if (outcome === undefined) return error('file.libreoffice_unavailable', `${label}需要 LibreOffice 才能读取，但未能转换`, where);
  switch (outcome.status) {
    case 'converted':
      return null;
    case 'unavailable':
      return error(
        'file.libreoffice_unavailable',
        `${label}需要 LibreOffice 才能读取，本机未安装或无法运行 LibreOffice；请安装 LibreOffice，或请报送单位以 .${target} 格式重新报送`,
        { ...where, found: outcome.detail },
      );
    case 'timeout':
      return error('file.conversion_timeout', `${label}转换超过 ${outcome.seconds} 秒仍未完成，请以 .${target} 格式重新报送`, where);
    case 'failed':
      return error('file.conversion_failed', `${label}无法打开（文件可能已损坏），请以 .${target} 格式重新报送`, {
        ...where,
        ...conversionDetail(outcome.detail),
      });
  }
}

async function reportFromPdf(file: ExpandedFile, options: PdfTextOptions | undefined, problems: Problem[]): Promise<ReportDraft | null> {
  const result = await readPdfText(file.content, options);
  const where = { file: file.name };
  switch (result.status) {
    case 'text':
      return { chars: compact(result.text).length, text: result.text };
    case 'scanned':
      problems.push(
        warning('report.scanned', `PDF 为扫描件（${result.pages} 页，没有文字层），计为书面报告，但无法分析内容，请人工查看`, where),
      );
      return { chars: null, text: null, scanned: true };
    case 'encrypted':
      problems.push(error('file.encrypted', '文件设有密码，无法打开，请去掉密码后重新报送', { ...where, expected: '未加密的文件' }));
      return null;
    case 'unreadable':
      problems.push(
        error('file.unreadable', `${FILE_KIND_LABEL.pdf}无法打开（文件可能已损坏），请重新报送`, {
          ...where,
          found: 'pdftotext 无法读取其中的文字（PDF 结构有错误）',
          detail: result.detail,
        }),
      );
      return null;
    case 'unavailable':
      // Not the unit's fault: the PDF counts as a report, its text is read once pdftotext is installed.
      problems.push(
        error('file.pdftotext_unavailable', `无法读取 PDF 文字：${result.detail}`, { ...where, expected: '安装 poppler-utils' }),
      );
      return { chars: null, text: null };
  }
}

/** Each text in 「」, as many as fit in `max` characters, a long one shortened inside its quotes. */
function quotedWithin(texts: readonly string[], max: number): string {
  const out: string[] = [];
  let length = 0;
  for (const text of texts) {
    const quoted = `「${text.length > max - 3 ? `${text.slice(0, max - 3)}…` : text}」`;
    if (out.length > 0 && length + 1 + quoted.length > max) break;
    out.push(quoted);
    length += quoted.length + 1;
  }
  return out.join(' ');
}

/** A link target as the clerk would recognise it: %20 and the like decoded. */
function readableTarget(target: string): string {
  try {
    return decodeURIComponent(target);
  } catch {
    return target;
  }
}

/**
 * Checks an .xlsx/.docx package before a library parses it (see ooxml-inspect.ts): refuses one
 * whose XML inflates past the limit, and tells the clerk about macros, outside links and DDE
 * commands, none of which huizong runs or follows.
 */
async function packageIsSafe(content: Buffer, name: string, campaign: Campaign, problems: Problem[]): Promise<OpenedPackage | null> {
  const limitMB = campaign.file.limits.maxOfficeXmlMB;
  const result = await inspectOoxml(content, limitMB * 1024 * 1024);
  const where = { file: name };
  if (!result.ok) {
    problems.push(
      error(
        'file.content_too_large',
        `文件解压后的内容超过 ${limitMB} MB，未读取（正常的统计表和报告远小于此）；请只保留统计表或报告后重新报送`,
        {
          ...where,
          expected: `解压后不超过 ${limitMB} MB`,
        },
      ),
    );
    return null;
  }
  const { macros, externalTargets, ddeFormulas } = result.inspection;
  if (macros) problems.push(warning('file.macros_ignored', '文件含宏（VBA），汇总不运行宏，只读取其中的数据', where));
  if (externalTargets.length > 0) {
    const shown = externalTargets.map(readableTarget);
    problems.push(
      warning(
        'file.external_content_ignored',
        `文件引用外部内容（${shown
          .slice(0, 3)
          .map((target) => `「${target}」`)
          .join('、')}${shown.length > 3 ? ` 等 ${shown.length} 处` : ''}），汇总不更新链接、不下载`,
        {
          ...where,
          found: quotedWithin(shown, 200),
        },
      ),
    );
  }
  if (ddeFormulas.length > 0) {
    problems.push(
      warning(
        'file.dde_ignored',
        `文件中有调用外部程序的公式或域（DDE：${ddeFormulas[0]!.slice(0, 60)}），汇总不执行，按单元格显示的值读取`,
        { ...where, found: ddeFormulas.join(' ').slice(0, 200) },
      ),
    );
  }
  return result.opened;
}

/**
 * The fast path could not read this .xlsx/.docx (the library or the zip reader threw): it is to
 * be re-saved by LibreOffice and read again (ExtractContext.repair) before it is called damaged.
 */
export function needsRepair(facts: AttachmentFacts): boolean {
  return (
    (facts.kind === 'xlsx' || facts.kind === 'docx') &&
    facts.converted === undefined &&
    facts.problems.some((item) => item.code === 'file.unreadable')
  );
}

/**
 * A file that yields no table, no report and no problem would pass in silence: the clerk would
 * see a unit 材料不全 without learning why. Such a file gets a word of its own. An archive speaks
 * through its files (or its own problems).
 */
function nothingRead(facts: AttachmentFacts): AttachmentFacts {
  if (facts.tables.length > 0 || facts.report !== null || facts.problems.length > 0 || facts.kind === 'zip') return facts;
  const where = { file: facts.name };
  // A picture is often a material in its own right (a signed scan, which merge then takes without
  // this note): a remark for the clerk, not a request to resend. A table sent only as pictures has
  // its error from the message (mail.picture_only).
  if (facts.kind === 'image')
    return {
      ...facts,
      problems: [warning('file.not_read', '图片，不自动读取其中的内容（统计表和报告以 Excel、Word 或 PDF 文件为准）', where)],
    };
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(facts.name)?.[1]?.toLowerCase();
  const what = extension ? `.${extension} 文件` : FILE_KIND_LABEL[facts.kind];
  const summary = `无法读取这种文件（${what}），未读取其中的内容；统计表请以 .xlsx 格式、书面报告请以 .docx 或 PDF 格式报送`;
  return { ...facts, problems: [warning('file.not_read', summary, { ...where, expected: '.xlsx、.docx 或 PDF 文件' })] };
}

export async function extractFile(file: ExpandedFile, campaign: Campaign, context: ExtractContext = {}): Promise<AttachmentFacts> {
  return nothingRead(await readOneFile(file, campaign, context));
}

/** What reading one file has found so far: each stage below adds to it or ends the reading. */
interface Reading {
  /** What is read now: the file's own kind, or the format LibreOffice converted or repaired it to. */
  kind: FileKind;
  content: Buffer;
  converted?: 'xlsx' | 'docx';
  tables: FoundTable[];
  report: ReportDraft | null;
  problems: Problem[];
}

function campaignWordOf(text: string | null, campaign: Campaign): { campaignWord?: string } {
  const word = text === null ? null : campaignWordIn(text, campaign.file);
  return word === null ? {} : { campaignWord: word };
}

function factsOf(file: ExpandedFile, reading: Reading, campaign: Campaign): AttachmentFacts {
  const { report } = reading;
  return {
    name: file.name,
    size: file.size,
    sha256: file.sha256,
    kind: file.kind,
    ...(reading.converted ? { converted: reading.converted } : {}),
    tables: reading.tables,
    report:
      report === null
        ? null
        : {
            chars: report.chars,
            ...(report.scanned ? { scanned: true } : {}),
            analysis: analyzeReport(report.text, campaign, { scanned: report.scanned ?? false }),
            ...campaignWordOf(report.text, campaign),
          },
    problems: reading.problems,
  };
}

/** A legacy or WPS file: read through its LibreOffice conversion. False when there is nothing to read. */
function throughConversion(reading: Reading, file: ExpandedFile, context: ExtractContext): boolean {
  if (conversionSource(reading.kind) === null) return true;
  if (legacyPasswordProtected(reading.content, reading.kind)) {
    reading.problems.push(
      error('file.encrypted', '文件设有密码，无法打开，请去掉密码后重新报送', { file: file.name, expected: '未加密的文件' }),
    );
    return false;
  }
  const problem = conversionProblem(file, context.conversion);
  if (problem) {
    reading.problems.push(problem);
    // A Word-type file still counts as the written report, unread; a spreadsheet holds no report.
    if (TEXT_KINDS.has(reading.kind) && problem.code === 'file.libreoffice_unavailable') reading.report = { chars: null, text: null };
    return false;
  }
  const outcome = context.conversion as Extract<ConversionOutcome, { status: 'converted' }>;
  reading.converted = outcome.target;
  reading.kind = outcome.target;
  reading.content = outcome.content;
  return true;
}

/** An .xlsx/.docx the fast path refused: read as LibreOffice re-saved it. False when that failed too. */
function throughRepair(reading: Reading, file: ExpandedFile, context: ExtractContext): boolean {
  const { repair } = context;
  if (!repair || (reading.kind !== 'xlsx' && reading.kind !== 'docx')) return true;
  const label = FILE_KIND_LABEL[reading.kind];
  if (repair.status === 'unavailable') {
    reading.problems.push(
      error('file.libreoffice_unavailable', `${label}无法直接读取，需要用 LibreOffice 修复后读取，但本机未安装或无法运行 LibreOffice`, {
        file: file.name,
        found: repair.detail,
      }),
    );
    return false;
  }
  if (repair.status !== 'converted') {
    const where = { file: file.name, expected: `可以打开的 .${reading.kind} 文件` };
    reading.problems.push(
      repair.status === 'timeout'
        ? error(
            'file.unreadable',
            `${label}无法打开（文件可能已损坏），用 LibreOffice 修复超过 ${repair.seconds} 秒仍未完成，请重新报送`,
            where,
          )
        : error('file.unreadable', `${label}无法打开（文件已损坏，LibreOffice 也无法打开），请重新报送`, {
            ...where,
            found: context.fastFailure?.found ?? '文件内容无法按其格式解析',
            detail: [context.fastFailure?.detail, `LibreOffice: ${repair.detail}`].filter(Boolean).join(' / '),
          }),
    );
    return false;
  }
  reading.problems.push(
    warning('file.repaired', `${label}的格式有错误，无法直接读取，已用 LibreOffice 修复后读取；请核对读出的数据`, { file: file.name }),
  );
  reading.converted = repair.target;
  reading.kind = repair.target;
  reading.content = repair.content;
  return true;
}

/**
 * A name that promises a document whose bytes are none we can read: damaged in transit, cut
 * short, or not what it says. The clerk must hear of it, not find the unit 材料不全.
 */
async function notRecognised(reading: Reading, file: ExpandedFile): Promise<void> {
  const promised = file.problems.some((item) => item.code === 'archive.multi_volume')
    ? undefined
    : /\.(xlsx|xlsm|xls|et|docx|docm|doc|wps|pdf|zip|rar|7z)$/i.exec(file.name)?.[1];
  if (!promised) return;
  reading.problems.push(
    error(
      'file.not_recognised',
      `文件名是 .${promised.toLowerCase()}，但内容不是可以读取的该类文件（可能已损坏或传输不完整），请重新报送`,
      {
        file: file.name,
        expected: `完整的 .${promised.toLowerCase()} 文件`,
      },
    ),
  );
}

type Reader = (reading: Reading, file: ExpandedFile, campaign: Campaign, context: ExtractContext) => Promise<void>;

/** What each format is read with. A format not here yields nothing (nothingRead then speaks for it). */
const READERS: Partial<Record<FileKind, Reader>> = {
  xlsx: async (reading, file, campaign) => {
    const opened = await packageIsSafe(reading.content, file.name, campaign, reading.problems);
    if (opened) reading.tables = await readSpreadsheet(opened, file.name, campaign, reading.problems);
  },
  docx: async (reading, file, campaign) => {
    const opened = await packageIsSafe(reading.content, file.name, campaign, reading.problems);
    if (opened) ({ tables: reading.tables, report: reading.report } = await readWordDocument(reading.content, campaign, opened));
  },
  pdf: async (reading, file, _campaign, context) => {
    reading.report = await reportFromPdf(file, context.pdf, reading.problems);
  },
  html: async (reading, _file, campaign) => {
    reading.tables = findCampaignTables(readHtmlTables(reading.content.toString('utf8')).grids, campaign.tables, 'document');
  },
  txt: async (reading) => {
    const text = decodeText(reading.content).text;
    reading.report = { chars: compact(text).length, text };
  },
  encrypted: async (reading, file) => {
    reading.problems.push(
      error('file.encrypted', '文件设有密码，无法打开，请去掉密码后重新报送', { file: file.name, expected: '未加密的文件' }),
    );
  },
  other: notRecognised,
  'ooxml-other': notRecognised,
};

async function readOneFile(file: ExpandedFile, campaign: Campaign, context: ExtractContext): Promise<AttachmentFacts> {
  const reading: Reading = { kind: file.kind, content: file.content, tables: [], report: null, problems: [...file.problems] };
  // Over the size limit: not read (expandFiles said so).
  if (file.content.byteLength === 0 && file.size > 0) return factsOf(file, reading, campaign);
  if (!throughConversion(reading, file, context) || !throughRepair(reading, file, context)) return factsOf(file, reading, campaign);
  try {
    await READERS[reading.kind]?.(reading, file, campaign, context);
  } catch (cause) {
    const detail = failureDetail(cause);
    reading.problems.push(
      error('file.unreadable', `${FILE_KIND_LABEL[file.kind]}无法打开（文件可能已损坏），请重新报送`, {
        file: file.name,
        found: explainFailure(detail),
        detail,
      }),
    );
  }
  return factsOf(file, reading, campaign);
}

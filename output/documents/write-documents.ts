/**
 * Writes the official documents next to the workbook, each atomically: the summary report
 * always, the circular only when someone is to be criticized (nobody is before the deadline). A broken or missing template
 * does not stop the run: the document is skipped and the notes say why, line by line.
 * The edge of the documents part: it reads the templates, writes files and takes the clock
 * (only when no mail was ever read; otherwise the data's 截至 time dates the documents).
 */

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import type { Decisions } from '../../intake/kernel/campaign/decisions.js';
import { DECISIONS_FILE } from '../../intake/kernel/campaign/decisions-file.js';
import { writeFileAtomic } from '../../intake/kernel/files/atomic-write.js';
import { decodeText } from '../../intake/kernel/text/decode-text.js';
import { formatBeijing } from '../../intake/kernel/time.js';
import type { MergeResult } from '../../pipeline/merge/merge-result.js';
import { type CircularList, circularList } from './circular.js';
import { decisionWarnings } from './decision-warnings.js';
import {
  CIRCULAR,
  DOCUMENT_KINDS,
  type DocumentKind,
  documentFileName,
  GENERIC_TEMPLATE_NOTE,
  genericTemplatePath,
  SUMMARY,
  TEMPLATES_DIR,
  templatePath,
} from './documents.js';
import { prepareTemplate } from './handlebars-env.js';
import { renderOfficialDocument } from './render-document.js';
import { buildTemplateData, type TemplateData, type TemplateInput } from './template-data.js';

export interface DocumentsReport {
  files: string[];
  notes: string[];
  /** Documents not written because their template is missing or has mistakes (a configuration error). */
  failed: number;
}

export interface WriteDocumentsOptions {
  /** The clock, used only when no mail was ever read (result.asOf is null). */
  now?: Date;
}

async function readTemplate(path: string): Promise<string | null> {
  try {
    return decodeText(await readFile(path)).text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The campaign's own template, else the generic one (a new campaign's folder without templates). */
async function templateOf(
  campaign: Pick<Campaign, 'dir'>,
  kind: DocumentKind,
  notes: string[],
): Promise<{ source: string | null; where: string }> {
  const own = await readTemplate(templatePath(campaign, kind));
  if (own !== null) return { source: own, where: `${TEMPLATES_DIR}/${kind.template}` };
  const generic = await readTemplate(genericTemplatePath(kind));
  if (generic !== null) notes.push(`活动文件夹中没有模板 ${TEMPLATES_DIR}/${kind.template}，${kind.label}按内置的通用模板生成`);
  return { source: generic, where: `${kind.template}${GENERIC_TEMPLATE_NOTE}` };
}

/**
 * Parses and compiles the templates writeDocuments will fill for this campaign (its own, else
 * the generic ones) ahead of the fill: the documents' worker does it while the merge is still
 * under way. They are kept by their text (handlebars-env.ts): the fill finds them compiled when
 * unchanged, and compiles a template edited meanwhile anew.
 */
export async function prepareTemplates(campaign: Pick<Campaign, 'dir'>): Promise<void> {
  for (const kind of DOCUMENT_KINDS) {
    const { source } = await templateOf(campaign, kind, []);
    if (source !== null) prepareTemplate(source);
  }
}

/** Where a document that could not be brought up to date is moved, so it does not pass for current. */
export function staleFileName(fileName: string): string {
  return fileName.replace(/\.docx$/, '（旧版，模板有误未能更新）.docx');
}

interface WriteOneOptions {
  draft: boolean;
  /** What the document is made from; an existing file made from the same is kept as it is. */
  keepIfMadeFrom?: (source: string) => string;
}

/** Renders and writes one document; returns the path, or null with notes saying why not. */
async function writeOne(
  outDir: string,
  campaign: Campaign,
  kind: DocumentKind,
  data: TemplateData,
  options: WriteOneOptions,
  notes: string[],
): Promise<string | null> {
  const { source, where } = await templateOf(campaign, kind, notes);
  const fileName = documentFileName(campaign, kind, options.draft);
  const path = join(outDir, fileName);
  // A document that cannot be made now must not stay in out/ looking current.
  const setAsideStale = async () => {
    if (!existsSync(path)) return;
    await rename(path, join(outDir, staleFileName(fileName)));
    notes.push(`先前生成的 ${fileName} 已不是最新，已改名为 ${staleFileName(fileName)}，请勿当作最新文件使用`);
  };
  if (source === null) {
    notes.push(`未生成${kind.label}：活动文件夹中没有模板 ${where}（可从 huizong init 新建的活动文件夹中复制）`);
    await setAsideStale();
    return null;
  }
  const identifier = options.keepIfMadeFrom?.(source);
  if (identifier !== undefined && existsSync(path) && (await documentIdentifier(path)) === identifier) {
    notes.push(`${fileName} 是定稿，来信、decisions.yaml 和模板都没有变化，保留原文件未重写`);
    return path;
  }
  const rendered = await renderOfficialDocument({
    campaign,
    source,
    data,
    title: fileName.replace(/\.docx$/, ''),
    draft: options.draft,
    ...(identifier ? { identifier } : {}),
  });
  if (!rendered.ok) {
    notes.push(`未生成${kind.label}：模板 ${where} 有 ${rendered.issues.length} 处错误（可运行 huizong check 查看）`);
    const scope = rendered.filled ? '（填入数据后的文字）' : '';
    for (const issue of rendered.issues) notes.push(`  ${where}${scope} 第 ${issue.line} 行第 ${issue.column} 列：${issue.message}`);
    await setAsideStale();
    return null;
  }
  await writeFileAtomic(path, rendered.docx);
  return path;
}

/** The identifier property of an existing .docx (null when unreadable or absent). */
async function documentIdentifier(path: string): Promise<string | null> {
  try {
    const core = unzipSync(await readFile(path), { filter: (file) => file.name === 'docProps/core.xml' })['docProps/core.xml'];
    return core ? (/<dc:identifier>([^<]*)<\/dc:identifier>/.exec(strFromU8(core))?.[1] ?? null) : null;
  } catch {
    return null;
  }
}

/**
 * What a final circular is made from: the template and the data with the times that move
 * without new mail (the last poll) left out. Decisions enter through the data they shape.
 */
function madeFrom(input: Omit<TemplateInput, 'generatedAt'>, circular: CircularList): (source: string) => string {
  const data = buildTemplateData({ ...input, result: { ...input.result, asOf: null }, generatedAt: '1970-01-01T00:00:00.000Z' }, circular);
  return (source) => `huizong:${createHash('sha256').update(JSON.stringify({ source, data })).digest('hex')}`;
}

export async function writeDocuments(
  outDir: string,
  campaign: Campaign,
  result: MergeResult,
  decisions: Decisions,
  options: WriteDocumentsOptions = {},
): Promise<DocumentsReport> {
  const generatedAt = result.asOf ?? (options.now ?? new Date()).toISOString();
  const circular = circularList(result, decisions, campaign.file.materials, generatedAt);
  const data = buildTemplateData({ campaign, result, decisions, generatedAt }, circular);
  const files: string[] = [];
  const notes: string[] = decisionWarnings(decisions, result).map((warning) => `提示：${DECISIONS_FILE} ${warning}`);
  let failed = 0;

  const summary = await writeOne(outDir, campaign, SUMMARY, data, { draft: false }, notes);
  if (summary) files.push(summary);
  else failed++;

  const draftPath = join(outDir, documentFileName(campaign, CIRCULAR, true));
  const finalPath = join(outDir, documentFileName(campaign, CIRCULAR, false));
  if (circular.entries.length === 0) {
    if (!circular.deadlinePassed)
      notes.push(
        `截止时间 ${formatBeijing(campaign.file.deadline)} 还未到（数据截至 ${formatBeijing(generatedAt)}），还没有逾期或未报送的单位，未生成通报；截止时间过后收信再运行，即按那时的情况生成`,
      );
    else {
      const why =
        circular.exempt.length + circular.removed.length > 0
          ? '（候选单位均已按 decisions.yaml 免予通报或去掉）'
          : '（没有未报送或逾期报送的单位，decisions.yaml 也未增加）';
      notes.push(`没有需要通报的单位${why}，未生成通报`);
    }
    // A draft from an earlier run would now be wrong; a final circular is the clerk's record and stays.
    if (existsSync(draftPath)) {
      await rm(draftPath, { force: true });
      notes.push(`已删除先前生成、现已不适用的 ${documentFileName(campaign, CIRCULAR, true)}`);
    }
    if (existsSync(finalPath))
      notes.push(`注意：输出文件夹中仍有先前定稿的 ${documentFileName(campaign, CIRCULAR, false)}，现已没有需要通报的单位`);
    return { files, notes, failed };
  }
  const written = await writeOne(
    outDir,
    campaign,
    CIRCULAR,
    data,
    circular.final ? { draft: false, keepIfMadeFrom: madeFrom({ campaign, result, decisions }, circular) } : { draft: true },
    notes,
  );
  if (written) {
    files.push(written);
    if (circular.final && existsSync(draftPath)) await rm(draftPath, { force: true });
    if (!circular.final) notes.push(`通报为草稿：核定名单后在 decisions.yaml 中写 circular.final: true，再运行 huizong merge 生成定稿`);
  } else {
    failed++;
  }
  return { files, notes, failed };
}

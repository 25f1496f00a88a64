/**
 * Writes the official documents next to the workbook, each atomically: the summary report
 * always, the circular only when someone is to be criticized. A broken or missing template
 * does not stop the run: the document is skipped and the notes say why, line by line.
 * The edge of the documents part: it reads the templates, writes files and takes the clock
 * (only when no mail was ever read; otherwise the data's 截至 time dates the documents).
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import type { Decisions } from '../../intake/kernel/campaign/decisions.js';
import { writeFileAtomic } from '../../intake/kernel/files/atomic-write.js';
import { decodeText } from '../../intake/kernel/text/decode-text.js';
import type { MergeResult } from '../../pipeline/merge/merge-result.js';
import { circularList } from './circular.js';
import { CIRCULAR, type DocumentKind, documentFileName, SUMMARY, TEMPLATES_DIR, templatePath } from './documents.js';
import { renderOfficialDocument } from './render-document.js';
import { buildTemplateData, type TemplateData } from './template-data.js';

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

async function readTemplate(campaign: Campaign, kind: DocumentKind): Promise<string | null> {
  try {
    return decodeText(await readFile(templatePath(campaign, kind))).text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Renders and writes one document; returns the path, or null with notes saying why not. */
async function writeOne(
  outDir: string,
  campaign: Campaign,
  kind: DocumentKind,
  data: TemplateData,
  draft: boolean,
  notes: string[],
): Promise<string | null> {
  const where = `${TEMPLATES_DIR}/${kind.template}`;
  const source = await readTemplate(campaign, kind);
  if (source === null) {
    notes.push(`未生成${kind.label}：活动文件夹中没有模板 ${where}（可从 huizong init 新建的活动文件夹中复制）`);
    return null;
  }
  const fileName = documentFileName(campaign, kind, draft);
  const rendered = await renderOfficialDocument({ campaign, source, data, title: fileName.replace(/\.docx$/, ''), draft });
  if (!rendered.ok) {
    notes.push(`未生成${kind.label}：模板 ${where} 有 ${rendered.issues.length} 处错误（可运行 huizong check 查看）`);
    const scope = rendered.filled ? '（填入数据后的文字）' : '';
    for (const issue of rendered.issues) notes.push(`  ${where}${scope} 第 ${issue.line} 行第 ${issue.column} 列：${issue.message}`);
    return null;
  }
  const path = join(outDir, fileName);
  await writeFileAtomic(path, rendered.docx);
  return path;
}

export async function writeDocuments(
  outDir: string,
  campaign: Campaign,
  result: MergeResult,
  decisions: Decisions,
  options: WriteDocumentsOptions = {},
): Promise<DocumentsReport> {
  const generatedAt = result.asOf ?? (options.now ?? new Date()).toISOString();
  const circular = circularList(result, decisions, campaign.file.materials);
  const data = buildTemplateData({ campaign, result, decisions, generatedAt }, circular);
  const files: string[] = [];
  const notes: string[] = [];
  let failed = 0;

  const summary = await writeOne(outDir, campaign, SUMMARY, data, false, notes);
  if (summary) files.push(summary);
  else failed++;

  const draftPath = join(outDir, documentFileName(campaign, CIRCULAR, true));
  const finalPath = join(outDir, documentFileName(campaign, CIRCULAR, false));
  if (circular.entries.length === 0) {
    const why =
      circular.exempt.length + circular.removed.length > 0
        ? '（候选单位均已按 decisions.yaml 免予通报或去掉）'
        : '（没有未报送或逾期报送的单位，decisions.yaml 也未增加）';
    notes.push(`没有需要通报的单位${why}，未生成通报`);
    // A draft from an earlier run would now be wrong; a final circular is the clerk's record and stays.
    if (existsSync(draftPath)) {
      await rm(draftPath, { force: true });
      notes.push(`已删除先前生成、现已不适用的 ${documentFileName(campaign, CIRCULAR, true)}`);
    }
    if (existsSync(finalPath))
      notes.push(`注意：输出文件夹中仍有先前定稿的 ${documentFileName(campaign, CIRCULAR, false)}，现已没有需要通报的单位`);
    return { files, notes, failed };
  }
  const written = await writeOne(outDir, campaign, CIRCULAR, data, !circular.final, notes);
  if (written) {
    files.push(written);
    if (circular.final && existsSync(draftPath)) await rm(draftPath, { force: true });
    if (!circular.final) notes.push(`通报为草稿：核定名单后在 decisions.yaml 中写 circular.final: true，再运行 huizong merge 生成定稿`);
  } else {
    failed++;
  }
  return { files, notes, failed };
}

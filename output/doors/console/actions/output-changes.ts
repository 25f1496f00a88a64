/**
 * What an action did to the output folder, as the clerk should hear it: which files were made
 * anew, which were left as they were (a final circular whose inputs did not change), which are
 * gone and which appeared. Read from the folder itself before and after the run (size and
 * modification time of each file), not from the writers' notes: those speak to the command line.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Campaign } from '../../../../intake/kernel/campaign/campaign.js';
import type { OutputReport } from '../../../runner/stages/write.js';
import { outputFiles } from '../state/output-files.js';

/** A run of the pipeline an action made: what its write stage reported, and what it changed in the output folder. */
export interface ActionResult {
  written: OutputReport;
  changes: OutputChanges;
}

export type OutputListing = ReadonlyMap<string, string>;

export interface OutputChanges {
  /** Files written by this action (new or rewritten). */
  written: string[];
  /** Files that were there before and were not touched. */
  kept: string[];
  /** Files that were there before and are gone. */
  removed: string[];
  /** Files moved aside under another name, untouched (an old document whose template now has mistakes): [from, to]. */
  renamed: [string, string][];
}

/** Every file of the output folder (not the hidden output record) with its size and time. */
export async function listOutputs(outDir: string): Promise<OutputListing> {
  let names: string[];
  try {
    names = (await readdir(outDir)).filter((name) => !name.startsWith('.'));
  } catch {
    return new Map();
  }
  const entries = await Promise.all(
    names.map(async (name) => {
      try {
        const info = await stat(join(outDir, name));
        return info.isFile() ? ([name, `${info.size}:${info.mtimeMs}`] as [string, string]) : null;
      } catch {
        return null;
      }
    }),
  );
  return new Map(entries.filter((entry): entry is [string, string] => entry !== null));
}

export function outputChanges(before: OutputListing, after: OutputListing): OutputChanges {
  const changes: OutputChanges = { written: [], kept: [], removed: [], renamed: [] };
  const gone = [...before.keys()].filter((name) => !after.has(name));
  for (const [name, mark] of after) {
    if (before.get(name) === mark) changes.kept.push(name);
    else {
      // A new name with a vanished file's very size and time: that file, renamed (a rename keeps both).
      const from = before.has(name) ? undefined : gone.find((old) => before.get(old) === mark);
      if (from) changes.renamed.push([from, name]);
      else changes.written.push(name);
    }
  }
  const renamedFrom = new Set(changes.renamed.map(([from]) => from));
  changes.removed = gone.filter((name) => !renamedFrom.has(name));
  return changes;
}

/** "汇总表（工作用）《…汇总表.xlsx》": the name the 输出 page gives a file, with the file's own name. */
export function outputLabel(campaign: Campaign, outDir: string, name: string): string {
  const known = outputFiles(campaign, outDir).find((file) => file.name === name);
  return known ? `${known.label}《${name}》` : `《${name}》`;
}

/** The changes as lines for a flash message: what was made, what stayed, what went. */
export function changeLines(campaign: Campaign, outDir: string, changes: OutputChanges): string[] {
  const label = (name: string) => outputLabel(campaign, outDir, name);
  // In the order of the 输出 page (workbook, send-up workbook, documents), then by name.
  const order = outputFiles(campaign, outDir).map((file) => file.name);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const sorted = (names: readonly string[]) => [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  changes = { ...changes, written: sorted(changes.written), kept: sorted(changes.kept), removed: sorted(changes.removed) };
  const finalCircular = outputFiles(campaign, outDir).find((file) => file.key === 'circular-final')!.name;
  const lines: string[] = [];
  if (changes.written.length > 0) lines.push(`已重新生成：${changes.written.map(label).join('，')}`);
  const kept = changes.kept.filter((name) => name !== finalCircular);
  if (changes.kept.includes(finalCircular) && changes.written.length > 0)
    lines.push(`定稿的通报《${finalCircular}》保持原样：通报名单、发文字号、成文日期和模板都没有变化`);
  if (kept.length > 0 && changes.written.length > 0) lines.push(`未改动：${kept.map(label).join('，')}`);
  if (changes.removed.length > 0) lines.push(`已删除：${changes.removed.map(label).join('，')}`);
  for (const [from, to] of changes.renamed)
    lines.push(`《${from}》已不是最新（模板有误，未能重新生成），改名为《${to}》，以免误当作最新文件`);
  if (changes.written.length + changes.removed.length + changes.renamed.length === 0)
    lines.push('汇总表和公文都已是最新，没有重写任何文件');
  return lines;
}

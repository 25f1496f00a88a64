/**
 * A finished campaign is archived by a small file in its folder (archived.yaml): read-only from
 * then on — never merged or written again, its outputs kept as they are, no receipt or reminder
 * sent — but still a candidate when mail is routed, so that a unit's late mail for it does not
 * fall into another campaign. Deleting the file (or 恢复 in the console) makes it active again.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { writeFileAtomic } from '../files/atomic-write.js';

export const ARCHIVE_FILE = 'archived.yaml';

export interface ArchiveMark {
  /** When it was archived (ISO), when written. */
  archivedAt: string | null;
  /** Why, in the clerk's words. */
  note: string;
}

/** The mark, or null when the campaign is active. A file that cannot be read still archives. */
export async function readArchiveMark(campaignDir: string): Promise<ArchiveMark | null> {
  let text: string;
  try {
    text = await readFile(join(campaignDir, ARCHIVE_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return { archivedAt: null, note: '' };
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    data = null;
  }
  const fields = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  return {
    archivedAt: typeof fields.archivedAt === 'string' ? fields.archivedAt : null,
    note: typeof fields.note === 'string' ? fields.note : '',
  };
}

export async function archiveCampaign(campaignDir: string, mark: { at: Date; note?: string }): Promise<void> {
  const lines = [
    '# 本活动已归档：只读，不再收取和汇总来信，不发回执和催报，输出文件保留不变。',
    '# 迟到的来信仍会认出属于本活动（不会被算到其他活动）。删除本文件即恢复为进行中的活动。',
    `archivedAt: ${JSON.stringify(mark.at.toISOString())}`,
    ...(mark.note ? [`note: ${JSON.stringify(mark.note)}`] : []),
    '',
  ];
  await writeFileAtomic(join(campaignDir, ARCHIVE_FILE), lines.join('\n'));
}

export async function unarchiveCampaign(campaignDir: string): Promise<void> {
  await rm(join(campaignDir, ARCHIVE_FILE), { force: true });
}

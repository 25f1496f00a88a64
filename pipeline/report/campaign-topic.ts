/**
 * The words by which a document shows it belongs to this campaign: its 文号, its title and its
 * notice's title, its keywords and tables' names, and what they are about (老旧小区改造 of
 * 2026年度老旧小区改造项目进度统计). Never a generic word (报告, 统计, 台账: a unit's unrelated
 * 关于…的报告 carries them as much as its submission does). Pure.
 */
import type { CampaignFile } from '../../intake/kernel/campaign/campaign-schema.js';
import { isGenericWord, specificWords } from '../../intake/kernel/text/generic-words.js';
import { compact, looseKey } from '../../intake/kernel/text/normalize.js';

export type TopicSource = Pick<CampaignFile, 'title' | 'noticeTitle' | 'documentNumber' | 'keywords' | 'tables'>;

const words = new WeakMap<TopicSource, readonly string[]>();

/** Folded (looseKey), longest first; kept beside the campaign file, which never changes in place. */
export function campaignTopicWords(file: TopicSource): readonly string[] {
  const known = words.get(file);
  if (known) return known;
  const whole = [file.title, file.noticeTitle, file.documentNumber, ...file.keywords, ...file.tables.map((table) => table.name)]
    .map(looseKey)
    .filter((word) => word.length >= 4 && !isGenericWord(word));
  // What the title, the keywords and the tables' names are about; not the notice's title, whose
  // leftovers (在全区范围内组织) say nothing of the campaign.
  const about = [file.title, ...file.keywords, ...file.tables.map((table) => table.name)].flatMap(specificWords);
  const found = [...new Set([...whole, ...about])].sort((a, b) => b.length - a.length);
  words.set(file, found);
  return found;
}

/** The first of the campaign's words a text (a subject, a file name, a report's text) contains, or null. */
export function campaignWordIn(text: string, file: TopicSource): string | null {
  const folded = looseKey(compact(text));
  return campaignTopicWords(file).find((word) => folded.includes(word)) ?? null;
}

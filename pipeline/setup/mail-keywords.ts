/**
 * The keywords init --from proposes for a campaign's mail: its title, the words of the title that
 * say what it is about (背街小巷整治), its tables' names, and the notice's words for its materials
 * and report when they say more than 材料 or 书面总结报告. Never a generic word (报告, 统计, 总结,
 * 台账…: intake/kernel/text/generic-words.ts): a unit's unrelated 关于…的报告 carries it as well, and in
 * a workspace it would take that mail as this campaign's. Pure.
 */
import { isGenericWord, specificWords } from '../../intake/kernel/text/generic-words.js';

export interface KeywordSources {
  title: string;
  /** The tables' names. */
  tables: readonly string[];
  /** The notice's name for the written report (书面总结报告), if it asks for one. */
  report: string | null;
  /** The notice's word for all materials (自查材料), if it has one. */
  materialsWord: string | null;
}

export function mailKeywordsOf(sources: KeywordSources): string[] {
  const words = [sources.title, ...specificWords(sources.title), ...sources.tables, sources.materialsWord ?? '', sources.report ?? ''];
  return [...new Set(words.filter((word) => word.length >= 2 && !isGenericWord(word)))];
}

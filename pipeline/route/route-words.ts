/**
 * The words by which mail names a campaign, worked out once per routing from every campaign's
 * definition: its 文号, its titles, its tables' names, and as keywords its own keywords and the
 * words of its title and tables' names that say what it is about (背街小巷整治 of
 * 2026年度背街小巷整治项目进度统计) — those no other campaign of the office uses. A generic word
 * (报告, 统计, 台账: intake/kernel/text/generic-words.ts) is never a keyword, even where campaign.yaml lists it: a
 * unit's unrelated 关于…的报告 carries it as well. Pure.
 */
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { isGenericWord, specificWords } from '../../intake/kernel/text/generic-words.js';
import { looseKey } from '../../intake/kernel/text/normalize.js';

export interface CampaignWords {
  documentNumber: string | null;
  /** The campaign's title and its notice's title, folded. */
  titles: string[];
  /** Table names as written and folded (a file named after the table). */
  tableNames: { name: string; key: string }[];
  /** Keywords, none generic, no other campaign's words contain or are contained in, folded. */
  keywords: string[];
}

export type WordSource = Pick<Campaign, 'file' | 'tables' | 'materials'>;

const folded = (texts: readonly string[], min: number) => [...new Set(texts.map(looseKey).filter((key) => key.length >= min))];

/** The campaign's keywords but the generic, and what its title and tables' names are about. */
function ownKeywords(campaign: WordSource): string[] {
  const about = [campaign.file.title, ...campaign.tables.map((table) => table.name)].flatMap(specificWords);
  return folded([...campaign.file.keywords.filter((keyword) => !isGenericWord(keyword)), ...about], 2);
}

/**
 * Every word of a campaign's definition another campaign's keyword could collide with; not the
 * generic ones, which would collide with every keyword that contains them (统计 with 政务公开统计).
 */
function vocabulary(campaign: WordSource): string[] {
  const file = campaign.file;
  return [
    ...folded(
      [file.title, file.noticeTitle, ...campaign.tables.map((table) => table.name), ...campaign.materials.map((item) => item.name)],
      2,
    ).filter((word) => !isGenericWord(word)),
    ...ownKeywords(campaign),
  ];
}

export function campaignWords(campaigns: readonly WordSource[]): CampaignWords[] {
  const vocabularies = campaigns.map(vocabulary);
  return campaigns.map((campaign, index) => {
    const others = vocabularies.filter((_, other) => other !== index).flat();
    const keywords = ownKeywords(campaign).filter((keyword) => !others.some((word) => word.includes(keyword) || keyword.includes(word)));
    const number = looseKey(campaign.file.documentNumber);
    return {
      documentNumber: number.length >= 4 ? number : null,
      titles: folded([campaign.file.title, campaign.file.noticeTitle], 4).filter((title) => !isGenericWord(title)),
      tableNames: campaign.tables
        .map((table) => ({ name: table.name, key: looseKey(table.name) }))
        .filter((entry) => entry.key.length >= 4 && !isGenericWord(entry.key)),
      keywords,
    };
  });
}

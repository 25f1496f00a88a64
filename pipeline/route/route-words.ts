/**
 * The words by which mail names a campaign, worked out once per routing from every campaign's
 * definition: its 文号, its titles, its tables' names, and those of its keywords no other campaign
 * of the office uses (a generic word such as 统计表 or 报告 that another campaign's titles, tables
 * or materials contain tells nothing apart). Pure.
 */
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { looseKey } from '../../intake/kernel/text/normalize.js';

export interface CampaignWords {
  documentNumber: string | null;
  /** The campaign's title and its notice's title, folded. */
  titles: string[];
  /** Table names as written and folded (a file named after the table). */
  tableNames: { name: string; key: string }[];
  /** Keywords no other campaign's words contain or are contained in, folded. */
  keywords: string[];
}

export type WordSource = Pick<Campaign, 'file' | 'tables' | 'materials'>;

const folded = (texts: readonly string[], min: number) => [...new Set(texts.map(looseKey).filter((key) => key.length >= min))];

/** Every word of a campaign's definition another campaign's keyword could collide with. */
function vocabulary(campaign: WordSource): string[] {
  const file = campaign.file;
  return folded(
    [
      file.title,
      file.noticeTitle,
      ...file.keywords,
      ...campaign.tables.map((table) => table.name),
      ...campaign.materials.map((item) => item.name),
    ],
    2,
  );
}

export function campaignWords(campaigns: readonly WordSource[]): CampaignWords[] {
  const vocabularies = campaigns.map(vocabulary);
  return campaigns.map((campaign, index) => {
    const others = vocabularies.filter((_, other) => other !== index).flat();
    const keywords = folded(campaign.file.keywords, 2).filter(
      (keyword) => !others.some((word) => word.includes(keyword) || keyword.includes(word)),
    );
    const number = looseKey(campaign.file.documentNumber);
    return {
      documentNumber: number.length >= 4 ? number : null,
      titles: folded([campaign.file.title, campaign.file.noticeTitle], 4),
      tableNames: campaign.tables
        .map((table) => ({ name: table.name, key: looseKey(table.name) }))
        .filter((entry) => entry.key.length >= 4),
      keywords,
    };
  });
}

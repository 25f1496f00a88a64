/**
 * The checklist a unit's report is read against: the areas of a 附件 such as 检查目录 / 检查要点
 * (一、… over numbered items 1. …), or else of the notice's own section on what to inspect
 * (二、排查重点 over （一）防汛责任落实情况。…). Each area gets keywords proposed from its words
 * and not the campaign title's (area-keywords.ts). Pure.
 */
import { keyOfName } from '../../../intake/kernel/campaign/tables.js';
import { type Derived, likely } from '../derived.js';
import { proposeAreaKeywords } from './area-keywords.js';
import type { NoticeAttachment } from './notice-attachments.js';
import type { NoticeParagraph } from './notice-text.js';

export interface DraftArea {
  key: string;
  title: Derived<string>;
  keywords: Derived<string[]>;
}

export interface DraftChecklist {
  areas: DraftArea[];
  /** Where the areas were read: "附件1 检查目录", "通知“二、排查重点”". */
  source: string;
  /** The 附件 it came from, if any (so it is not taken for a table). */
  attachmentLabel?: string;
}

interface RawArea {
  title: string;
  from: string;
  items: string[];
}

const AREA = /^([一二三四五六七八九十]+)、\s*(.+)$/u;
const SUB_AREA = /^[(（]([一二三四五六七八九十]+)[)）]\s*(.+)$/u;
const ITEM = /^\d{1,2}\s*[.．、]\s*(.+)$/u;
/** A section on what to inspect: 二、排查重点, 三、检查内容. */
const SECTION = /(检查|排查|自查|督查|整治|整改)(内容|重点|要点|事项|项目)/u;
/** A section on where to inspect (一、排查范围): usually places, not areas; read only when no SECTION lists any. */
const SCOPE_SECTION = /(检查|排查|自查|督查|整治|整改)范围/u;

/** 一、… headings with their items under them. */
function numberedAreas(paragraphs: readonly NoticeParagraph[]): RawArea[] {
  const areas: RawArea[] = [];
  for (const paragraph of paragraphs) {
    const area = AREA.exec(paragraph.text);
    if (area) {
      areas.push({ title: area[2]!.replace(/[。；;：:]$/u, ''), from: paragraph.from, items: [] });
      continue;
    }
    const item = ITEM.exec(paragraph.text);
    if (item && areas.length > 0) areas.at(-1)!.items.push(item[1]!);
    else if (areas.length > 0 && areas.at(-1)!.items.length > 0) areas.at(-1)!.items.push(paragraph.text);
  }
  return areas;
}

/** （一）防汛责任落实情况。防汛行政责任人…: the title up to the first stop, the rest its item. */
function areasUnder(body: readonly NoticeParagraph[], start: number): RawArea[] {
  const areas: RawArea[] = [];
  for (const paragraph of body.slice(start + 1)) {
    if (AREA.test(paragraph.text)) break;
    const sub = SUB_AREA.exec(paragraph.text);
    if (!sub) continue;
    const [title, ...rest] = sub[2]!.split(/[。：:]/u);
    if (!title || title.length > 24) continue;
    areas.push({ title, from: paragraph.from, items: [rest.join('。')] });
  }
  return areas;
}

/**
 * The section listing what to inspect, known by what its heading says, not by its number: a
 * notice often has 一、排查范围 (places) before 二、排查重点 (areas). The first section on what to
 * inspect that lists two areas or more; else a 范围 section that does.
 */
function sectionAreas(body: readonly NoticeParagraph[]): { areas: RawArea[]; heading: string } | null {
  for (const heading of [SECTION, SCOPE_SECTION]) {
    for (let start = 0; start < body.length; start++) {
      const text = body[start]!.text;
      if (!AREA.test(text) || !heading.test(text)) continue;
      const areas = areasUnder(body, start);
      if (areas.length >= 2) return { areas, heading: text };
    }
  }
  return null;
}

function toDraft(raw: readonly RawArea[], campaignTitle: string, source: string, attachmentLabel?: string): DraftChecklist {
  const keywords = proposeAreaKeywords(raw, { campaignTitle });
  const keys = new Set<string>();
  const areas = raw.map((area, index): DraftArea => {
    let key = keyOfName(area.title.replace(/情况$/u, '')) || `area${index + 1}`;
    while (keys.has(key)) key = `${key}_${index + 1}`;
    keys.add(key);
    return {
      key,
      title: likely(area.title, area.from, '检查方面的标题'),
      keywords: likely(
        keywords[index]!,
        area.from,
        '由该方面标题和各项内容中特有的词语提出，报告中出现其中任何一个即视为涉及该方面，请核对',
      ),
    };
  });
  return { areas, source, ...(attachmentLabel ? { attachmentLabel } : {}) };
}

/** `campaignTitle`: the words every report uses, which tell no area from another. */
export function noticeChecklist(
  body: readonly NoticeParagraph[],
  attachments: readonly NoticeAttachment[],
  campaignTitle: string,
): DraftChecklist | null {
  // A 附件 of numbered areas (检查目录, 检查要点) is the checklist the notice asks units to follow.
  const pages = attachments
    .filter((attachment) => attachment.page && !/表$|台账|清单$|名单|名册/u.test(attachment.title))
    .map((attachment) => ({ attachment, areas: numberedAreas(attachment.page ?? []) }))
    .filter((page) => page.areas.length >= 2);
  const best = pages.sort((a, b) => b.areas.length - a.areas.length)[0];
  if (best) return toDraft(best.areas, campaignTitle, `${best.attachment.label} ${best.attachment.title}`, best.attachment.label);
  const section = sectionAreas(body);
  return section ? toDraft(section.areas, campaignTitle, `通知“${section.heading}”`) : null;
}

/**
 * Keywords proposed for each checklist area, the words by which a unit's report shows it covered
 * the area: words of the area's title and items that the other areas do not use (a 制度建设 area:
 * 审查制度, 工作程序; a 网站 area: 网站保密检查), and phrases the items quote (“先审查、后公开”).
 * Runs of ideographs cut at punctuation and at the small words that join phrases, their beginnings
 * and endings taken where a word begins and ends (Intl.Segmenter), scored by how often the area uses
 * them and how rarely the others do. A word of the campaign's title is no keyword: every report
 * names its campaign (安全生产 in a 安全生产大检查), so it would mark every area covered. A
 * proposal, for the clerk to correct. Pure.
 */

export interface AreaText {
  title: string;
  items: readonly string[];
}

/**
 * Words that join phrases rather than name a topic. Single characters only where they are never
 * inside a topic word (在 is: 在建工程; 的 is not).
 */
const JOINERS = /是否|以及|或者|有关|相关|情况|工作|进行|开展|组织|加强|及时|认真|严格|依法|按规定|按要求|的|和|与|及|或|等|并|均/gu;
const CUT = /[^\u4e00-\u9fa5]+/gu;
const QUOTED = /[“"「]([^”"」]{2,12})[”"」]/gu;

/** Phrases of a text: runs of ideographs between punctuation and joining words. */
function phrases(text: string): string[] {
  return text
    .replace(JOINERS, ' ')
    .replace(CUT, ' ')
    .split(' ')
    .filter((phrase) => phrase.length >= 2);
}

const SEGMENTER = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;

/** Where the words of a phrase begin, and which of them are of one ideograph. Without a segmenter, every ideograph. */
function wordsOf(phrase: string): { starts: Set<number>; single: Set<number> } {
  const parts = SEGMENTER ? [...SEGMENTER.segment(phrase)] : [...phrase].map((segment, index) => ({ segment, index }));
  return {
    starts: new Set([...parts.map((part) => part.index), phrase.length]),
    single: new Set(parts.filter((part) => part.segment.length === 1).map((part) => part.index)),
  };
}

/** The stretches of a phrase, 3 ideographs or more, that the campaign's title also has (安全生产). */
function titleRuns(phrase: string, campaignTitle: string): [number, number][] {
  const runs: [number, number][] = [];
  for (let from = 0; from + 3 <= phrase.length; from++) {
    let to = from + 2;
    while (to < phrase.length && campaignTitle.includes(phrase.slice(from, to + 1))) to++;
    if (to - from >= 3) runs.push([from, to]);
  }
  return runs;
}

/**
 * Terms a phrase offers: its beginnings and endings of 2 to 6 ideographs, and itself when short.
 * A term cut from the middle of a phrase (开保密审查制) is rarely a word; its ends usually are.
 * Each begins and ends where a word does (not 产责任制, 害隐患点), and where a word of one ideograph
 * would begin or end it only at the phrase's own ends: such a word clings to its neighbour (责任|制,
 * 处理|拟|公开), so 制落实 and 处理拟 are pieces, 依申请公开 and 责任制 words. A word of the title at
 * either end is dropped (安全生产责任制 in a 安全生产大检查 says no more than 责任制).
 */
function alignedTerms(phrase: string, campaignTitle: string): string[] {
  const { starts, single } = wordsOf(phrase);
  const ends = new Set([...single].map((at) => [...starts].find((next) => next > at)!));
  const found: string[] = [];
  const runs = titleRuns(phrase, campaignTitle);
  const offer = (start: number, end: number) => {
    let from = start;
    let to = end;
    // Past a word of the title the term begins, and before one it ends; never inside one (生产责任制).
    for (const [runFrom, runTo] of runs) if (runFrom <= from && runTo > from) from = Math.max(from, runTo);
    for (const [runFrom, runTo] of runs.toReversed()) if (runFrom < to && runTo >= to) to = Math.min(to, runFrom);
    if (to - from < 2 || !starts.has(from) || !starts.has(to)) return;
    if ((from > 0 && single.has(from)) || (to < phrase.length && ends.has(to))) return;
    found.push(phrase.slice(from, to));
  };
  for (let length = 2; length <= Math.min(6, phrase.length); length++) {
    offer(0, length);
    offer(phrase.length - length, phrase.length);
  }
  return found;
}

interface AreaTerms {
  /** Phrases of the title and of each item, with their weight (the title counts twice). */
  sources: { phrases: string[]; weight: number }[];
  titlePhrases: Set<string>;
  /** Every whole phrase of the area: a term one ideograph short of one is a fragment (依申请公). */
  wholePhrases: Set<string>;
  candidates: Set<string>;
}

function areaTerms(area: AreaText, campaignTitle: string): AreaTerms {
  const sources = [{ phrases: phrases(area.title), weight: 2 }, ...area.items.map((item) => ({ phrases: phrases(item), weight: 1 }))];
  const candidates = new Set(sources.flatMap((source) => source.phrases.flatMap((phrase) => alignedTerms(phrase, campaignTitle))));
  const wholePhrases = new Set(sources.flatMap((source) => source.phrases));
  return { sources, titlePhrases: new Set(sources[0]!.phrases), wholePhrases, candidates };
}

/** How often an area uses a term: the weight of each title or item that contains it. */
function weightOf(terms: AreaTerms, term: string): number {
  return terms.sources.reduce((sum, source) => sum + (source.phrases.some((phrase) => phrase.includes(term)) ? source.weight : 0), 0);
}

export interface KeywordOptions {
  /** The campaign's title (2026年度安全生产大检查): its words are no keyword. */
  campaignTitle?: string;
  limit?: number;
}

/** Up to `limit` keywords for each area, in the areas' order. */
export function proposeAreaKeywords(areas: readonly AreaText[], { campaignTitle = '', limit = 5 }: KeywordOptions = {}): string[][] {
  const all = areas.map((area) => areaTerms(area, campaignTitle));
  return areas.map((area, index) => {
    const own = all[index]!;
    const quoted = [...new Set([...area.items.join('').matchAll(QUOTED)].map((match) => match[1]!))];
    const ranked = [...own.candidates]
      // Distinctive: no other area uses it. Used: twice at least. Two ideographs only as a word of the title.
      .filter((term) => all.every((other, at) => at === index || weightOf(other, term) === 0))
      .map((term) => ({ term, weight: weightOf(own, term) }))
      .filter(({ term, weight }) => weight >= 2 && (term.length >= 3 || own.titlePhrases.has(term)))
      // One ideograph short of a whole phrase is that phrase cut (依申请公).
      .filter(({ term }) => ![...own.wholePhrases].some((phrase) => phrase.length === term.length + 1 && phrase.includes(term)))
      // A word of the campaign's title (安全生产, 隐患) is in every report.
      .filter(({ term }) => !campaignTitle.includes(term))
      // A whole phrase (依申请公开) is worth more than a piece of a longer one.
      .map(({ term, weight }) => ({ term, score: weight * Math.min(term.length, 4) * (own.wholePhrases.has(term) ? 1.5 : 1) }))
      // Better scored first; of equals the shorter, which more reports will use.
      .sort((a, b) => b.score - a.score || a.term.length - b.term.length || a.term.localeCompare(b.term, 'zh'));
    const chosen: string[] = [...quoted];
    for (const { term } of ranked) {
      if (chosen.length >= limit + quoted.length) break;
      // Of two nested terms (审查制度, 保密审查制度) one is enough: the better scored, met first.
      if (chosen.some((word) => word.includes(term) || term.includes(word))) continue;
      chosen.push(term);
    }
    if (chosen.length === 0) chosen.push(area.title.replace(/情况$/u, ''));
    return chosen;
  });
}

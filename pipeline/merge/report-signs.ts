/**
 * Whether a unit's document is this campaign's written report. Units mail the office other papers
 * too (关于安全生产月活动安排的报告, 参会回执, another campaign's 台账 as a .docx): such a paper
 * must never replace the unit's report, nor alone make the unit one that has sent something.
 * A unit's real report often has a vague subject and file name (自查报告, 报告.docx, XX镇上报材料),
 * so only a document that names something else counts as unrelated. Pure.
 *
 * - `campaign`: it shows this campaign — it came with a table or another required file of the
 *   campaign, or its subject, file name or text holds the campaign's own words (title, 文号,
 *   keywords, tables' names: campaign-topic.ts), or its subject or a file name a part of one
 *   (隐患 of 汛期安全隐患), or it covers an area of the checklist; or the clerk assigned the message.
 * - `vague`: none of that, but its subject and file names say nothing else either (once unit
 *   names, dates and generic words such as 报告, 上报, 材料 are taken out).
 * - `foreign`: none of that, and its subject or a file name names another matter (安全生产月,
 *   参会, 办公用品采购).
 */
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { shortId } from '../../intake/kernel/problems.js';
import { specificWords } from '../../intake/kernel/text/generic-words.js';
import { looseKey } from '../../intake/kernel/text/normalize.js';
import type { NameIndex } from '../../intake/kernel/unit-names.js';
import type { AttachmentFacts } from '../analyze/facts.js';
import { campaignTopicWords, campaignWordIn } from '../report/campaign-topic.js';
import { byTime, type Prepared } from './prepared.js';

export type ReportSign =
  | { kind: 'campaign' }
  | { kind: 'vague' }
  /** `words`: what the subject and file names speak of instead. */
  | { kind: 'foreign'; words: string[] };

/** The files of a message holding text (reports, and documents read as such even where no report is asked for). */
export const documentsOf = (message: Prepared): AttachmentFacts[] =>
  message.stored.facts.attachments.filter((file) => file.report !== null);

/** A file's own name: the last part of an archive path, without its extension. */
const baseName = (name: string) => (name.split('/').at(-1) ?? name).replace(/\.[A-Za-z0-9]{1,5}$/u, '');

/**
 * Words of mail clients and file names that say nothing of the matter: 新建 Microsoft Word 文档,
 * 副本, 终稿, 以此为准, 转发：. Language, not campaign data.
 */
const FILLER =
  /新建|文档|副本|最终版|最终稿|终稿|定稿|修订版|修订稿|修改版|修改稿|正式版|电子版|打印版|以此为准|请查收|请审阅|见附件|回复|答复|转发/gu;

/** A place a unit's name is often prefixed with (伊滨区庞村镇, 洛阳市伊滨区…): part of the name. */
const PLACE_BEFORE_NAME = /\p{Script=Han}{1,3}[省市县区]$/u;

/** A folded text with the roster's unit names and aliases (and the places before them) cut out, each cut a break. */
function withoutUnitNames(text: string, names: NameIndex): string {
  let out = '';
  for (let at = 0; at < text.length; ) {
    const length = names.lengths.find((size) => at + size <= text.length && names.byKey.has(text.slice(at, at + size)));
    if (length === undefined) {
      out += text[at];
      at += 1;
      continue;
    }
    // 伊滨区住建局: the alias 区住建局 begins with the place's last character.
    const key = text.slice(at, at + length);
    if (/^[省市县区]/u.test(key) && PLACE_BEFORE_NAME.test(out + key[0])) out = `${out}${key[0]}`;
    for (let places = 0; places < 3 && PLACE_BEFORE_NAME.test(out); places++) out = out.replace(PLACE_BEFORE_NAME, '');
    out += '|';
    at += length;
  }
  return out;
}

/** What a subject or file name speaks of once unit names, dates, generic words and anything not Chinese are taken out. */
export function otherMatters(text: string, names: NameIndex): string[] {
  return withoutUnitNames(looseKey(text), names)
    .split('|')
    .flatMap(specificWords)
    .flatMap((word) => specificWords(word.replace(/[^\p{Script=Han}]+/gu, '|').replace(FILLER, '|')));
}

export function reportSign(message: Prepared, campaign: Campaign, names: NameIndex, assigned: boolean): ReportSign {
  if (assigned || message.tables.length > 0 || message.materialFiles.length > 0) return { kind: 'campaign' };
  const documents = documentsOf(message);
  const subject = message.stored.facts.subject;
  const fileNames = message.stored.facts.attachments.map((file) => baseName(file.name));
  if ([subject, ...fileNames].some((text) => campaignWordIn(text, campaign.file) !== null)) return { kind: 'campaign' };
  if (documents.some((file) => file.report!.campaignWord !== undefined || Object.values(file.report!.analysis.areas).some(Boolean)))
    return { kind: 'campaign' };
  const words = [...new Set([subject, ...fileNames].flatMap((text) => otherMatters(text, names)))];
  // 隐患排查材料 for the campaign on 汛期安全隐患: a word that is part of the campaign's (or holds one) names it.
  const topic = campaignTopicWords(campaign.file);
  if (words.some((word) => topic.some((own) => own.includes(word) || word.includes(own)))) return { kind: 'campaign' };
  return words.length > 0 ? { kind: 'foreign', words } : { kind: 'vague' };
}

export interface ReportChoice {
  /** The message the unit's report is taken from: the latest `campaign` one, else the latest `vague` one. */
  reportMessage: Prepared | null;
  /** The unit's messages that stand, oldest first: all but those set aside. */
  kept: Prepared[];
  /** Messages that brought only documents not taken as this campaign's, with why (Chinese): not the unit's submission. */
  setAside: { message: Prepared; reason: string }[];
}

const fileList = (message: Prepared) =>
  documentsOf(message)
    .map((file) => `《${file.name}》`)
    .join('');

/** How the campaign is named to the clerk: what its title is about (老旧小区改造), else the title. */
const campaignName = (campaign: Campaign) => specificWords(campaign.file.title)[0] ?? campaign.file.title;

/**
 * A message that brought only documents (no table, no other required file, nothing unreadable
 * that could have been one) and not the clerk's assignment: the one kind of message a unit's
 * unrelated paper can be.
 */
function onlyPapers(message: Prepared, assigned: boolean): boolean {
  return (
    !assigned &&
    message.tables.length === 0 &&
    message.materialFiles.length === 0 &&
    documentsOf(message).length > 0 &&
    !message.problems.some((item) => item.severity === 'error')
  );
}

/**
 * The unit's report, and the messages that are no submission of it: a paper that names another
 * matter, and a vague one when the unit's report that shows this campaign stands. A vague paper
 * is still the report when it is the best the unit sent.
 * `assigned`: ids of the messages the clerk attributed (decisions.yaml): always this campaign's.
 */
export function chooseReport(
  messages: readonly Prepared[],
  campaign: Campaign,
  names: NameIndex,
  assigned: ReadonlySet<string>,
): ReportChoice {
  const signs = new Map(
    messages.map((message) => [message, reportSign(message, campaign, names, assigned.has(message.stored.receipt.id))]),
  );
  const withReport = messages.filter((message) => message.reports.length > 0);
  const signed = withReport.filter((message) => signs.get(message)!.kind === 'campaign').at(-1) ?? null;
  const reportMessage = signed ?? withReport.filter((message) => signs.get(message)!.kind === 'vague').at(-1) ?? null;
  const setAside: ReportChoice['setAside'] = [];
  const name = campaignName(campaign);
  for (const message of messages) {
    const sign = signs.get(message)!;
    if (message === reportMessage || !onlyPapers(message, assigned.has(message.stored.receipt.id))) continue;
    const advice = '未采用；如确是本活动的材料，请在 decisions.yaml 中认定报送单位';
    if (sign.kind === 'foreign')
      setAside.push({
        message,
        reason: `${fileList(message)}看来与本活动无关：邮件标题、文件名和内容中都没有本活动的名称或关键词（如「${name}」），说的是「${sign.words.join('」「')}」，${advice}`,
      });
    // An earlier vague paper is an earlier submission the signed report replaced (已被更正).
    else if (sign.kind === 'vague' && signed !== null && byTime(message, signed) > 0)
      setAside.push({
        message,
        reason: `${fileList(message)}中没有本活动的名称或关键词（如「${name}」），不替换本单位来信 ${shortId(signed.stored.receipt.id)} 中的书面报告，${advice}`,
      });
  }
  const aside = new Set(setAside.map((item) => item.message));
  return { reportMessage, kept: messages.filter((message) => !aside.has(message)), setAside };
}

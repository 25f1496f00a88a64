/**
 * What the circular says now, in a few facts the 通报 page and the 定稿 message share: who is on
 * it, its 发文字号 and 成文日期 as the document prints them, and its two file names. Pure.
 */
import { formatChineseDate } from '../../../../intake/kernel/time.js';
import { type CircularList, circularList } from '../../../documents/circular.js';
import { CIRCULAR, documentFileName } from '../../../documents/documents.js';
import { circularTemplateData } from '../../../documents/template-data.js';
import type { Snapshot } from '../state/console-state.js';

export interface CircularSummary {
  list: CircularList;
  documentNumber: string;
  /** 成文日期 as printed, and whether the clerk set it (else it is the 数据截至 date). */
  date: string;
  dateSet: boolean;
  numberSet: boolean;
  finalName: string;
  draftName: string;
}

const summaries = new WeakMap<Snapshot, CircularSummary>();

/** Once per snapshot (the 通报 page and the 定稿 message both ask for it). */
export function circularSummary(snapshot: Snapshot): CircularSummary {
  const known = summaries.get(snapshot);
  if (known) return known;
  const summary = summarise(snapshot);
  summaries.set(snapshot, summary);
  return summary;
}

function summarise(snapshot: Snapshot): CircularSummary {
  const { result, decisions, context } = snapshot;
  const campaign = context.campaign;
  const generatedAt = result.asOf ?? snapshot.computedAt;
  const list = circularList(result, decisions, campaign.file.materials, generatedAt);
  const circular = circularTemplateData({ campaign, result, decisions, generatedAt }, list);
  return {
    list,
    documentNumber: circular.documentNumber,
    date: formatChineseDate(circular.date),
    dateSet: decisions.circular.date !== undefined,
    numberSet: decisions.circular.number !== undefined,
    finalName: documentFileName(campaign, CIRCULAR, false),
    draftName: documentFileName(campaign, CIRCULAR, true),
  };
}

/** "寇店镇（逾期报送）、佃庄镇（未报送）". */
export function circularUnitsText(list: CircularList): string {
  return list.entries.map((entry) => `${entry.unit}（${entry.kind}）`).join('、');
}

/** What is now final, said once after 定稿. */
export function finalLines(summary: CircularSummary): string[] {
  const { list } = summary;
  if (list.entries.length === 0) return [`现在没有需要通报的单位${list.deadlinePassed ? '' : '（截止时间还未到）'}，没有生成通报`];
  return [
    `定稿的是《${summary.finalName}》，不带“草稿”字样`,
    `通报 ${list.entries.length} 个单位：${circularUnitsText(list)}`,
    `发文字号 ${summary.documentNumber}${summary.numberSet ? '' : '（未填序号，留空待手写）'}，成文日期 ${summary.date}${summary.dateSet ? '' : '（未填，取数据截至日期）'}`,
    '定稿后名单、发文字号和成文日期不能再改；如需修改，先按“改回草稿”',
  ];
}

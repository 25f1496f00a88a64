/**
 * Who the circular (通报) criticizes: the rules' candidates at generation time (units that have
 * not reported, units that reported late — none before the deadline), then the clerk's decisions — added units with a
 * reason, removed and exempted units taken out. Pure: merge result and decisions in, list out.
 */
import type { Decisions } from '../../intake/kernel/campaign/decisions.js';
import { formatChineseDateTime } from '../../intake/kernel/time.js';
import { deadlinePassed, type MergeResult, UNIT_STATUS_LABEL } from '../../pipeline/merge/merge-result.js';

export type CircularKind = '未报送' | '逾期报送' | '秘书科增加';

export interface CircularEntry {
  unit: string;
  kind: CircularKind;
  /** Why, in Chinese: the rule's finding and/or the clerk's reason. */
  reason: string;
  /** What the circular prints as the unit's case: 未报送, 逾期报送, or the clerk's reason for an added unit. */
  situation: string;
  status: string;
  firstReceivedAt: string | null;
}

export interface CircularList {
  /** In roster order. */
  entries: CircularEntry[];
  /**
   * Whether the deadline had passed when the data was taken: before it the rules put nobody
   * forward (no unit is late yet); only units the clerk added are listed.
   */
  deadlinePassed: boolean;
  removed: { unit: string; reason: string }[];
  exempt: { unit: string; reason: string }[];
  final: boolean;
  newDeadline: string | null;
}

/**
 * `materials` is what units were asked to send, as the campaign names it (campaign.yaml `materials`);
 * `at` the time the circular speaks for: the data's 数据截至, or the caller's clock when no mail was
 * ever read.
 */
export function circularList(result: MergeResult, decisions: Decisions, materials: string, at: string | null = result.asOf): CircularList {
  const { circular } = decisions;
  const passed = deadlinePassed(result, at);
  const removed = new Map(circular.remove.map((item) => [item.unit, item.reason]));
  const exempt = new Map(circular.exempt.map((item) => [item.unit, item.reason]));
  const added = new Map(circular.add.map((item) => [item.unit, item.reason]));
  const entries: CircularEntry[] = [];
  for (const unit of result.units) {
    if (removed.has(unit.unit) || exempt.has(unit.unit)) continue;
    const base = { unit: unit.unit, status: UNIT_STATUS_LABEL[unit.status], firstReceivedAt: unit.firstReceivedAt };
    const clerk = added.get(unit.unit);
    const extra = clerk ? `；${clerk}` : '';
    if (!passed) {
      if (clerk !== undefined) entries.push({ ...base, kind: '秘书科增加', reason: clerk, situation: clerk });
    } else if (unit.status === 'missing') {
      entries.push({ ...base, kind: '未报送', reason: `截至通报时未报送${materials}${extra}`, situation: '未报送' });
    } else if (unit.late) {
      const when = unit.firstReceivedAt ? `，${formatChineseDateTime(unit.firstReceivedAt)}才报送` : '';
      entries.push({ ...base, kind: '逾期报送', reason: `逾期报送${materials}${when}${extra}`, situation: '逾期报送' });
    } else if (added.has(unit.unit)) {
      // decisions.yaml requires the reason (loadDecisions): nothing is invented in its place.
      entries.push({ ...base, kind: '秘书科增加', reason: clerk ?? '', situation: clerk ?? '' });
    }
  }
  return {
    entries,
    deadlinePassed: passed,
    removed: [...removed].map(([unit, reason]) => ({ unit, reason })),
    exempt: [...exempt].map(([unit, reason]) => ({ unit, reason })),
    final: circular.final,
    newDeadline: circular.newDeadline ?? null,
  };
}

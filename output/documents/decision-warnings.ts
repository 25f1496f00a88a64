/**
 * Decisions that are allowed but probably not what the clerk meant, as Chinese warnings: a
 * unit added twice, added and exempted at once, an exemption or removal of a unit the rules
 * do not criticize anyway, a new deadline before the circular's own date. Pure; the merge
 * result is optional (`check` has no mail to judge candidates by).
 */
import type { Decisions } from '../../intake/kernel/campaign/decisions.js';
import { formatChineseDate, formatChineseDateTime } from '../../intake/kernel/time.js';
import { type MergeResult, UNIT_STATUS_LABEL } from '../../pipeline/merge/merge-result.js';

export function decisionWarnings(decisions: Decisions, result: MergeResult | null): string[] {
  const { circular } = decisions;
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const item of circular.add) {
    if (seen.has(item.unit)) warnings.push(`circular.add 中「${item.unit}」写了不止一次，通报中只列一次`);
    seen.add(item.unit);
  }
  const takenOut = new Map([
    ...circular.remove.map((item) => [item.unit, 'remove'] as const),
    ...circular.exempt.map((item) => [item.unit, 'exempt'] as const),
  ]);
  for (const item of circular.add) {
    const list = takenOut.get(item.unit);
    if (list) warnings.push(`「${item.unit}」同时写在 circular.add 和 circular.${list} 中，按 ${list} 处理，不予通报`);
  }
  if (result) {
    for (const [unit, list] of takenOut) {
      const found = result.units.find((candidate) => candidate.unit === unit);
      if (found && found.status !== 'missing' && !found.late && !circular.add.some((item) => item.unit === unit)) {
        warnings.push(`circular.${list} 中的「${unit}」不在通报候选中（${UNIT_STATUS_LABEL[found.status]}），这条决定不起作用`);
      }
    }
  }
  if (circular.newDeadline && circular.date) {
    const dated = Date.parse(`${circular.date}T00:00:00+08:00`);
    if (Date.parse(circular.newDeadline) < dated) {
      warnings.push(
        `circular.newDeadline（${formatChineseDateTime(circular.newDeadline)}）早于成文日期 circular.date（${formatChineseDate(new Date(dated))}），补报期限已过`,
      );
    }
  }
  return warnings;
}

/**
 * Stored mail + campaign + the clerk's decisions → the state of the campaign: every message and
 * what became of it (route.ts); per unit its tables — the latest submission of each wins —, its
 * report, what it has not sent, its status and problems (unit-result.ts); the district totals of
 * every table (table-results.ts). Pure and deterministic: the same inputs give the same result,
 * in the same order.
 */
import { primaryTable } from '../../intake/kernel/campaign/campaign.js';
import { nameIndex } from '../../intake/kernel/unit-names.js';
import { dataAsOf } from './as-of.js';
import { PerCampaign } from './memo.js';
import type { MergeInput, MergeResult } from './merge-result.js';
import { byTime, leaveToOtherCampaigns, type Prepared, prepare } from './prepared.js';
import { routeMessages } from './route.js';
import { districtTotals, primaryTotals } from './table-results.js';
import { unitResult } from './unit-result.js';

export { arrivalOrder } from './prepared.js';

const preparedCache = new PerCampaign<object, Prepared>();

export function merge(input: MergeInput): MergeResult {
  const { campaign } = input;
  const prepared = input.messages
    .map((message) =>
      leaveToOtherCampaigns(
        preparedCache.get(campaign, message, () => prepare(message, campaign)),
        input.elsewhere?.get(message.receipt.id),
      ),
    )
    .sort(byTime);
  const routing = routeMessages(prepared, campaign, input.decisions, input.contested);
  const context = {
    campaign,
    names: nameIndex(campaign.roster),
    pendingCandidates: routing.pendingCandidates,
    records: routing.records,
    assigned: routing.assigned,
  };
  const units = campaign.roster.map((unit) => unitResult(unit.name, routing.perUnit.get(unit.name) ?? [], context));
  const tables = districtTotals(campaign, units);
  const primary = primaryTable(campaign.tables);
  const totals = tables[primary.key]!;
  return {
    asOf: dataAsOf(
      input.lastPollAt,
      prepared.map((item) => ({ at: item.at, source: item.source })),
    ),
    readAt: input.lastPollAt,
    deadline: campaign.file.deadline,
    units,
    totals: primaryTotals(primary, totals),
    tables,
    totalsIncluded: totals.included,
    totalsExcluded: totals.excluded,
    unidentified: routing.unidentified,
    messages: [...routing.records.values()],
    problems: [...units.flatMap((unit) => unit.problems), ...routing.looseProblems],
  };
}

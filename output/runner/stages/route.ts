/**
 * Stage 4, route: which campaign(s) each stored message belongs to (pipeline/route/, pure), from
 * every campaign's facts, definition, decisions and sent mail — run again before every merge, so
 * that a campaign created after its mail arrived still finds it. Then each campaign merges only
 * the messages routed to it, those that fit another campaign equally marked 待核实 with why.
 * One campaign alone takes every message but the office's own mail.
 */
import type { StoredMessage } from '../../../pipeline/analyze/facts.js';
import { receivedAt } from '../../../pipeline/merge/received-at.js';
import { type RouteCampaign, type Routing, routeMail } from '../../../pipeline/route/route-mail.js';
import type { CampaignPlace } from '../context.js';
import type { RoutingBasis } from '../route-basis.js';

export type { MessageRoute, Routing } from '../../../pipeline/route/route-mail.js';

export interface RouteInput {
  /** Every stored message id, in the store's order. */
  storedIds: readonly string[];
  /** Every campaign of the run, with its facts of every stored message and its basis. */
  campaigns: readonly { place: CampaignPlace; messages: readonly StoredMessage[]; basis: RoutingBasis }[];
}

/** How routing names a campaign: its workspace name, else its folder. */
export function routeName(place: CampaignPlace): string {
  return place.workspace?.name ?? place.campaign.dir;
}

/** Routing, with when each message no campaign lists was received (the workspace shows them). */
export function route(input: RouteInput): Routing {
  const campaigns: RouteCampaign[] = input.campaigns.map(({ place, messages, basis }) => ({
    name: routeName(place),
    campaign: place.campaign,
    archived: place.workspace?.archived ?? false,
    decisions: basis.decisions,
    sentIds: basis.sentIds,
    facts: new Map(messages.map((message) => [message.receipt.id, message.facts])),
  }));
  const routing = routeMail(input.storedIds, campaigns);
  if (routing.unrouted.length > 0) {
    const stored = new Map(input.campaigns[0]!.messages.map((message) => [message.receipt.id, message]));
    for (const entry of routing.unrouted) {
      const message = stored.get(entry.id);
      entry.receivedAt = message ? receivedAt(message.receipt, message.facts).at : null;
    }
  }
  return routing;
}

/**
 * A campaign's share: its messages (in the store's order), the contested ones' reasons, and their
 * files that hold another campaign's table only.
 */
export function shareOf(
  routing: Routing,
  place: CampaignPlace,
  messages: readonly StoredMessage[],
): { messages: StoredMessage[]; contested: Map<string, string>; elsewhere: Map<string, Set<string>> } {
  const share = routing.byCampaign.get(routeName(place));
  if (!share) return { messages: [], contested: new Map(), elsewhere: new Map() };
  const listed = new Set(share.ids);
  return {
    messages: messages.filter((message) => listed.has(message.receipt.id)),
    contested: share.contested,
    elsewhere: share.elsewhere,
  };
}

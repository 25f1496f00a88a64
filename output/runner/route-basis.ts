/**
 * What routing reads of each campaign besides its facts (stages/route.ts): the clerk's
 * decisions and the Message-IDs of the mail it sent (a unit's reply answers one of them). Folded
 * into every campaign's input fingerprint when several campaigns share a store: a change in one
 * campaign (its definition, a decision, a receipt sent) may move mail into or out of another, so
 * each re-merges — while a workspace in which nothing changed still writes nothing.
 */
import { createHash } from 'node:crypto';
import type { Decisions } from '../../intake/kernel/campaign/decisions.js';
import { type CampaignPlace, contextDecisions } from './context.js';

export interface RoutingBasis {
  decisions: Decisions;
  /** Message-IDs of every attempt the campaign's outbox journal records, lower-cased. */
  sentIds: string[];
}

export async function sentMessageIds(place: CampaignPlace): Promise<string[]> {
  // Loaded only when several campaigns share the store (a lone campaign's status loads no mail code).
  const { OutboxJournal } = await import('../mail/outbox-journal.js');
  const entries = await new OutboxJournal(place.dataDir).list();
  return [...new Set(entries.flatMap((entry) => entry.attempts.map((attempt) => attempt.messageId.toLowerCase())))].sort();
}

/** Each campaign's decisions, and its sent mail when routing will read it (more than one campaign). */
export async function routingBases(places: readonly CampaignPlace[]): Promise<RoutingBasis[]> {
  const several = places.length > 1;
  return Promise.all(
    places.map(async (place) => ({ decisions: await contextDecisions(place), sentIds: several ? await sentMessageIds(place) : [] })),
  );
}

/**
 * The part of every campaign's fingerprint that routing adds: each campaign's name, archive
 * state, definition and roster, what its facts depend on, the clerk's assign and ignore, its
 * sent mail. Null for a campaign alone (routing then depends on the facts only, already covered).
 */
export function routingKey(places: readonly CampaignPlace[], bases: readonly RoutingBasis[]): string | null {
  if (places.length < 2) return null;
  const hash = createHash('sha256');
  places.forEach((place, index) => {
    const basis = bases[index]!;
    hash.update(
      JSON.stringify({
        name: place.workspace?.name ?? place.campaign.dir,
        archived: place.workspace?.archived ?? false,
        file: place.campaign.file,
        roster: place.campaign.roster,
        extraction: place.campaign.extractionFingerprint,
        assign: basis.decisions.assign,
        ignore: basis.decisions.ignore,
        sent: basis.sentIds,
      }),
    );
    hash.update('\0');
  });
  return hash.digest('hex');
}

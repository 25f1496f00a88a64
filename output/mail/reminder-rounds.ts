/**
 * Reminder rounds: the times, relative to the deadline's Beijing date, at which units that have
 * not (properly) reported are reminded — e.g. two days before at 09:00 and the morning after.
 * The rounds cut time into intervals; each interval is one round, so a unit is reminded at most
 * once per interval whoever asks (watch at the round's time, or the clerk by hand). Before the
 * first configured time, the interval is the opening round (首轮). Pure.
 */
import type { ReminderRound } from '../../intake/kernel/campaign/campaign-schema.js';
import { formatBeijing } from '../../intake/kernel/time.js';

export interface Round {
  /** Stable across runs and edits of other rounds: "before-2-09:00", "after-1-09:00", "start". */
  key: string;
  /** "截止前 2 天（2013-08-16 09:00）" */
  label: string;
  /** Epoch ms when the round begins (the opening round: -Infinity). */
  startsAt: number;
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;

export const OPENING_ROUND: Round = { key: 'start', label: '首轮', startsAt: Number.NEGATIVE_INFINITY };

export function reminderRounds(deadline: string, rounds: readonly ReminderRound[]): Round[] {
  const local = new Date(Date.parse(deadline) + BEIJING_OFFSET_MS);
  const made = rounds.map((round) => {
    const days = 'daysBefore' in round ? -round.daysBefore : round.daysAfter;
    const [hour, minute] = round.at.split(':').map(Number) as [number, number];
    const startsAt = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + days, hour, minute) - BEIJING_OFFSET_MS;
    const relative = days < 0 ? `截止前 ${-days} 天` : days === 0 ? '截止当天' : `截止后 ${days} 天`;
    const at = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
    return {
      key: `${days < 0 ? 'before' : 'after'}-${Math.abs(days)}-${at}`,
      label: `${relative}（${formatBeijing(new Date(startsAt))}）`,
      startsAt,
    };
  });
  const unique = new Map(made.map((round) => [round.key, round]));
  return [OPENING_ROUND, ...[...unique.values()].sort((a, b) => a.startsAt - b.startsAt)];
}

/** The round `now` falls in. */
export function currentRound(rounds: readonly Round[], now: number): Round {
  return rounds.filter((round) => round.startsAt <= now).at(-1) ?? OPENING_ROUND;
}

/** The next configured round after `now`, if any (for "下一轮催报" lines). */
export function nextRound(rounds: readonly Round[], now: number): Round | null {
  return rounds.find((round) => round.startsAt > now) ?? null;
}

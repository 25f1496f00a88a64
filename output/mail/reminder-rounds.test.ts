import { describe, expect, it } from 'vitest';
import { currentRound, nextRound, OPENING_ROUND, reminderRounds } from './reminder-rounds.js';

const DEADLINE = '2013-08-18T18:00:00+08:00';
const rounds = reminderRounds(DEADLINE, [
  { daysAfter: 1, at: '09:00' },
  { daysBefore: 2, at: '09:00' },
]);
const at = (text: string) => Date.parse(`${text}+08:00`);

describe('reminder rounds', () => {
  it('places rounds on Beijing dates relative to the deadline, in time order, after the opening round', () => {
    expect(rounds.map((round) => round.key)).toEqual(['start', 'before-2-09:00', 'after-1-09:00']);
    expect(rounds[1]!.startsAt).toBe(at('2013-08-16T09:00:00'));
    expect(rounds[2]!.startsAt).toBe(at('2013-08-19T09:00:00'));
    expect(rounds[1]!.label).toBe('截止前 2 天（2013-08-16 09:00）');
  });

  it('says which round a moment falls in: one interval, one round', () => {
    expect(currentRound(rounds, at('2013-08-10T12:00:00'))).toBe(OPENING_ROUND);
    expect(currentRound(rounds, at('2013-08-16T08:59:59'))).toBe(OPENING_ROUND);
    expect(currentRound(rounds, at('2013-08-16T09:00:00')).key).toBe('before-2-09:00');
    expect(currentRound(rounds, at('2013-08-18T20:00:00')).key).toBe('before-2-09:00');
    expect(currentRound(rounds, at('2026-01-01T00:00:00')).key).toBe('after-1-09:00');
    expect(nextRound(rounds, at('2013-08-17T00:00:00'))?.key).toBe('after-1-09:00');
    expect(nextRound(rounds, at('2014-01-01T00:00:00'))).toBeNull();
  });

  it('judges the date in Beijing time, whatever the deadline offset is written with', () => {
    // 2013-08-18 23:30 in Beijing is 15:30 UTC: the day before is still 08-17 in Beijing.
    const late = reminderRounds('2013-08-18T15:30:00Z', [{ daysBefore: 1, at: '09:00' }]);
    expect(late[1]!.startsAt).toBe(at('2013-08-17T09:00:00'));
  });
});

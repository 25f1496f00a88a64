/**
 * Finding roster units in free text (a subject, a file name, the table's 填报区域或单位 cell).
 * A unit is known by its name and aliases (庞村镇 = 庞村镇人民政府 = 庞村). When names overlap
 * (庞村 inside 庞村镇人民政府), the longest match wins, so one mention is one unit.
 */
import type { RosterUnit } from './campaign/roster.js';
import { looseKey } from './text/normalize.js';

interface Name {
  key: string;
  unit: string;
  /** Rank in the longest-first order (ties by key): the order in which overlaps are settled. */
  rank: number;
}

/** The roster's names and aliases, folded, indexed for fast lookup. Build once per roster. */
export interface NameIndex {
  byKey: ReadonlyMap<string, Name>;
  /**
   * The distinct lengths of the keys, longest first: a text is searched by looking up each of
   * its substrings of these lengths, whatever the size of the roster (thousands of units).
   */
  lengths: readonly number[];
}

const indexes = new WeakMap<readonly RosterUnit[], NameIndex>();

/** Kept beside the roster it was built from: a merge asks for it several times, the console at every decision. */
export function nameIndex(roster: readonly RosterUnit[]): NameIndex {
  const known = indexes.get(roster);
  if (known) return known;
  const index = buildNameIndex(roster);
  indexes.set(roster, index);
  return index;
}

function buildNameIndex(roster: readonly RosterUnit[]): NameIndex {
  const names = roster
    .flatMap((unit) => [unit.name, ...unit.aliases].map((name) => ({ key: looseKey(name), unit: unit.name })))
    .filter((name) => name.key.length >= 2)
    .sort((a, b) => b.key.length - a.key.length || a.key.localeCompare(b.key))
    .map((name, rank) => ({ ...name, rank }));
  const byKey = new Map<string, Name>();
  for (const name of names) if (!byKey.has(name.key)) byKey.set(name.key, name);
  return { byKey, lengths: [...new Set(names.map((name) => name.key.length))] };
}

/** Units mentioned in a text, in order of first mention, each once. */
export function unitsMentionedIn(text: string, index: NameIndex): string[] {
  const folded = looseKey(text);
  const found: { at: number; name: Name }[] = [];
  for (let at = 0; at < folded.length; at++) {
    for (const length of index.lengths) {
      if (at + length > folded.length) continue;
      const name = index.byKey.get(folded.slice(at, at + length));
      if (name) found.push({ at, name });
    }
  }
  // Longest names claim their characters first, so 庞村 inside 庞村镇人民政府 is no second mention.
  found.sort((a, b) => a.name.rank - b.name.rank || a.at - b.at);
  const taken = new Array<boolean>(folded.length).fill(false);
  const mentions: { at: number; unit: string }[] = [];
  for (const { at, name } of found) {
    if (taken.slice(at, at + name.key.length).some(Boolean)) continue;
    taken.fill(true, at, at + name.key.length);
    mentions.push({ at, unit: name.unit });
  }
  mentions.sort((a, b) => a.at - b.at);
  return [...new Set(mentions.map((mention) => mention.unit))];
}

/**
 * The unit a 填报区域或单位 value names: an exact name or alias first ("伊滨区庞村镇" too, by
 * mention); null when it names none or several.
 */
export function unitNamedBy(value: string, index: NameIndex): string | null {
  const folded = looseKey(value);
  if (folded === '') return null;
  const exact = index.byKey.get(folded);
  if (exact) return exact.unit;
  const mentioned = unitsMentionedIn(value, index);
  return mentioned.length === 1 ? mentioned[0]! : null;
}

/**
 * Finding roster units in free text (a subject, a file name, the table's 填报区域或单位 cell).
 * A unit is known by its name and aliases (庞村镇 = 庞村镇人民政府 = 庞村). When names overlap
 * (庞村 inside 庞村镇人民政府), the longest match wins, so one mention is one unit.
 */
import type { RosterUnit } from '../pipeline/campaign/roster.js';
import { looseKey } from '../pipeline/text/normalize.js';

interface Name {
  key: string;
  unit: string;
}

/** Every name and alias, folded, longest first. Build once per roster. */
export function nameIndex(roster: readonly RosterUnit[]): Name[] {
  return roster
    .flatMap((unit) => [unit.name, ...unit.aliases].map((name) => ({ key: looseKey(name), unit: unit.name })))
    .filter((name) => name.key.length >= 2)
    .sort((a, b) => b.key.length - a.key.length || a.key.localeCompare(b.key));
}

/** Units mentioned in a text, in order of first mention, each once. */
export function unitsMentionedIn(text: string, names: readonly Name[]): string[] {
  const folded = looseKey(text);
  const taken = new Array<boolean>(folded.length).fill(false);
  const mentions: { at: number; unit: string }[] = [];
  for (const name of names) {
    let from = 0;
    for (;;) {
      const at = folded.indexOf(name.key, from);
      if (at < 0) break;
      from = at + 1;
      if (taken.slice(at, at + name.key.length).some(Boolean)) continue;
      taken.fill(true, at, at + name.key.length);
      mentions.push({ at, unit: name.unit });
    }
  }
  mentions.sort((a, b) => a.at - b.at);
  return [...new Set(mentions.map((mention) => mention.unit))];
}

/**
 * The unit a 填报区域或单位 value names: an exact name or alias first ("伊滨区庞村镇" too, by
 * mention); null when it names none or several.
 */
export function unitNamedBy(value: string, names: readonly Name[]): string | null {
  const folded = looseKey(value);
  if (folded === '') return null;
  const exact = names.find((name) => name.key === folded);
  if (exact) return exact.unit;
  const mentioned = unitsMentionedIn(value, names);
  return mentioned.length === 1 ? mentioned[0]! : null;
}

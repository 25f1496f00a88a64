/**
 * The names a rule may use for the campaign's tables and columns, as a clerk reads them in the
 * header: the full header text (排查点位数(处)), the same without its unit (排查点位数), 组·列
 * under a group header (检查计算机数量·涉密), the sub-column alone where it is unique (涉密), the
 * key, and any of them after a table's name (重大隐患整改台账.整改时限). A column headed 其中：新开工
 * is also named without its 其中： (新开工), as the clerk reads it under the total it belongs to,
 * unless another column is itself so named. Names are compared after NFKC with spaces removed, so
 * 全角 brackets and colons and a space typed inside a word do not matter.
 */
import { compact } from '../../text/normalize.js';
import { nameOfLabel, type TableDef } from '../tables.js';
import type { ColumnRef } from './rule-ast.js';

export type NameTarget = { kind: 'column'; ref: ColumnRef; display: string } | { kind: 'table'; table: string; display: string };

/** The middle dots people type between a group and its column, folded to one. */
const DOTS = /[·・‧•∙⋅]/gu;

/** A text folded the way names are compared (the rule's text is folded the same way). */
export function foldName(text: string): string {
  return compact(text).replace(DOTS, '·');
}

/** 其中: before a column's own text (the colon is folded by NFKC), at the start or after 组·. */
const PART_OF = /(^|·)其中:/u;

type Form = { form: string; target: NameTarget };

/** A name without its 其中: prefix: a weaker form, given up to a column that has it as its own. */
function withoutPartOf(forms: readonly Form[]): Form[] {
  return forms.filter(({ form }) => PART_OF.test(form)).map(({ form, target }) => ({ form: form.replace(PART_OF, '$1'), target }));
}

function columnForms(table: TableDef): Form[] {
  const forms: Form[] = [];
  for (const column of table.columns) {
    const target: NameTarget = { kind: 'column', ref: { table: table.key, column: column.key }, display: column.name };
    const own = [column.key, column.name, column.displayName];
    if (column.subHeaderTexts) {
      const group = column.headerTexts[0]!;
      const sub = column.subHeaderTexts[0]!;
      own.push(`${group}·${sub}`, `${nameOfLabel(group)}·${sub}`, sub);
    }
    for (const form of new Set(own.map(foldName))) forms.push({ form, target });
  }
  return forms;
}

export class RuleNames {
  /** Folded form → what it may name (several targets: ambiguous unless the context settles it). */
  private readonly byForm = new Map<string, NameTarget[]>();
  /** Distinct form lengths, longest first: the lexer tries each at a position. */
  private readonly lengths: number[];

  constructor(readonly tables: readonly TableDef[]) {
    const add = (form: string, target: NameTarget) => {
      if (form === '') return;
      const list = this.byForm.get(form) ?? [];
      if (!list.some((item) => sameTarget(item, target))) list.push(target);
      this.byForm.set(form, list);
    };
    const weak: { form: string; target: NameTarget; tableForms: string[] }[] = [];
    for (const table of tables) {
      const tableTarget: NameTarget = { kind: 'table', table: table.key, display: table.name };
      const tableForms = [...new Set([table.key, table.name, table.attachmentLabel].map(foldName))].filter((form) => form !== '');
      for (const form of tableForms) add(form, tableTarget);
      const forms = columnForms(table);
      for (const { form, target } of forms) {
        add(form, target);
        for (const prefix of tableForms) add(`${prefix}.${form}`, target);
      }
      for (const item of withoutPartOf(forms)) weak.push({ ...item, tableForms });
    }
    // After every table's own names: 新开工 stays the name of a column headed 新开工.
    const owned = new Set(this.byForm.keys());
    for (const { form, target, tableForms } of weak) {
      if (!owned.has(form)) add(form, target);
      for (const prefix of tableForms) if (!owned.has(`${prefix}.${form}`)) add(`${prefix}.${form}`, target);
    }
    this.lengths = [...new Set([...this.byForm.keys()].map((form) => form.length))].sort((a, b) => b - a);
  }

  /** The longest known name at `at` in a folded text, or null. */
  longestAt(text: string, at: number): { length: number; targets: NameTarget[] } | null {
    for (const length of this.lengths) {
      if (at + length > text.length) continue;
      const targets = this.byForm.get(text.slice(at, at + length));
      if (targets) return { length, targets };
    }
    return null;
  }

  /** Names to suggest for a word that names nothing: the column names and table names. */
  allNames(): string[] {
    return [
      ...new Set(
        this.tables.flatMap((table) => [
          table.name,
          ...table.columns.flatMap((column) => [column.name, column.displayName, ...(column.subHeaderTexts?.slice(0, 1) ?? [])]),
        ]),
      ),
    ];
  }
}

function sameTarget(a: NameTarget, b: NameTarget): boolean {
  if (a.kind === 'table' || b.kind === 'table') return a.kind === b.kind && a.kind === 'table' && b.kind === 'table' && a.table === b.table;
  return a.ref.table === b.ref.table && a.ref.column === b.ref.column;
}

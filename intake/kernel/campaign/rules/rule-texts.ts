/**
 * Words compared with a 单选 or 文字 column. A clerk writes `整改状态 = 已整改` meaning the text
 * 已整改, one of the column's values, even where 已整改 is also the name of a column (隐患·已整改):
 * a 单选 column is only ever equal to one of its values, so such a word is read as that text.
 * Any other lone word beside such a column keeps its reading, and the hint for it says what it
 * was read as and how to write a text ("…"), for the mistake the parser then reports.
 */
import { FIELD_TYPE_LABEL } from '../field-types.js';
import type { ColumnDef, TableDef } from '../tables.js';
import type { Token } from './rule-lexer.js';
import { foldName, type RuleNames } from './rule-names.js';

/** What the parser adds to its mistake about a lone word beside a 单选/文字 column, by the word's offset. */
export interface TextHint {
  /** The word is no column: the mistake, from the one the parser would say (「无」不是表格中的列…). */
  unknown: (mistake: string) => string;
  /** The word is a column of another kind (数, 日期): said after the mistake. */
  readAsColumn: string;
}

type NameToken = Extract<Token, { kind: 'name' }>;

/** The one column a name token names, with its table, or null (a table, or several columns). */
function soleColumn(token: Token, tables: readonly TableDef[]): ColumnDef | null {
  if (token.kind !== 'name') return null;
  const columns = (token as NameToken).targets.filter((target) => target.kind === 'column');
  if (columns.length !== 1) return null;
  const { ref } = columns[0]!;
  return tables.find((table) => table.key === ref.table)?.columns.find((column) => column.key === ref.column) ?? null;
}

const isTextColumn = (column: ColumnDef | null): column is ColumnDef => column?.type === 'choice' || column?.type === 'text';

/** The operands between comparison signs, each as its tokens. */
function operandGroups(tokens: readonly Token[]): { tokens: Token[]; compare: Token | undefined }[] {
  const groups: { tokens: Token[]; compare: Token | undefined }[] = [{ tokens: [], compare: undefined }];
  for (const token of tokens) {
    if (token.kind === 'compare') groups.push({ tokens: [], compare: token });
    else groups.at(-1)!.tokens.push(token);
  }
  return groups;
}

function hintFor(
  column: ColumnDef,
  columnText: string,
  word: Token,
  sign: string,
  wordFirst: boolean,
  tables: readonly TableDef[],
): TextHint {
  const other = soleColumn(word, tables);
  const readAs = other ? `「${word.text}」读作了列「${other.name}」（${FIELD_TYPE_LABEL[other.type]}）` : '';
  // A 单选 column is only ever one of its values: they are what to write (the word is none of them).
  if (column.options) {
    const options = `「${column.name}」的可选值（${column.options.join('、')}）`;
    return { unknown: () => `「${word.text}」不是表格中的列，也不是${options}`, readAsColumn: `——${readAs}，不是${options}` };
  }
  const quoted = `"${word.text}"`;
  const howToQuote = `要与文字比较，请加引号：${wordFirst ? `${quoted} ${sign} ${columnText}` : `${columnText} ${sign} ${quoted}`}`;
  return { unknown: (mistake) => `${mistake}；${howToQuote}`, readAsColumn: `——${readAs}；${howToQuote}` };
}

/**
 * The tokens with each lone word beside a 单选 column that is one of its values (and names no
 * 单选/文字 column itself) made a text, and the hints for the other lone words beside a 单选/文字 column.
 */
export function textsBesideTextColumns(tokens: readonly Token[], names: RuleNames): { tokens: Token[]; hints: Map<number, TextHint> } {
  const tables = names.tables;
  const replaced = new Map<Token, Token>();
  const hints = new Map<number, TextHint>();
  const groups = operandGroups(tokens);
  groups.forEach((group, index) => {
    const next = groups[index + 1];
    if (!next || group.tokens.length !== 1 || next.tokens.length !== 1) return;
    const sign = next.compare!.text;
    for (const [columnToken, word, wordFirst] of [
      [group.tokens[0]!, next.tokens[0]!, false],
      [next.tokens[0]!, group.tokens[0]!, true],
    ] as const) {
      const column = soleColumn(columnToken, tables);
      if (!isTextColumn(column) || (word.kind !== 'name' && word.kind !== 'unknown')) continue;
      if (isTextColumn(soleColumn(word, tables))) continue;
      const option = column.options?.find((value) => foldName(value) === word.text);
      if (option !== undefined) replaced.set(word, { kind: 'text', value: option, at: word.at, text: word.text });
      else hints.set(word.at, hintFor(column, columnToken.text, word, sign, wordFirst, tables));
    }
  });
  return { tokens: tokens.map((token) => replaced.get(token) ?? token), hints };
}

/**
 * Reads one rule line into a Rule: `合计 = 一般隐患 + 重大隐患`, `已整改 <= 合计`,
 * `0 <= 整改率 <= 100`, `整改时限 >= 发现日期`, `行数(重大隐患整改台账) = 重大隐患`,
 * `整改率 = 已整改 / 合计 × 100`. Comparisons chain; + − × ÷ and brackets compute; 行数(表) counts a
 * list's rows and 求和(表.列) sums a list's column; "…" is a text. Every mistake is a
 * RuleSyntaxError in Chinese at the column where it is, with a suggestion where one is close.
 */

import { closestNames } from '../../text/nearest-name.js';
import { FIELD_TYPE_LABEL, type ValueKind, valueKindOf } from '../field-types.js';
import type { ColumnDef, TableDef } from '../tables.js';
import type { Comparison, Expr, Rule } from './rule-ast.js';
import { RuleSyntaxError, type Token, tokenize } from './rule-lexer.js';
import type { NameTarget, RuleNames } from './rule-names.js';
import { ruleScope } from './rule-scope.js';
import { type TextHint, textsBesideTextColumns } from './rule-texts.js';

export { RuleSyntaxError } from './rule-lexer.js';

interface Typed {
  expr: Expr;
  kind: ValueKind;
  at: number;
}

const EXAMPLES = '例如「合计 = 一般隐患 + 重大隐患」「0 <= 整改率 <= 100」「行数(重大隐患整改台账) = 重大隐患」';

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly names: RuleNames,
    private readonly lineLength: number,
    /** What to say of a lone word beside a 单选/文字 column, by its offset (rule-texts.ts). */
    private readonly hints: ReadonlyMap<number, TextHint> = new Map(),
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private next(): Token | undefined {
    return this.tokens[this.index++];
  }

  private expectSign(op: ')' | '('): void {
    const token = this.next();
    if (token?.kind !== 'sign' || token.op !== op)
      throw new RuleSyntaxError(
        `这里应为「${op === ')' ? '）' : '（'}」${token ? `，写的是「${token.text}」` : ''}`,
        token?.at ?? this.lineLength,
      );
  }

  /** Offsets where each comparison sign starts and ends, to cut the line into its operands. */
  readonly signs: { at: number; end: number }[] = [];

  parseRule(): { operands: Typed[]; comparisons: Comparison[] } {
    if (this.tokens.length === 0) throw new RuleSyntaxError(`规则是空的，${EXAMPLES}`, 0);
    const operands = [this.additive()];
    const comparisons: Comparison[] = [];
    while (this.peek()?.kind === 'compare') {
      const sign = this.next() as Extract<Token, { kind: 'compare' }>;
      comparisons.push(sign.op);
      this.signs.push({ at: sign.at, end: this.peek()?.at ?? this.lineLength });
      operands.push(this.additive());
    }
    const rest = this.peek();
    if (rest) throw this.unexpected(rest);
    if (comparisons.length === 0) throw new RuleSyntaxError(`规则中没有比较符号（= <= >= < > !=），${EXAMPLES}`, this.lineLength);
    return { operands, comparisons };
  }

  private additive(): Typed {
    let left = this.multiplicative();
    for (let token = this.peek(); token?.kind === 'sign' && (token.op === '+' || token.op === '-'); token = this.peek()) {
      this.next();
      left = combine(token.op, left, this.multiplicative(), token.at);
    }
    return left;
  }

  private multiplicative(): Typed {
    let left = this.unary();
    for (let token = this.peek(); token?.kind === 'sign' && (token.op === '*' || token.op === '/'); token = this.peek()) {
      this.next();
      left = combine(token.op, left, this.unary(), token.at);
    }
    return left;
  }

  private unary(): Typed {
    const token = this.peek();
    if (token?.kind === 'sign' && token.op === '-') {
      this.next();
      const operand = this.unary();
      if (operand.kind !== 'number') throw new RuleSyntaxError('只有数字前面可以加负号', token.at);
      return { expr: { kind: 'negate', operand: operand.expr }, kind: 'number', at: token.at };
    }
    return this.primary();
  }

  private primary(): Typed {
    const token = this.next();
    if (!token) throw new RuleSyntaxError(`规则没有写完，${EXAMPLES}`, this.lineLength);
    switch (token.kind) {
      case 'number':
        return { expr: { kind: 'number', value: token.value }, kind: 'number', at: token.at };
      case 'text': {
        const date = dateLiteral(token.value);
        if (date) return { expr: { kind: 'date', value: date }, kind: 'date', at: token.at };
        return { expr: { kind: 'text', value: token.value }, kind: 'text', at: token.at };
      }
      case 'function':
        return this.call(token);
      case 'name':
        return this.column(token);
      case 'sign':
        if (token.op === '(') {
          const inner = this.additive();
          this.expectSign(')');
          return inner;
        }
        throw this.unexpected(token);
      default:
        throw this.unexpected(token);
    }
  }

  private call(token: Extract<Token, { kind: 'function' }>): Typed {
    this.expectSign('(');
    const arg = this.next();
    if (arg?.kind === 'unknown' && token.name === 'rows') throw this.unknownTable(token, arg);
    if (arg?.kind !== 'name') throw arg ? this.unexpected(arg) : new RuleSyntaxError('括号中应写表格名称', this.lineLength);
    this.expectSign(')');
    if (token.name === 'rows') {
      const table = pick(arg, 'table') as Extract<NameTarget, { kind: 'table' }> | undefined;
      const def = table && this.table(table.table);
      if (!def) throw new RuleSyntaxError(`${token.text}( ) 中应写表格名称，「${arg.text}」不是表格`, arg.at);
      if (def.kind !== 'list')
        throw new RuleSyntaxError(`「${def.name}」每个单位只有一行，${token.text}( ) 只用于明细表（台账、清单）`, arg.at);
      return { expr: { kind: 'rows', table: def.key }, kind: 'number', at: token.at };
    }
    const target = pick(arg, 'column') as Extract<NameTarget, { kind: 'column' }> | undefined;
    if (!target) throw new RuleSyntaxError(`${token.text}( ) 中应写明细表的一列，「${arg.text}」不是列`, arg.at);
    const { table, column } = this.columnDef(target);
    if (table.kind !== 'list')
      throw new RuleSyntaxError(`${token.text}( ) 只用于明细表（台账、清单）的列，「${table.name}」每个单位只有一行`, arg.at);
    if (valueKindOf(column.type) !== 'number')
      throw new RuleSyntaxError(`「${column.name}」是${FIELD_TYPE_LABEL[column.type]}，不能求和`, arg.at);
    return { expr: { kind: 'sum', ref: target.ref }, kind: 'number', at: token.at };
  }

  private column(token: Extract<Token, { kind: 'name' }>): Typed {
    const columns = token.targets.filter((target) => target.kind === 'column');
    if (columns.length === 0) throw new RuleSyntaxError(`「${token.text}」是表格名称，这里应写列名（或用 行数(${token.text})）`, token.at);
    if (columns.length > 1) {
      const choices = columns.map((target) => `「${this.table(target.ref.table)!.name}.${target.display}」`).join('或');
      throw new RuleSyntaxError(`「${token.text}」在几张表中都有，请写明是哪一张：${choices}`, token.at);
    }
    const target = columns[0]!;
    const { column } = this.columnDef(target);
    return { expr: { kind: 'column', ref: target.ref }, kind: valueKindOf(column.type), at: token.at };
  }

  private table(key: string): TableDef | undefined {
    return this.names.tables.find((table) => table.key === key);
  }

  private columnDef(target: Extract<NameTarget, { kind: 'column' }>): { table: TableDef; column: ColumnDef } {
    const table = this.table(target.ref.table)!;
    return { table, column: table.columns.find((column) => column.key === target.ref.column)! };
  }

  private unexpected(token: Token): RuleSyntaxError {
    if (token.kind === 'unknown') {
      const close = closestNames(token.text, this.names.allNames());
      const mistake = `「${token.text}」不是表格中的列${close.length > 0 ? didYouMean(close) : '，请照表头写列名'}`;
      return new RuleSyntaxError(this.hints.get(token.at)?.unknown(mistake) ?? mistake, token.at);
    }
    return new RuleSyntaxError(`这里不应有「${token.text}」`, token.at);
  }

  /** 行数(重大隐患台账): a table name misspelled, suggested among the campaign's tables, not its columns. */
  private unknownTable(call: Token, arg: Token): RuleSyntaxError {
    const tables = this.names.tables;
    const lists = tables.filter((table) => table.kind === 'list').map((table) => table.name);
    const close = closestNames(arg.text, lists.length > 0 ? lists : tables.map((table) => table.name));
    const hint =
      close.length > 0
        ? didYouMean(close)
        : lists.length > 0
          ? `，${call.text}( ) 中应写明细表（台账、清单）的名称：${lists.map((list) => `「${list}」`).join('、')}`
          : `，本活动没有明细表（台账、清单），用不到 ${call.text}( )`;
    return new RuleSyntaxError(`「${arg.text}」不是本活动的表格${hint}`, arg.at);
  }
}

/** ，是否指「发现日期」？ / ，是否指「一般隐患」或「重大隐患」？ */
function didYouMean(names: readonly string[]): string {
  return `，是否指${names.map((name) => `「${name}」`).join('或')}？`;
}

/** "2026-01-01", "2026/1/1" or "2026年1月1日" in quotes is a date: "YYYY-MM-DD". */
function dateLiteral(text: string): string | null {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/u.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

function pick(token: Extract<Token, { kind: 'name' }>, kind: NameTarget['kind']): NameTarget | undefined {
  const found = token.targets.filter((target) => target.kind === kind);
  return found.length === 1 ? found[0] : undefined;
}

const KIND_TEXT: Readonly<Record<ValueKind, string>> = { number: '数', date: '日期', text: '文字' };

/** The kind of a + − × ÷ of two operands, or the mistake. Dates subtract (days) and move by days. */
function combine(op: '+' | '-' | '*' | '/', left: Typed, right: Typed, at: number): Typed {
  const expr: Expr = { kind: 'binary', op, left: left.expr, right: right.expr };
  const kinds = `${left.kind}${op}${right.kind}`;
  if (left.kind === 'number' && right.kind === 'number') return { expr, kind: 'number', at: left.at };
  if (kinds === 'date-date') return { expr, kind: 'number', at: left.at };
  if (kinds === 'date+number' || kinds === 'date-number' || kinds === 'number+date') return { expr, kind: 'date', at: left.at };
  const sign = { '+': '+', '-': '−', '*': '×', '/': '÷' }[op];
  throw new RuleSyntaxError(`${KIND_TEXT[left.kind]}与${KIND_TEXT[right.kind]}不能做「${sign}」运算`, at);
}

/** Reads a rule line against the campaign's tables; throws RuleSyntaxError. */
export function parseRule(line: string, names: RuleNames, index: number, message?: string): Rule {
  const { tokens, hints } = textsBesideTextColumns(tokenize(line, names), names);
  const parser = new Parser(tokens, names, line.length, hints);
  const { operands, comparisons } = parser.parseRule();
  const kind = operands[0]!.kind;
  operands.forEach((operand, position) => {
    if (operand.kind !== kind) {
      // The word beside a 单选/文字 column, on either side, read as a column of another kind.
      const hint = hints.get(operand.at) ?? hints.get(operands[position - 1]!.at);
      throw new RuleSyntaxError(
        `比较的两边应是同一类：左边是${KIND_TEXT[kind]}，这里是${KIND_TEXT[operand.kind]}${hint?.readAsColumn ?? ''}`,
        operand.at,
      );
    }
    if (kind === 'text' && position > 0 && comparisons[position - 1] !== '=' && comparisons[position - 1] !== '!=')
      throw new RuleSyntaxError('文字只能比较相等（=）或不相等（!=）', operand.at);
  });
  const exprs = operands.map((operand) => operand.expr);
  const scope = ruleScope(exprs, names.tables);
  if ('mistake' in scope) throw new RuleSyntaxError(scope.mistake, 0);
  const first = exprs[0]!;
  // A text defines no total: 是否完工 = "是" is a check, not how the column is computed.
  const defines =
    exprs.length === 2 && comparisons[0] === '=' && first.kind === 'column' && scope.kind === 'row' && kind !== 'text'
      ? { ref: first.ref, expr: exprs[1]! }
      : undefined;
  const cuts = [{ at: 0, end: 0 }, ...parser.signs, { at: line.length, end: line.length }];
  const operandTexts = exprs.map((_, position) => line.slice(cuts[position]!.end, cuts[position + 1]!.at).trim());
  return {
    source: line,
    index,
    scope,
    operands: exprs,
    operandTexts,
    comparisons,
    valueKind: kind,
    ...(message ? { message } : {}),
    code: 'rule.failed',
    ...(defines ? { defines } : {}),
  };
}

/**
 * A template's formulas as the rules a clerk reads: `=F6+G6` in 合计 says 合计 = 一般隐患 + 重大隐患;
 * `=IF(D7=0,0,E7/D7)` in a 0.0% cell says 整改率 = 已整改 / 合计 × 100 (the campaign keeps 85.7, not
 * 0.857). Only arithmetic over cells of the same row is read (+ − × ÷, SUM, and the value-bearing
 * branch of IF / IFERROR / ROUND); anything else is left for the clerk, with the reason. Pure.
 */

export type FormulaExpr =
  | { kind: 'column'; column: number }
  | { kind: 'number'; value: number }
  | { kind: 'op'; op: '+' | '-' | '*' | '/'; left: FormulaExpr; right: FormulaExpr }
  | { kind: 'negate'; operand: FormulaExpr };

export type FormulaReading = { ok: true; expr: FormulaExpr; note?: string } | { ok: false; reason: string };

type Token =
  | { t: 'ref'; column: number; row: number }
  | { t: 'range'; from: number; to: number; row: number; rowTo: number }
  | { t: 'num'; value: number }
  | { t: 'str'; value: string }
  | { t: 'fn'; name: string }
  | { t: 'op'; value: string };

class FormulaError extends Error {}

const columnIndex = (letters: string) => [...letters].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0) - 1;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern =
    /\s*(?:(\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+))|(\$?([A-Z]{1,3})\$?(\d+))(?![A-Z(])|([A-Z][A-Z0-9.]*)\s*\(|(\d+(?:\.\d+)?%?)|("[^"]*")|(<=|>=|<>|[-+*/^(),=<>&]))/uy;
  let at = 0;
  const source = text.toUpperCase().replace(/^=/u, '').trim();
  while (at < source.length) {
    pattern.lastIndex = at;
    const m = pattern.exec(source);
    if (!m) throw new FormulaError(`看不懂「${source.slice(at, at + 10)}」`);
    at = pattern.lastIndex;
    if (m[1]) tokens.push({ t: 'range', from: columnIndex(m[2]!), row: Number(m[3]), to: columnIndex(m[4]!), rowTo: Number(m[5]) });
    else if (m[6]) tokens.push({ t: 'ref', column: columnIndex(m[7]!), row: Number(m[8]) });
    else if (m[9]) {
      tokens.push({ t: 'fn', name: m[9] });
      tokens.push({ t: 'op', value: '(' });
    } else if (m[10]) tokens.push({ t: 'num', value: m[10].endsWith('%') ? Number.parseFloat(m[10]) / 100 : Number(m[10]) });
    else if (m[11]) tokens.push({ t: 'str', value: m[11].slice(1, -1) });
    else tokens.push({ t: 'op', value: m[12]! });
  }
  return tokens;
}

/** A parsed argument: a value, a range (only inside SUM), a comparison (only as IF's condition). */
type Node = FormulaExpr | { kind: 'range'; from: number; to: number } | { kind: 'compare' } | { kind: 'text' };

class Parser {
  private index = 0;
  notes: string[] = [];

  constructor(
    private readonly tokens: Token[],
    private readonly row: number,
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private isOp(value: string): boolean {
    const token = this.peek();
    return token?.t === 'op' && token.value === value;
  }

  private expect(value: string): void {
    if (!this.isOp(value)) throw new FormulaError(`这里应为「${value}」`);
    this.index++;
  }

  parse(): FormulaExpr {
    const node = this.comparison();
    if (this.index < this.tokens.length) throw new FormulaError('公式没有读完');
    return value(node);
  }

  comparison(): Node {
    const left = this.additive();
    const token = this.peek();
    if (token?.t === 'op' && ['=', '<>', '<', '>', '<=', '>='].includes(token.value)) {
      this.index++;
      this.additive();
      return { kind: 'compare' };
    }
    return left;
  }

  private additive(): Node {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.tokens[this.index++] as { value: '+' | '-' }).value;
      left = { kind: 'op', op, left: value(left), right: value(this.multiplicative()) };
    }
    return left;
  }

  private multiplicative(): Node {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/')) {
      const op = (this.tokens[this.index++] as { value: '*' | '/' }).value;
      left = { kind: 'op', op, left: value(left), right: value(this.unary()) };
    }
    return left;
  }

  private unary(): Node {
    if (this.isOp('-')) {
      this.index++;
      return { kind: 'negate', operand: value(this.unary()) };
    }
    if (this.isOp('+')) this.index++;
    return this.primary();
  }

  private primary(): Node {
    const token = this.tokens[this.index++];
    if (!token) throw new FormulaError('公式不完整');
    switch (token.t) {
      case 'num':
        return { kind: 'number', value: token.value };
      case 'str':
        return { kind: 'text' };
      case 'ref':
        if (token.row !== this.row) throw new FormulaError(`引用了其他行的单元格（第 ${token.row} 行）`);
        return { kind: 'column', column: token.column };
      case 'range':
        if (token.row !== this.row || token.rowTo !== this.row) throw new FormulaError('引用了其他行的单元格');
        return { kind: 'range', from: token.from, to: token.to };
      case 'fn':
        return this.call(token.name);
      case 'op':
        if (token.value !== '(') throw new FormulaError(`这里不应是「${token.value}」`);
        {
          const inner = this.comparison();
          this.expect(')');
          return inner;
        }
    }
  }

  private args(): Node[] {
    const args: Node[] = [];
    if (this.isOp(')')) {
      this.index++;
      return args;
    }
    for (;;) {
      args.push(this.comparison());
      if (this.isOp(',')) {
        this.index++;
        continue;
      }
      this.expect(')');
      return args;
    }
  }

  private call(name: string): Node {
    this.expect('(');
    const args = this.args();
    switch (name) {
      case 'SUM':
        return args
          .flatMap((arg): FormulaExpr[] =>
            arg.kind === 'range'
              ? Array.from({ length: arg.to - arg.from + 1 }, (_, k) => ({ kind: 'column', column: arg.from + k }))
              : [value(arg)],
          )
          .reduce((sum, part) => ({ kind: 'op', op: '+', left: sum, right: part }));
      case 'ROUND':
      case 'ROUNDUP':
      case 'ROUNDDOWN':
      case 'IFERROR':
        if (!args[0]) throw new FormulaError(`${name} 没有参数`);
        return args[0];
      case 'IF': {
        // IF(合计=0, 0, 已整改/合计): the branch that computes is the value; the other guards a blank or 0.
        const branches = args.slice(1).filter((arg) => arg.kind !== 'number' && arg.kind !== 'text');
        if (branches.length !== 1) throw new FormulaError('IF 的两个结果都是计算式，无法写成一条规则');
        this.notes.push('公式中的 IF 只取了计算的那一支');
        return branches[0]!;
      }
      default:
        throw new FormulaError(`公式用了函数 ${name}`);
    }
  }
}

function value(node: Node): FormulaExpr {
  if (node.kind === 'range') throw new FormulaError('区域只能用在 SUM 中');
  if (node.kind === 'compare' || node.kind === 'text') throw new FormulaError('公式的结果不是数');
  return node;
}

/** The formula of a cell in sheet row `row` (1-based), read over the columns of that row. */
export function readFormula(formula: string, row: number): FormulaReading {
  try {
    const parser = new Parser(tokenize(formula), row);
    const expr = parser.parse();
    return { ok: true, expr, ...(parser.notes.length > 0 ? { note: parser.notes.join('；') } : {}) };
  } catch (error) {
    if (error instanceof FormulaError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** True when the expression already multiplies by 100 (=E7/D7*100). */
export function scaledToPercent(expr: FormulaExpr): boolean {
  return expr.kind === 'op' && expr.op === '*' && [expr.left, expr.right].some((side) => side.kind === 'number' && side.value === 100);
}

const PRECEDENCE = { '+': 1, '-': 1, '*': 2, '/': 2 } as const;
const SIGN = { '+': '+', '-': '-', '*': '×', '/': '/' } as const;

/** The expression as a rule line writes it, each column by its name. */
export function formulaText(expr: FormulaExpr, name: (column: number) => string, outer = 0, right = false): string {
  switch (expr.kind) {
    case 'column':
      return name(expr.column);
    case 'number':
      return String(expr.value);
    case 'negate':
      return `-${formulaText(expr.operand, name, 3)}`;
    case 'op': {
      const own = PRECEDENCE[expr.op];
      const text = `${formulaText(expr.left, name, own)} ${SIGN[expr.op]} ${formulaText(expr.right, name, own, true)}`;
      return own < outer || (right && own === outer) ? `(${text})` : text;
    }
  }
}

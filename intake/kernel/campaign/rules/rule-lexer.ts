/**
 * Splits a rule line into tokens. Names are found by the longest name the campaign knows at each
 * position (rule-names.ts), because headers hold brackets, 、 and signs (检查计算机数量(台)) that a
 * generic tokenizer would cut. Every token keeps its offset in the line as written, so a mistake
 * is shown at its column.
 */
import type { Comparison } from './rule-ast.js';
import { foldName, type NameTarget, type RuleNames } from './rule-names.js';

export type Token =
  | { kind: 'number'; value: number; at: number; text: string }
  | { kind: 'text'; value: string; at: number; text: string }
  | { kind: 'name'; targets: NameTarget[]; at: number; text: string }
  | { kind: 'unknown'; at: number; text: string }
  | { kind: 'function'; name: 'rows' | 'sum'; at: number; text: string }
  | { kind: 'compare'; op: Comparison; at: number; text: string }
  | { kind: 'sign'; op: '+' | '-' | '*' | '/' | '(' | ')' | ','; at: number; text: string };

export class RuleSyntaxError extends Error {
  constructor(
    message: string,
    /** Offset in the line as written. */
    readonly at: number,
  ) {
    super(message);
  }
}

/** The line folded (NFKC, spaces removed), with each folded character's offset in the original. */
function fold(line: string): { text: string; origin: number[] } {
  let text = '';
  const origin: number[] = [];
  let offset = 0;
  for (const char of line) {
    const folded = foldName(char);
    for (let index = 0; index < folded.length; index++) origin.push(offset);
    text += folded;
    offset += char.length;
  }
  origin.push(offset);
  return { text, origin };
}

const FUNCTIONS: Readonly<Record<string, 'rows' | 'sum'>> = { 行数: 'rows', 条数: 'rows', 求和: 'sum', 合计数: 'sum' };
const COMPARE: readonly [string, Comparison][] = [
  ['<=', '<='],
  ['>=', '>='],
  ['!=', '!='],
  ['<>', '!='],
  ['==', '='],
  ['≤', '<='],
  ['≥', '>='],
  ['≠', '!='],
  ['<', '<'],
  ['>', '>'],
  ['=', '='],
];
const SIGNS: Readonly<Record<string, '+' | '-' | '*' | '/' | '(' | ')' | ','>> = {
  '+': '+',
  '-': '-',
  '−': '-',
  '*': '*',
  '×': '*',
  x: '*',
  '/': '/',
  '÷': '/',
  '(': '(',
  ')': ')',
  ',': ',',
  '、': ',',
};
const QUOTES: Readonly<Record<string, string>> = { '"': '"', '“': '”', '「': '」', '『': '』', "'": "'", '‘': '’' };
/** Where a word that names nothing ends. */
const WORD_END = /[+\-−*×÷/(),<>=!≤≥≠"“「『'‘]/u;

export function tokenize(line: string, names: RuleNames): Token[] {
  const { text, origin } = fold(line);
  const tokens: Token[] = [];
  let at = 0;
  const push = (token: Token, length: number) => {
    tokens.push(token);
    at += length;
  };
  while (at < text.length) {
    const start = origin[at]!;
    const rest = text.slice(at);
    const fn = Object.keys(FUNCTIONS).find((word) => rest.startsWith(`${word}(`));
    if (fn) {
      push({ kind: 'function', name: FUNCTIONS[fn]!, at: start, text: fn }, fn.length);
      continue;
    }
    const name = names.longestAt(text, at);
    const after = name ? text[at + name.length] : undefined;
    if (name && (after === undefined || WORD_END.test(after))) {
      push({ kind: 'name', targets: name.targets, at: start, text: text.slice(at, at + name.length) }, name.length);
      continue;
    }
    const number = /^\d+(\.\d+)?%?/u.exec(rest);
    if (number && !(name && after !== undefined)) {
      push({ kind: 'number', value: Number.parseFloat(number[0]), at: start, text: number[0] }, number[0].length);
      continue;
    }
    const compare = COMPARE.find(([sign]) => rest.startsWith(sign));
    if (compare) {
      push({ kind: 'compare', op: compare[1], at: start, text: compare[0] }, compare[0].length);
      continue;
    }
    const sign = SIGNS[rest[0]!];
    // "x" is a times sign only between two operands, never inside a word.
    if (sign && !(rest[0] === 'x' && !/^x[\d(]/u.test(rest))) {
      push({ kind: 'sign', op: sign, at: start, text: rest[0]! }, 1);
      continue;
    }
    const close = QUOTES[rest[0]!];
    if (close) {
      const end = rest.indexOf(close, 1);
      if (end < 0) throw new RuleSyntaxError(`引号没有配对：${rest[0]} 之后缺少 ${close}`, start);
      push({ kind: 'text', value: rest.slice(1, end), at: start, text: rest.slice(0, end + 1) }, end + 1);
      continue;
    }
    let end = 1;
    while (end < rest.length && !WORD_END.test(rest[end]!)) end++;
    push({ kind: 'unknown', at: start, text: rest.slice(0, end) }, end);
  }
  return tokens;
}

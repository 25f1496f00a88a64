/**
 * Finds a template's mistakes without running it, each with its line and column: Handlebars
 * syntax (an unclosed block), fields that do not exist (checked against template-fields.ts,
 * following {{#each}} and {{#with}} into lists and groups), helpers that do not exist or get the
 * wrong kind of argument, and markup lines that do not start with a known marker. Pure.
 */
import {
  BLOCK_HELPERS,
  createEnvironment,
  type HandlebarsEnvironment,
  HELPER_NAMES,
  parseTemplate,
  type TemplateIssue,
} from './handlebars-env.js';
import type { HelperName } from './helpers.js';
import { MARKERS } from './markers.js';
import { readLine, textOf } from './markup-line.js';
import type { Segment } from './protected-text.js';
import { KIND_LABEL, type ObjectShape, type Shape } from './template-fields.js';

type Node = hbs.AST.Node;
type Expression = hbs.AST.Expression;
type PathExpression = hbs.AST.PathExpression;

interface Scope {
  /** The context's shape; null when unknown (checking stops there rather than guessing). */
  shape: Shape | null;
  parent: Scope | null;
  /** Data variables available here (@index, @first, @last, @key). */
  data: Record<string, Shape>;
  /** Block parameters (as |item|) declared by this scope's block. */
  params: Record<string, Shape | null>;
}

const SCALAR = new Set(['text', 'number', 'boolean', 'date']);

const helperList = HELPER_NAMES.join('、');

function at(node: Node | undefined): { line: number; column: number } {
  const loc = node?.loc;
  return loc ? { line: loc.start.line, column: loc.start.column + 1 } : { line: 1, column: 1 };
}

/** Edit distance counting a swap of neighbours as one edit (titel → title), to suggest the name meant. */
function distance(a: string, b: string): number {
  const same = (x: string, y: string) => x.toLowerCase() === y.toLowerCase();
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (same(a[i - 1]!, b[j - 1]!) ? 0 : 1));
      if (i > 1 && j > 1 && same(a[i - 1]!, b[j - 2]!) && same(a[i - 2]!, b[j - 1]!)) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

function suggestion(name: string, candidates: readonly string[]): string | null {
  let best: { name: string; score: number } | null = null;
  for (const candidate of candidates) {
    const score = distance(name, candidate);
    if (score <= Math.max(1, Math.floor(candidate.length / 3)) && (best === null || score < best.score)) best = { name: candidate, score };
  }
  return best?.name ?? null;
}

const describeKind = (shape: Shape) => KIND_LABEL[shape.kind];

class Checker {
  readonly issues: TemplateIssue[] = [];

  constructor(
    private readonly root: ObjectShape,
    /** A block whose end is a guess (left unclosed): its scope is unknown. */
    private readonly unsure: (block: Node) => boolean = () => false,
  ) {}

  private report(node: Node | undefined, message: string): void {
    this.issues.push({ ...at(node), message });
  }

  /** The shape a path points to, or null (unknown, or already reported). */
  resolve(path: PathExpression, scope: Scope): Shape | null {
    const written = path.original;
    const parts = [...path.parts];
    let shape: Shape | null;
    let prefix: string;
    if (path.data) {
      const head = parts.shift();
      if (head === 'root') {
        shape = this.root;
        prefix = '@root.';
      } else {
        let data: Shape | undefined;
        for (let s: Scope | null = scope; s && !data; s = s.parent) data = s.data[head ?? ''];
        if (!data) {
          this.report(
            path,
            head === 'index' || head === 'first' || head === 'last' || head === 'key'
              ? `「@${head}」只能用在 {{#each}} 中`
              : `没有「@${head}」这个变量`,
          );
          return null;
        }
        if (parts.length > 0) {
          this.report(path, `「@${head}」后面不能再接字段`);
          return null;
        }
        return data;
      }
    } else {
      let target: Scope | null = scope;
      for (let up = 0; up < path.depth && target; up++) target = target.parent;
      if (!target) {
        this.report(path, `「${written}」中的 ../ 超出了最外层`);
        return null;
      }
      const head = parts[0];
      let param: Shape | null | undefined;
      if (path.depth === 0 && head !== undefined && !/^this\b/.test(written)) {
        for (let s: Scope | null = scope; s && param === undefined; s = s.parent) if (Object.hasOwn(s.params, head)) param = s.params[head];
      }
      if (param !== undefined) {
        parts.shift();
        shape = param;
        prefix = `${head}.`;
      } else {
        shape = target.shape;
        prefix = written.startsWith('../') ? written.slice(0, written.lastIndexOf('../') + 3) : '';
      }
    }
    const walked: string[] = [];
    for (const part of parts) {
      if (shape === null) return null;
      if (shape.kind !== 'object') {
        this.report(path, `「${prefix}${walked.join('.')}」是${describeKind(shape)}，没有「${part}」这一项`);
        return null;
      }
      // Without a campaign its tables and their columns are unknown: accept any key there.
      const next: Shape | undefined = shape.fields[part];
      if (!next && (shape.anyColumn || ('keyed' in shape && Object.keys(shape.fields).length === 0))) return null;
      if (!next) {
        const where = `${prefix}${[...walked, part].join('.')}`;
        const close = suggestion(part, Object.keys(shape.fields));
        const atRoot =
          scope.shape !== this.root && walked.length === 0 && !path.data && path.depth === 0 && Object.hasOwn(this.root.fields, part);
        const hint = close
          ? `（是不是「${prefix}${[...walked, close].join('.')}」？）`
          : atRoot
            ? `（在 {{#each}} 或 {{#with}} 中引用外层的字段，请写「@root.${path.parts.join('.')}」）`
            : '';
        this.report(path, `没有「${where}」这个字段${hint}`);
        return null;
      }
      walked.push(part);
      shape = next;
    }
    return shape;
  }

  /** A parameter of a helper or block: a path, a literal, or a helper call in parentheses. */
  expression(node: Expression, scope: Scope): Shape | 'literal' | null {
    switch (node.type) {
      case 'PathExpression':
        return this.resolve(node as PathExpression, scope);
      case 'SubExpression': {
        const sub = node as hbs.AST.SubExpression;
        return this.helperCall(sub.path as PathExpression, sub.params, sub.hash, scope, sub)
          ? { kind: 'text', doc: '', example: '' }
          : null;
      }
      default:
        return 'literal';
    }
  }

  private isHelper(path: Node): boolean {
    const p = path as PathExpression;
    return (
      p.type === 'PathExpression' &&
      !p.data &&
      p.depth === 0 &&
      p.parts.length === 1 &&
      (HELPER_NAMES as readonly string[]).includes(p.parts[0]!) &&
      !/^this\b/.test(p.original)
    );
  }

  /** Checks a call of one of our helpers; false when the name is not a helper (already reported). */
  helperCall(path: PathExpression, params: Expression[], hash: hbs.AST.Hash | undefined, scope: Scope, node: Node): boolean {
    if (!this.isHelper(path)) {
      const close = suggestion(path.original, HELPER_NAMES);
      this.report(path, `不认识的函数「${path.original}」${close ? `（是不是「${close}」？）` : ''}，可用的函数：${helperList}`);
      for (const param of params) this.expression(param, scope);
      return false;
    }
    const name = path.parts[0] as HelperName;
    const args = params.map((param) => ({ node: param, shape: this.expression(param, scope) }));
    const pairs = hash?.pairs ?? [];
    for (const pair of pairs) this.expression(pair.value, scope);
    const first = args[0];
    const expect = (ok: (shape: Shape) => boolean, wanted: string) => {
      if (!first) {
        this.report(node, `函数「${name}」需要一个参数：${wanted}`);
        return;
      }
      if (first.shape !== null && first.shape !== 'literal' && !ok(first.shape)) {
        this.report(
          first.node,
          `函数「${name}」的参数应为${wanted}，「${(first.node as PathExpression).original}」是${describeKind(first.shape)}`,
        );
      }
    };
    const maxParams = name === 'date' || name === 'datetime' || name === 'join' ? 1 : 2;
    if (name === 'atMost' && args.length === 1)
      this.report(node, '函数「atMost」需要两个参数：一个数字字段（或列表）和一个数，例如 {{#if (atMost rows 200)}}');
    if (name === 'endWith' && args.length === 1)
      this.report(node, '函数「endWith」需要两个参数：一个文字字段和结尾的词，例如 {{endWith campaign.title "情况"}}');
    if (args.length > maxParams) {
      // {{join late "、"}} prints the list with the default words: the separator is a named option.
      if (name === 'join')
        this.report(
          args[1]!.node,
          '函数「join」只跟一个列表；分隔符要写成 separator="、"，最后一项前的字写成 and="及"，例如 {{join late separator="，" and="及"}}',
        );
      else this.report(args[maxParams]!.node, `函数「${name}」最多 ${maxParams} 个参数`);
    }
    const allowedHash = name === 'join' ? ['and', 'separator', 'key'] : [];
    for (const pair of pairs) {
      if (!allowedHash.includes(pair.key))
        this.report(
          pair,
          allowedHash.length > 0
            ? `函数「${name}」没有「${pair.key}=」这个选项，可用：${allowedHash.map((key) => `${key}=`).join('、')}`
            : `函数「${name}」没有「${pair.key}=」这个选项`,
        );
    }
    switch (name) {
      case 'date':
      case 'datetime':
        expect((shape) => shape.kind === 'date' || shape.kind === 'text', '时间字段，例如 generatedAt');
        break;
      case 'join':
      case 'count':
        expect((shape) => shape.kind === 'list' || shape.kind === 'object', '列表，例如 circular.missing');
        break;
      case 'number':
        expect((shape) => shape.kind === 'number', '数字字段，例如 totals.departments');
        break;
      case 'atMost':
        expect((shape) => shape.kind === 'number' || shape.kind === 'list', '数字字段或列表，例如 rows');
        break;
      case 'endWith':
        expect((shape) => shape.kind === 'text', '文字字段，例如 campaign.title');
        break;
    }
    return true;
  }

  mustache(node: hbs.AST.MustacheStatement, scope: Scope): void {
    const path = node.path as PathExpression;
    if (path.type !== 'PathExpression') return;
    if (this.isHelper(path)) {
      this.helperCall(path, node.params, node.hash, scope, node);
      // A test prints true or false: it belongs in a block.
      if (path.original === 'atMost') this.report(path, `函数「atMost」是一个判断，要写在块中：{{#if (atMost …)}}…{{else}}…{{/if}}`);
      return;
    }
    if (node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0) {
      this.helperCall(path, node.params, node.hash, scope, node);
      return;
    }
    if ((BLOCK_HELPERS as readonly string[]).includes(path.original)) {
      this.report(path, `「${path.original}」要写成块：{{#${path.original} …}}…{{/${path.original}}}`);
      return;
    }
    const shape = this.resolve(path, scope);
    if (shape && !SCALAR.has(shape.kind)) {
      const how =
        shape.kind === 'list'
          ? `请用 {{#each ${path.original}}}…{{/each}} 逐项写出，或用 {{join ${path.original}}}`
          : `请写出其中的一项，例如 {{${path.original}.${Object.keys((shape as ObjectShape).fields)[0] ?? '…'}}}`;
      this.report(path, `「${path.original}」是${describeKind(shape)}，不能直接写入；${how}`);
    }
  }

  block(node: hbs.AST.BlockStatement, scope: Scope): void {
    const path = node.path;
    const name = path.original;
    if (!(BLOCK_HELPERS as readonly string[]).includes(name)) {
      if (this.isHelper(path)) this.report(path, `函数「${name}」不能写成块 {{#${name}}}，请写成 {{${name} …}}`);
      else this.report(path, `不认识的块「${name}」，可用的块：{{#if}}、{{#unless}}、{{#each}}、{{#with}}`);
      this.program(node.program, scope);
      this.program(node.inverse, scope);
      return;
    }
    const [param, ...extra] = node.params;
    if (!param) {
      this.report(
        path,
        `{{#${name}}} 后面需要写一个字段，例如 {{#${name} ${name === 'each' ? 'late' : name === 'with' ? 'campaign' : 'late'}}}`,
      );
      return;
    }
    if (extra.length > 0) this.report(extra[0], `{{#${name}}} 只能跟一个字段`);
    const shape = this.expression(param, scope);
    const known = shape !== null && shape !== 'literal' && !this.unsure(node) ? shape : null;
    const blockParams = node.program?.blockParams ?? [];
    if (name === 'each') {
      if (known && known.kind !== 'list' && known.kind !== 'object')
        this.report(param, `{{#each}} 需要一个列表，「${(param as PathExpression).original}」是${describeKind(known)}`);
      const item = known?.kind === 'list' ? known.item : known?.kind === 'object' ? null : null;
      const data: Record<string, Shape> = {
        index: { kind: 'number', doc: '', example: '' },
        first: { kind: 'boolean', doc: '', example: '' },
        last: { kind: 'boolean', doc: '', example: '' },
        ...(known?.kind === 'object' ? { key: { kind: 'text' as const, doc: '', example: '' } } : {}),
      };
      const params: Record<string, Shape | null> = {};
      if (blockParams[0]) params[blockParams[0]] = item;
      if (blockParams[1]) params[blockParams[1]] = data.index!;
      this.program(node.program, { shape: item, parent: scope, data, params });
      this.program(node.inverse, scope);
      return;
    }
    if (name === 'with') {
      if (known && known.kind !== 'object')
        this.report(param, `{{#with}} 需要一组字段，「${(param as PathExpression).original}」是${describeKind(known)}`);
      const inner = known?.kind === 'object' ? known : null;
      const params: Record<string, Shape | null> = blockParams[0] ? { [blockParams[0]]: inner } : {};
      this.program(node.program, { shape: inner, parent: scope, data: {}, params });
      this.program(node.inverse, scope);
      return;
    }
    this.program(node.program, scope);
    this.program(node.inverse, scope);
  }

  program(program: hbs.AST.Program | undefined, scope: Scope): void {
    for (const statement of program?.body ?? []) {
      switch (statement.type) {
        case 'MustacheStatement':
          this.mustache(statement as hbs.AST.MustacheStatement, scope);
          break;
        case 'BlockStatement':
          this.block(statement as hbs.AST.BlockStatement, scope);
          break;
        case 'PartialStatement':
        case 'PartialBlockStatement':
          this.report(statement, '模板中不能引用其他模板（{{> …}}）');
          break;
        case 'Decorator':
        case 'DecoratorBlock':
          this.report(statement, '模板中不能使用 {{* …}}');
          break;
        default:
          break;
      }
    }
  }
}

/** Fields and helpers: the Handlebars side of the template. */
export function checkFields(ast: hbs.AST.Program, fields: ObjectShape, unsure: (block: Node) => boolean = () => false): TemplateIssue[] {
  const checker = new Checker(fields, unsure);
  checker.program(ast, { shape: fields, parent: null, data: {}, params: {} });
  return checker.issues;
}

/**
 * `{{…}}` tokens: comments and block tags print nothing; anything else prints a value. A token
 * never holds another `{{`: an unclosed `{{field}` (one brace short) stays text on its own line
 * instead of swallowing the next line up to that line's `}}` (its mistake is Handlebars's to report).
 */
const TOKEN = /\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}|\{\{\{(?:(?!\{\{)[\s\S])*?\}\}\}|\{\{(?:(?!\{\{)[\s\S])*?\}\}/g;

function tokenKind(token: string): 'none' | 'value' {
  if (token.startsWith('{{!')) return 'none';
  if (token.startsWith('{{{')) return 'value';
  const inner = token.slice(2).replace(/^~?\s*/, '');
  return /^[#^/]|^else\b|^>|^\*/.test(inner) ? 'none' : 'value';
}

/**
 * The template's lines as the markup parser will see them: text is markup, a `{{field}}`
 * stands for a value (literal text), block tags and comments vanish.
 */
export function templateLines(source: string): Segment[][] {
  const lines: Segment[][] = source.split(/\r?\n/).map(() => []);
  const lineStarts: number[] = [0];
  for (let index = 0; index < source.length; index++) if (source[index] === '\n') lineStarts.push(index + 1);
  const position = (offset: number) => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= offset) line++;
    return { line, column: offset - lineStarts[line]! };
  };
  const addText = (from: number, to: number) => {
    let start = from;
    while (start < to) {
      const { line, column } = position(start);
      const lineEnd = Math.min(to, line + 1 < lineStarts.length ? lineStarts[line + 1]! - 1 : source.length);
      const text = source.slice(start, lineEnd).replace(/\r$/, '');
      if (text !== '') lines[line]!.push({ text, literal: false, column });
      start = lineEnd + 1;
    }
  };
  let cursor = 0;
  for (const match of source.matchAll(TOKEN)) {
    addText(cursor, match.index);
    if (tokenKind(match[0]) === 'value') {
      const { line, column } = position(match.index);
      lines[line]!.push({ text: '…', literal: true, column });
    }
    cursor = match.index + match[0].length;
  }
  addText(cursor, source.length);
  return lines;
}

/** Markup: every line starts with a known marker; 【表格】 names a table that exists. */
export function checkMarkup(source: string, tableNames: readonly string[]): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  templateLines(source).forEach((segments, index) => {
    const reading = readLine(segments);
    for (const issue of reading.issues) issues.push({ line: index + 1, column: issue.column + 1, message: issue.message });
    for (const item of reading.items) {
      if (MARKERS[item.marker].content === 'required' && item.content.length === 0) {
        issues.push({ line: index + 1, column: item.column + 1, message: `【${item.marker}】后面没有内容` });
      }
      if (item.marker === '表格' && item.content.length > 0 && item.content.every((segment) => !segment.literal)) {
        const name = textOf(item.content);
        if (!tableNames.includes(name)) {
          issues.push({
            line: index + 1,
            column: item.content[0]!.column + 1,
            message: `没有名为「${name}」的表格，可用的表格：${tableNames.join('、')}`,
          });
        }
      }
    }
  });
  return issues;
}

/** Line and column (1-based) of an offset. */
function positionIn(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** The source with comments blanked out (same offsets, same line breaks). */
const withoutComments = (source: string) =>
  source.replace(/\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g, (comment) => comment.replace(/[^\n]/g, ' '));

/** A closing tag put into the source where a block was left open; `at` is an offset of the original. */
interface Insertion {
  at: number;
  text: string;
}

interface BlockScan {
  issues: TemplateIssue[];
  /** Offsets of the opening tags of blocks never closed (where the repair had to guess their end). */
  unclosed: number[];
  /** Stray or mismatched closing tags to blank out (same length, so offsets stay). */
  blanks: { from: number; to: number }[];
  insertions: Insertion[];
}

/**
 * Every unbalanced block at once (Handlebars stops at the first): a closing tag that matches
 * nothing, a closing tag of another block, and each block never closed; and how to balance them
 * (blank the stray closing tags, close what was left open), so that the rest can be checked.
 */
function scanBlocks(source: string): BlockScan {
  const scan: BlockScan = { issues: [], unclosed: [], blanks: [], insertions: [] };
  const stack: { name: string; offset: number; nameOffset: number }[] = [];
  const leftOpen = (open: { name: string; offset: number }, closeAt: number) => {
    scan.issues.push({ ...positionIn(source, open.offset), message: `块 {{#${open.name}}} 没有结束，缺少 {{/${open.name}}}` });
    scan.unclosed.push(open.offset);
    scan.insertions.push({ at: closeAt, text: `{{/${open.name}}}` });
  };
  for (const match of withoutComments(source).matchAll(/\{\{~?\s*([#^/])\s*([^\s}~]+)/g)) {
    const name = match[2]!;
    if (match[1] !== '/') {
      stack.push({ name, offset: match.index, nameOffset: match.index + match[0].length - name.length });
      continue;
    }
    const end = source.indexOf('}}', match.index);
    const tag = { from: match.index, to: end < 0 ? source.length : end + 2 };
    const open = stack.at(-1);
    if (!open) {
      scan.issues.push({ ...positionIn(source, match.index), message: '多余的块结尾 {{/…}}：前面没有对应的 {{#…}}' });
      scan.blanks.push(tag);
    } else if (open.name === name) stack.pop();
    else if (stack.some((item) => item.name === name)) {
      while (stack.at(-1)!.name !== name) leftOpen(stack.pop()!, match.index);
      stack.pop();
    } else {
      stack.pop();
      scan.issues.push({ ...positionIn(source, open.nameOffset), message: `块的开头 {{#${open.name}}} 与结尾 {{/${name}}} 不对应` });
      scan.blanks.push(tag);
      scan.insertions.push({ at: match.index, text: `{{/${open.name}}}` });
    }
  }
  for (const open of stack.reverse()) leftOpen(open, source.length);
  scan.issues.sort((a, b) => a.line - b.line || a.column - b.column);
  return scan;
}

/** Every unbalanced block at once (see scanBlocks). */
export function blockIssues(source: string): TemplateIssue[] {
  return scanBlocks(source).issues;
}

/**
 * The source with its blocks balanced as the scan says, and a way back from a position in it to
 * the original's line and column (the inserted closing tags shift what follows them).
 */
function balanced(
  source: string,
  scan: BlockScan,
): { source: string; original: (line: number, column: number) => { line: number; column: number } } {
  let text = source;
  for (const blank of scan.blanks)
    text = text.slice(0, blank.from) + text.slice(blank.from, blank.to).replace(/[^\n]/g, ' ') + text.slice(blank.to);
  const insertions = [...scan.insertions].sort((a, b) => a.at - b.at);
  let out = '';
  let cursor = 0;
  for (const insertion of insertions) {
    out += text.slice(cursor, insertion.at) + insertion.text;
    cursor = insertion.at;
  }
  out += text.slice(cursor);
  const starts: number[] = [0];
  for (let index = 0; index < out.length; index++) if (out[index] === '\n') starts.push(index + 1);
  const original = (line: number, column: number) => {
    let offset = (starts[line - 1] ?? 0) + column - 1;
    let shift = 0;
    for (const insertion of insertions) {
      if (insertion.at + shift + insertion.text.length > offset) break;
      shift += insertion.text.length;
    }
    offset -= shift;
    return positionIn(source, offset);
  };
  return { source: out, original };
}
/**
 * Braces that print nothing and raise no Handlebars error: full-width ｛｛…｝｝ typed with a
 * Chinese input method, and single braces {field}. Both come out as literal text.
 */
export function braceIssues(source: string): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const text = withoutComments(source);
  const seenLines = new Set<number>();
  for (const match of text.matchAll(/[｛﹛][｛﹛{]?|\{[｛﹛]/g)) {
    const at = positionIn(source, match.index);
    if (seenLines.has(at.line)) continue;
    seenLines.add(at.line);
    issues.push({ ...at, message: '这里是全角大括号「｛｛」（中文输入法打出的），不会填入数据；请切换到英文输入，改成半角的 {{ }}' });
  }
  for (const match of text.matchAll(/(?<!\{)\{(?!\{)\s*([#/]?[A-Za-z@][\w.@/ ="]*?)\s*\}(?!\})/g)) {
    issues.push({
      ...positionIn(source, match.index),
      message: `单个大括号「{${match[1]}}」不会填入数据，数据字段要写成两层大括号「{{${match[1]}}}」`,
    });
  }
  return issues;
}

/**
 * Fields and helpers of a template whose blocks do not balance: checked on a copy with the stray
 * closing tags blanked and the open blocks closed, so that a mistake after an unclosed block is
 * still found (every mistake at once). Inside an {{#each}} or {{#with}} whose end had to be
 * guessed, fields are not checked: the scope there is a guess too. Null when even the copy does
 * not parse.
 */
function checkUnbalanced(source: string, scan: BlockScan, fields: ObjectShape, env: HandlebarsEnvironment): TemplateIssue[] | null {
  const repaired = balanced(source, scan);
  const parsed = parseTemplate(env, repaired.source);
  if (!parsed.ok) return null;
  const guessed = new Set(scan.unclosed.map((offset) => JSON.stringify(positionIn(source, offset))));
  const unsure = (node: Node) => {
    const { line, column } = at(node);
    return guessed.has(JSON.stringify(repaired.original(line, column)));
  };
  return checkFields(parsed.ast, fields, unsure).map((issue) => ({ ...issue, ...repaired.original(issue.line, issue.column) }));
}

/** Every mistake of one template, in line order. */
export function checkTemplate(
  source: string,
  fields: ObjectShape,
  tableNames: readonly string[],
  env: HandlebarsEnvironment = createEnvironment(),
): TemplateIssue[] {
  const parsed = parseTemplate(env, source);
  const handlebars = parsed.ok
    ? checkFields(parsed.ast, fields)
    : (() => {
        const scan = scanBlocks(source);
        if (scan.issues.length === 0) return [parsed.issue];
        return [...scan.issues, ...(checkUnbalanced(source, scan, fields, env) ?? [])];
      })();
  return [...handlebars, ...braceIssues(source), ...checkMarkup(source, tableNames)].sort((a, b) => a.line - b.line || a.column - b.column);
}

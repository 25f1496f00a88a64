/**
 * The Handlebars set-up for official documents: an isolated environment (Handlebars.create())
 * holding only our helpers, no HTML escaping (the output is markup, not HTML), strict field
 * lookup and knownHelpersOnly. Handlebars compiles the clerk's template and nothing else:
 * data values are passed in, never compiled, so a `{{…}}` a unit typed stays text.
 */
import type HandlebarsNamespace from 'handlebars';
import { requirePackage } from '../../intake/kernel/require-package.js';
import { HELPER_FUNCTIONS, HELPERS, type HelperName } from './helpers.js';

// Required, not imported: an import of a CommonJS package first scans it for its exports (require-package.ts).
const Handlebars = requirePackage('handlebars') as typeof HandlebarsNamespace;

export interface TemplateIssue {
  /** 1-based line and column in the template file. */
  line: number;
  column: number;
  message: string;
}

export const HELPER_NAMES = Object.keys(HELPERS) as HelperName[];
export const BLOCK_HELPERS = ['if', 'unless', 'each', 'with'] as const;

export const COMPILE_OPTIONS = {
  noEscape: true,
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries(HELPER_NAMES.map((name) => [name, true])),
} as const;

export type HandlebarsEnvironment = ReturnType<typeof Handlebars.create>;

export function createEnvironment(): HandlebarsEnvironment {
  const env = Handlebars.create();
  // Only the helpers official writing needs; lookup and log are of no use to a clerk.
  env.unregisterHelper('lookup');
  env.unregisterHelper('log');
  for (const name of HELPER_NAMES) env.registerHelper(name, HELPER_FUNCTIONS[name]);
  return env;
}

let shared: HandlebarsEnvironment | null = null;

/** The environment the documents of this thread are filled in: one, so a template compiled once serves every later fill. */
export function documentEnvironment(): HandlebarsEnvironment {
  shared ??= createEnvironment();
  return shared;
}

/**
 * Templates parsed and compiled in this thread, by environment and source text: a template is
 * the same function of its text whenever it is filled, so the text is the key (an edited
 * template is another text, compiled anew). Parsing and compiling the two documents' templates
 * is ~70 ms; the documents' worker does it while the merge is still under way (prepareTemplate),
 * and the console's writer fills the same templates at every decision. The newest few are kept.
 */
interface Prepared {
  parsed: ParseOutcome;
  template?: HandlebarsTemplateDelegate;
}
const KEPT_TEMPLATES = 8;
const prepared = new WeakMap<HandlebarsEnvironment, Map<string, Prepared>>();

function preparedOf(env: HandlebarsEnvironment, source: string): Prepared {
  const byText = prepared.get(env) ?? new Map<string, Prepared>();
  prepared.set(env, byText);
  let entry = byText.get(source);
  if (entry) {
    // Newest last: the oldest is the first to go.
    byText.delete(source);
    byText.set(source, entry);
    return entry;
  }
  entry = { parsed: parseAnew(env, source) };
  byText.set(source, entry);
  if (byText.size > KEPT_TEMPLATES) byText.delete(byText.keys().next().value!);
  return entry;
}

/**
 * Compiles the template now rather than at its first fill (Handlebars compiles lazily): the
 * precompiled form, made into a template of this environment, is what `compile` would build.
 */
function compiledOf(env: HandlebarsEnvironment, source: string, entry: Prepared): HandlebarsTemplateDelegate {
  if (!entry.template) {
    const spec = env.precompile(source, COMPILE_OPTIONS) as unknown as string;
    entry.template = env.template(new Function(`return ${spec}`)() as TemplateSpecification);
  }
  return entry.template;
}

/** Parses and compiles a template ahead of its fill; a template with mistakes is left for the fill to report. */
export function prepareTemplate(source: string, env: HandlebarsEnvironment = documentEnvironment()): void {
  const entry = preparedOf(env, source);
  if (entry.parsed.ok) {
    try {
      compiledOf(env, source, entry);
    } catch {
      // Reported by fillTemplate, with its line and column.
    }
  }
}

/** Where the opening `{{#name` of the block left open is: the last one not closed. */
function unclosedBlock(source: string): { line: number; column: number; name: string } | null {
  const stack: { name: string; index: number }[] = [];
  for (const match of source.matchAll(/\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}|\{\{~?\s*([#^/])\s*([^\s}~]+)/g)) {
    if (!match[1]) continue;
    if (match[1] === '/') {
      if (stack.at(-1)?.name === match[2]) stack.pop();
    } else {
      stack.push({ name: match[2]!, index: match.index });
    }
  }
  const open = stack.at(-1);
  if (!open) return null;
  const before = source.slice(0, open.index).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1, name: open.name };
}

/**
 * Handlebars' English parse errors → one Chinese issue with a line and column. The jison
 * parser keeps the position of the token it stopped at in its lexer.
 */
function parseIssue(env: HandlebarsEnvironment, source: string, error: Error): TemplateIssue {
  const message = error.message;
  const mismatch = /^(\S+) doesn't match (\S+) - (\d+):(\d+)/.exec(message);
  if (mismatch) {
    return {
      line: Number(mismatch[3]),
      column: Number(mismatch[4]) + 1,
      message: `块的开头 {{#${mismatch[1]}}} 与结尾 {{/${mismatch[2]}}} 不对应`,
    };
  }
  const lexer = (env as unknown as { Parser?: { lexer?: { yylloc?: { first_line: number; first_column: number } } } }).Parser?.lexer
    ?.yylloc;
  const at = lexer
    ? { line: lexer.first_line, column: lexer.first_column + 1 }
    : { line: Number(/line (\d+)/.exec(message)?.[1] ?? 1), column: 1 };
  const got = /got '([^']+)'/.exec(message)?.[1];
  if (got === 'EOF') {
    const open = unclosedBlock(source);
    if (open) return { line: open.line, column: open.column, message: `块 {{#${open.name}}} 没有结束，缺少 {{/${open.name}}}` };
    return { ...at, message: '模板在结尾处不完整（有未写完的 {{ }}）' };
  }
  if (got === 'OPEN_ENDBLOCK') return { ...at, message: '多余的块结尾 {{/…}}：前面没有对应的 {{#…}}' };
  if (/Lexical error/.test(message)) return { ...at, message: '无法识别的 {{ }} 写法（注释应写成 {{!-- … --}}）' };
  if (got === 'CLOSE' || got === 'CLOSE_RAW_BLOCK' || got === 'CLOSE_UNESCAPED') return { ...at, message: '{{ }} 中的内容不完整' };
  if (got === 'INVALID') return { ...at, message: '{{ }} 中有无法识别的字符（字段名由字母、数字组成，用 . 连接）' };
  return { ...at, message: `{{ }} 写法有误（${got ? `此处不应出现 ${got}` : message.split('\n')[0]}）` };
}

export type ParseOutcome = { ok: true; ast: hbs.AST.Program } | { ok: false; issue: TemplateIssue };

/** The template's syntax tree (read, never changed, by its users), or its first mistake. */
export function parseTemplate(env: HandlebarsEnvironment, source: string): ParseOutcome {
  return preparedOf(env, source).parsed;
}

function parseAnew(env: HandlebarsEnvironment, source: string): ParseOutcome {
  try {
    return { ok: true, ast: env.parse(source) };
  } catch (error) {
    return { ok: false, issue: parseIssue(env, source, error as Error) };
  }
}

export type RenderOutcome = { ok: true; text: string } | { ok: false; issue: TemplateIssue };

/** Fills the template with the (protected) data. A mistake becomes an issue, never an exception. */
export function fillTemplate(env: HandlebarsEnvironment, source: string, data: unknown): RenderOutcome {
  const entry = preparedOf(env, source);
  if (!entry.parsed.ok) return entry.parsed;
  try {
    return { ok: true, text: compiledOf(env, source, entry)(data) };
  } catch (error) {
    const { lineNumber, column, message } = error as { lineNumber?: number; column?: number; message: string };
    const field = /^"([^"]+)" not defined/.exec(message)?.[1];
    const helper = /unknown helper (\S+)/.exec(message)?.[1];
    const text = field ? `没有「${field}」这个字段` : helper ? `不认识的函数「${helper}」` : `模板无法生成：${message.split(' - ')[0]}`;
    return { ok: false, issue: { line: lineNumber ?? 1, column: (column ?? 0) + 1, message: text } };
  }
}

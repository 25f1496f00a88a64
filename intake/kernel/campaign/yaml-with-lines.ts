/**
 * The clerk's YAML files (campaign.yaml, decisions.yaml), parsed with their line numbers kept:
 * a clerk edits them by hand and every mistake must say where it is.
 */
import { isNode, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import { HuizongError } from '../errors.js';

export interface YamlWithLines {
  data: unknown;
  /** The line of the node at `path`, or of its nearest existing parent (a missing key); undefined for an empty file. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
  /**
   * Line and column of the text character `offset` of the scalar at `path` (a rule line whose
   * mistake is at that offset), when the scalar is written on one line; else undefined.
   */
  positionIn(path: readonly PropertyKey[], offset: number): { line: number; col: number } | undefined;
}

export interface YamlReadOptions {
  /**
   * Keys whose values are text whatever they look like: a plain scalar there is taken as written.
   * (A message id such as 123456789012 or 1234e5678901 is hex, but YAML reads it as a number.)
   */
  textKeys?: ReadonlySet<string>;
}

/** Parses `text`; a syntax error becomes a CONFIG error with one detail per mistake, naming `fileName`. */
export function parseYamlWithLines(fileName: string, text: string, options: YamlReadOptions = {}): YamlWithLines {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new HuizongError('CONFIG', `${fileName} 不是有效的 YAML`, {
      details: document.errors.map((error) => {
        const pos = lineCounter.linePos(error.pos[0]);
        return `${fileName} 第 ${pos.line} 行第 ${pos.col} 列：${error.message.split('\n')[0]}`;
      }),
    });
  }
  const textKeys = options.textKeys;
  if (textKeys) {
    visit(document, {
      Pair(_, pair) {
        if (!isScalar(pair.key) || !isScalar(pair.value) || !textKeys.has(String(pair.key.value))) return;
        if (pair.value.type === 'PLAIN' && typeof pair.value.value !== 'string' && pair.value.source !== undefined)
          pair.value.value = pair.value.source;
      },
    });
  }
  return {
    data: document.toJS(),
    lineOf(path) {
      const keys = path.filter((part): part is string | number => typeof part !== 'symbol');
      for (let depth = keys.length; depth >= 0; depth--) {
        const node = depth === 0 ? document.contents : document.getIn(keys.slice(0, depth), true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    },
    positionIn(path, offset) {
      const keys = path.filter((part): part is string | number => typeof part !== 'symbol');
      const node = document.getIn(keys, true);
      if (!isScalar(node) || !node.range || typeof node.source !== 'string') return undefined;
      const start = lineCounter.linePos(node.range[0]);
      const end = lineCounter.linePos(node.range[1]);
      if (start.line !== end.line && node.type !== 'PLAIN') return undefined;
      const quote = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
      return { line: start.line, col: start.col + quote + offset };
    },
  };
}

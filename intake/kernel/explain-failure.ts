/**
 * What a library's exception means, in words the clerk can act on. The raw text ("End of central
 * directory record signature not found", "Cannot read properties of undefined") is English and
 * names the library's insides; the clerk reads the Chinese explanation, the raw text is kept in
 * the problem's `detail` for `--debug` and the analysis log.
 */

const EXPLANATIONS: readonly [RegExp, string][] = [
  [
    /central directory|end of central|zip|signature not found|invalid (zip|archive)|unexpected end of (file|data)|corrupt(ed)? (zip|deflate)|invalid (block|distance|stored block|code lengths)/i,
    '压缩结构不完整或已损坏，文件可能被截断或在传输中损坏',
  ],
  [/max allowed child nodes|too many (nodes|parts)|maximum call stack|nesting/i, '内容结构过于复杂，嵌套或部分过多'],
  [
    /(unexpected|invalid|unclosed|unbound|non-whitespace|text data outside).*(xml|tag|element|attribute|namespace|prefix|root)|xml|sax|disallowed character|unexpected close tag/i,
    '内部 XML 格式不正确',
  ],
  [/password|encrypt/i, '文件设有密码'],
  [/out of memory|allocation failed|array buffer allocation|invalid array length|invalid string length/i, '内容过大，超出可用内存'],
  [/cannot read propert|undefined|null|is not a function|is not iterable|not an object/i, '文件中缺少必要的部分或结构异常'],
];

/** A Chinese explanation of a raw exception text; never the raw text itself. */
export function explainFailure(raw: string): string {
  for (const [pattern, explanation] of EXPLANATIONS) if (pattern.test(raw)) return explanation;
  return '文件内容无法按其格式解析';
}

/** The raw text to keep for `--debug` and the log: the first line of the message, bounded. */
export function failureDetail(cause: unknown): string {
  const text = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  return text.slice(0, 300);
}

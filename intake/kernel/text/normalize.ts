/**
 * Text normalisation shared by header matching, name matching and value parsing.
 * NFKC folds 全角 letters, digits and brackets to their ASCII forms (（个） → (个), １２ → 12).
 */

/** NFKC, then every kind of whitespace (including line breaks inside Excel cells) removed. */
export function compact(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u3000\u00a0\u200b\ufeff]+/gu, '');
}

/** For name and label comparison: compact, and punctuation that people add or drop removed. */
export function looseKey(text: string): string {
  return compact(text).replace(/[()（）[\]【】《》<>「」『』"'“”‘’:：·.,，、;；_\-—–]/gu, '');
}

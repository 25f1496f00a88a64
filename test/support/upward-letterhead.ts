/**
 * The summary template's upward-document 版头 is a Handlebars comment; the clerk switches it on
 * by deleting the comment's opening and closing lines. This does the same.
 */
export const withUpwardLetterhead = (source: string): string => source.replace(/\{\{!--\r?\n(【发文机关标志】[\s\S]*?)--\}\}\r?\n/u, '$1');

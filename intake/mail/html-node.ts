/**
 * A mail body's HTML as a plain tree: htmlparser2's document, seen through the few fields its
 * readers use. The finder of 超大附件 blocks (large-attachments.ts) and the reader of tables pasted
 * into the body (pipeline/extract/html-tables.ts) walk the same shape, parsed the same way.
 */
import { parseDocument } from 'htmlparser2';

export interface HtmlNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: HtmlNode[];
}

export function parseHtml(html: string): HtmlNode {
  return parseDocument(html, { decodeEntities: true }) as unknown as HtmlNode;
}

/**
 * The server's receive time of a message read from a file: the date of the topmost Received:
 * header, added by the last server that handled it (the office's own). The sender's Date: header
 * is the sender's clock and is used only when no server stamped the message.
 */

/** Parses an RFC 5322 date as found in mail headers; null when it is not a date. */
export function parseMailDate(text: string): Date | null {
  const cleaned = text
    .replace(/\([^)]*\)/g, ' ') // comments such as "(CST)"
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned === '') return null;
  const ms = Date.parse(cleaned);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** The date after the last ';' of one (unfolded) Received header value. */
export function dateOfReceivedHeader(value: string): Date | null {
  const semicolon = value.lastIndexOf(';');
  if (semicolon < 0) return null;
  return parseMailDate(value.slice(semicolon + 1));
}

/**
 * Header lines in order as mailparser returns them ({ key, line }). The first Received line is
 * the topmost, i.e. the last hop.
 */
export function topmostReceivedDate(headerLines: readonly { key: string; line: string }[]): Date | null {
  const first = headerLines.find((header) => header.key === 'received');
  if (!first) return null;
  const value = first.line.replace(/^[^:]*:/, '').replace(/\r?\n[ \t]+/g, ' ');
  return dateOfReceivedHeader(value);
}

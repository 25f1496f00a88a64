/**
 * Whether a stored message was written by a machine (an out-of-office answer, a list, our own
 * outbound mail coming back): such a message never gets a receipt, or two robots would answer
 * each other forever (RFC 3834). Pure: the header block in, a reason out.
 */

/** The header our own messages carry (with Auto-Submitted), so intake and receipts know them. */
export const OWN_HEADER = 'X-Huizong-Outbox';

/** The header block of a raw message (up to the first empty line), unfolded, as latin1 text. */
export function headerBlock(raw: Uint8Array): string {
  const buffer = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const ends = [buffer.indexOf('\r\n\r\n'), buffer.indexOf('\n\n')].filter((index) => index >= 0);
  const block = buffer.subarray(0, ends.length > 0 ? Math.min(...ends) : Math.min(buffer.length, 256 * 1024)).toString('latin1');
  return block.replace(/\r?\n(?=[ \t])/g, ' ');
}

function headerValues(block: string, name: string): string[] {
  const prefix = `${name.toLowerCase()}:`;
  return block
    .split(/\r?\n/)
    .filter((line) => line.toLowerCase().startsWith(prefix))
    .map((line) => line.slice(prefix.length).trim());
}

/** The Chinese reason a message is machine-written, or null when a person sent it. */
export function machineWritten(block: string): string | null {
  if (headerValues(block, OWN_HEADER).length > 0) return '汇总自己发出的邮件';
  const submitted = headerValues(block, 'Auto-Submitted').find((value) => value.toLowerCase().split(/[;\s]/)[0] !== 'no');
  if (submitted) return `自动发送的邮件（Auto-Submitted: ${submitted}）`;
  const precedence = headerValues(block, 'Precedence').find((value) => /^(bulk|junk|list|auto_reply)\b/i.test(value));
  if (precedence) return `群发或自动回复邮件（Precedence: ${precedence}）`;
  for (const name of ['X-Autoreply', 'X-Autorespond', 'X-Auto-Reply']) {
    if (headerValues(block, name).length > 0) return `自动回复邮件（${name}）`;
  }
  return null;
}

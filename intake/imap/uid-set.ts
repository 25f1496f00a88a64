/**
 * IMAP sequence sets for lists of UIDs: "3:7,9,12:14". Short commands even for thousands of
 * consecutive messages. Pure.
 */

/** UIDs (any order, duplicates allowed) as a compact sequence set; "" for none. */
export function uidSet(uids: readonly number[]): string {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const ranges: string[] = [];
  let start = sorted[0];
  let end = start;
  for (const uid of sorted.slice(1)) {
    if (uid === end! + 1) {
      end = uid;
      continue;
    }
    ranges.push(start === end ? `${start}` : `${start}:${end}`);
    start = uid;
    end = uid;
  }
  if (start !== undefined) ranges.push(start === end ? `${start}` : `${start}:${end}`);
  return ranges.join(',');
}

/** Splits a list into consecutive pieces of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const pieces: T[][] = [];
  for (let index = 0; index < items.length; index += size) pieces.push(items.slice(index, index + size));
  return pieces;
}

/**
 * Splits messages into download batches: at most `maxCount` messages and `maxBytes` bytes each
 * (a message larger than `maxBytes` goes alone), so memory stays bounded however big the poll.
 */
export function sizeBatches<T extends { size: number }>(items: readonly T[], maxCount: number, maxBytes: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    if (current.length > 0 && (current.length >= maxCount || bytes + item.size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += item.size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

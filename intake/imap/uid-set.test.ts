import { describe, expect, it } from 'vitest';
import { chunks, sizeBatches, uidSet } from './uid-set.js';

describe('uidSet', () => {
  it('writes runs as ranges, in order, once each', () => {
    expect(uidSet([9, 3, 4, 5, 7, 12, 13, 14, 4])).toBe('3:5,7,9,12:14');
    expect(uidSet([42])).toBe('42');
    expect(uidSet([])).toBe('');
  });
});

describe('chunks', () => {
  it('cuts a list into pieces of at most the given size', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 3)).toEqual([]);
  });
});

describe('sizeBatches', () => {
  it('bounds every batch by count and bytes, a big message going alone', () => {
    const items = [10, 10, 10, 50, 200, 5, 5].map((size, uid) => ({ uid, size }));
    const batches = sizeBatches(items, 3, 60);
    expect(batches.map((batch) => batch.map((item) => item.uid))).toEqual([[0, 1, 2], [3], [4], [5, 6]]);
  });
});

import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipPackage } from './zip-package.js';

describe('zipPackage', () => {
  it('writes parts any zip reader opens, in order, the same bytes every time', () => {
    const parts = [
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.from(`<w:document>${'表格'.repeat(10_000)}</w:document>`) },
    ];
    const when = new Date('2013-08-20T02:00:00Z');
    const zip = zipPackage(parts, when);
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(['[Content_Types].xml', 'word/document.xml']);
    expect(strFromU8(files['word/document.xml']!)).toBe(parts[1]!.data.toString());
    expect(zip.length).toBeLessThan(parts[1]!.data.length / 10);
    expect(zipPackage(parts, when).equals(zip)).toBe(true);
  });
});

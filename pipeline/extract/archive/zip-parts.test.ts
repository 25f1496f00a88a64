import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { inflateEntrySync, listZipEntries } from './zip-parts.js';

/** A zip whose directory claims `declared` bytes for its only entry, whatever it holds. */
function lyingZip(text: string, declared: number): Buffer {
  const zip = Buffer.from(zipSync({ 'a.xml': strToU8(text) }));
  const central = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  zip.writeUInt32LE(declared, central + 24);
  zip.writeUInt32LE(declared, 22); // local header too
  return zip;
}

describe('zip parts', () => {
  it('inflates an entry', async () => {
    const zip = Buffer.from(zipSync({ 'a.xml': strToU8('<a>中文</a>') }));
    const [entry] = await listZipEntries(zip);
    expect(inflateEntrySync(zip, entry!, 1024)?.toString('utf8')).toBe('<a>中文</a>');
  });

  it('stops at the cap whatever the directory claims', async () => {
    const zip = lyingZip('<a/>'.repeat(1_000_000), 100);
    const [entry] = await listZipEntries(zip);
    expect(entry!.uncompressedSize).toBe(100);
    expect(inflateEntrySync(zip, entry!, 64 * 1024)).toBeNull();
  });

  it('refuses an entry that is not the size it claims', async () => {
    const zip = lyingZip('<a/>'.repeat(100), 10);
    const [entry] = await listZipEntries(zip);
    expect(() => inflateEntrySync(zip, entry!, 1 << 20)).toThrow(/size differs/);
  });
});

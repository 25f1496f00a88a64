/**
 * Generated OLE compound files for tests: a legacy workbook's root streams as Excel writes
 * them, with what real files add (an embedded Word document in a sub-storage, a "password to
 * modify" record before the encryption record). Written with cfb, the reader huizong uses.
 */
import CFB from 'cfb';

const BOF_BIFF8 = [0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00, 0xbb, 0x0d, 0xcc, 0x07, 0x00, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00];
const record = (type: number, body: number[] = []) => [type & 0xff, type >> 8, body.length & 0xff, body.length >> 8, ...body];
const WRITEPROT = record(0x0086);
/** FILEPASS, RC4 (type 1) with a dummy header. */
const FILEPASS = record(0x002f, [0x01, 0x00, 0x01, 0x00, 0x01, 0x00, ...new Array(48).fill(0x11)]);
const EOF_RECORD = record(0x000a);

export interface OleSpec {
  /** A Word document embedded as an object (sub-storage with its own WordDocument stream). */
  embeddedWord?: boolean;
  /** Encrypted (FILEPASS after BOF), optionally behind a WRITEPROT record. */
  password?: 'open' | 'open-and-modify';
}

export function legacyWorkbook(spec: OleSpec = {}): Buffer {
  const container = CFB.utils.cfb_new();
  const protection = spec.password === 'open' ? FILEPASS : spec.password === 'open-and-modify' ? [...WRITEPROT, ...FILEPASS] : [];
  // Padded past 4 KB so that the stream lives in regular sectors, as real workbooks do.
  const workbook = [...BOF_BIFF8, ...protection, ...EOF_RECORD, ...new Array(5000).fill(0)];
  CFB.utils.cfb_add(container, 'Workbook', Buffer.from(workbook));
  if (spec.embeddedWord) CFB.utils.cfb_add(container, 'MBD0435D8BE/WordDocument', Buffer.from(new Array(5000).fill(0x20)));
  return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
}

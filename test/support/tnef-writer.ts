/**
 * Writes winmail.dat (TNEF, MS-OXTNEF) files the way Outlook does for tests: the message
 * attributes, then per attachment attAttachRendData, attAttachTitle (8.3 name in the OEM code
 * page), attAttachData and attAttachment with PR_ATTACH_LONG_FILENAME in Unicode. Outlook is
 * not here; the Debian `tnef` program must list each file this writes (`tnef -t`).
 */
import iconv from 'iconv-lite';

function attribute(level: number, id: number, data: Buffer): Buffer {
  const head = Buffer.alloc(9);
  head[0] = level;
  head.writeUInt32LE(id >>> 0, 1);
  head.writeUInt32LE(data.length, 5);
  let sum = 0;
  for (const byte of data) sum = (sum + byte) & 0xffff;
  const checksum = Buffer.alloc(2);
  checksum.writeUInt16LE(sum);
  return Buffer.concat([head, data, checksum]);
}

const u32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value >>> 0);
  return buffer;
};
const padded = (buffer: Buffer) => Buffer.concat([buffer, Buffer.alloc(((buffer.length + 3) & ~3) - buffer.length)]);

function longNameProps(name: string): Buffer {
  const value = Buffer.from(`${name}\0`, 'utf16le');
  // One property: PT_UNICODE (0x001F), PR_ATTACH_LONG_FILENAME (0x3707), one value.
  return Buffer.concat([u32(1), Buffer.from([0x1f, 0x00, 0x07, 0x37]), u32(1), u32(value.length), padded(value)]);
}

export function writeTnef(files: readonly { name: string; content: Buffer }[]): Buffer {
  const parts: Buffer[] = [u32(0x223e9f78), Buffer.from([0x01, 0x00])];
  parts.push(attribute(1, 0x00089006, u32(0x00010000))); // attTnefVersion
  parts.push(attribute(1, 0x00069007, Buffer.concat([u32(936), u32(0)]))); // attOemCodepage: GBK
  parts.push(attribute(1, 0x00078008, Buffer.from('IPM.Microsoft Mail.Note\0', 'latin1'))); // attMessageClass
  for (const file of files) {
    const rend = Buffer.alloc(14);
    rend.writeUInt16LE(1, 0); // attachment type: file
    rend.writeInt32LE(-1, 2);
    parts.push(attribute(2, 0x00069002, rend));
    parts.push(attribute(2, 0x00018010, Buffer.concat([iconv.encode(file.name, 'gbk'), Buffer.from([0])])));
    parts.push(attribute(2, 0x0006800f, file.content));
    parts.push(attribute(2, 0x00069005, longNameProps(file.name)));
  }
  return Buffer.concat(parts);
}

/**
 * Writes Outlook .msg files (MS-OXMSG: a compound file) for tests, with cfb: a subject, a
 * sender, and file attachments named by PR_ATTACH_LONG_FILENAME in Unicode. Outlook is not here;
 * the structure follows MS-OXMSG §2 (property streams with the 32-byte / 8-byte headers, one
 * storage per attachment) so that a reader written against real Outlook files opens it.
 */
import CFB from 'cfb';

const u32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value >>> 0);
  return buffer;
};

/** A property stream: header, then one 16-byte entry per (variable-size) property. */
function propertyStream(header: Buffer, props: readonly { tag: number; size: number }[]): Buffer {
  const entries = props.map((prop) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt32LE(prop.tag >>> 0, 0);
    entry.writeUInt32LE(0x6, 4); // readable, writable
    entry.writeUInt32LE(prop.size, 8);
    return entry;
  });
  return Buffer.concat([header, ...entries]);
}

const hex = (tag: number) => tag.toString(16).toUpperCase().padStart(8, '0');
const unicode = (text: string) => Buffer.from(`${text}\0`, 'utf16le');

export function writeMsg(message: {
  subject: string;
  from: string;
  body: string;
  attachments: readonly { name: string; content: Buffer }[];
}): Buffer {
  const cfb = CFB.utils.cfb_new();
  const add = (path: string, content: Buffer) => CFB.utils.cfb_add(cfb, path, content);
  const top: { tag: number; value: Buffer }[] = [
    { tag: 0x001a001f, value: unicode('IPM.Note') },
    { tag: 0x0037001f, value: unicode(message.subject) },
    { tag: 0x0c1f001f, value: unicode(message.from) },
    { tag: 0x1000001f, value: unicode(message.body) },
  ];
  for (const prop of top) add(`/__substg1.0_${hex(prop.tag)}`, prop.value);
  // Top-level header: 8 reserved, next recipient id, next attachment id, recipient count, attachment count, 8 reserved.
  const header = Buffer.concat([
    Buffer.alloc(8),
    u32(0),
    u32(message.attachments.length),
    u32(0),
    u32(message.attachments.length),
    Buffer.alloc(8),
  ]);
  add(
    '/__properties_version1.0',
    propertyStream(
      header,
      top.map((prop) => ({ tag: prop.tag, size: prop.value.length })),
    ),
  );
  message.attachments.forEach((file, index) => {
    const dir = `/__attach_version1.0_#${index.toString(16).toUpperCase().padStart(8, '0')}`;
    const props = [
      { tag: 0x3707001f, value: unicode(file.name) },
      { tag: 0x3704001f, value: unicode(file.name.slice(-12)) },
      { tag: 0x3001001f, value: unicode(file.name) },
      { tag: 0x37010102, value: file.content },
    ];
    for (const prop of props) add(`${dir}/__substg1.0_${hex(prop.tag)}`, prop.value);
    const method = Buffer.alloc(16);
    method.writeUInt32LE(0x37050003, 0); // PR_ATTACH_METHOD = ATTACH_BY_VALUE (1)
    method.writeUInt32LE(0x6, 4);
    method.writeUInt32LE(1, 8);
    add(
      `${dir}/__properties_version1.0`,
      Buffer.concat([
        propertyStream(
          Buffer.alloc(8),
          props.map((prop) => ({ tag: prop.tag, size: prop.value.length })),
        ),
        method,
      ]),
    );
  });
  add('/__nameid_version1.0/__substg1.0_00020102', Buffer.alloc(0));
  add('/__nameid_version1.0/__substg1.0_00030102', Buffer.alloc(0));
  add('/__nameid_version1.0/__substg1.0_00040102', Buffer.alloc(0));
  CFB.utils.cfb_del(cfb, '/\u0001Sh33tJ5');
  return Buffer.from(CFB.write(cfb, { type: 'buffer', fileType: 'cfb' }) as Uint8Array);
}

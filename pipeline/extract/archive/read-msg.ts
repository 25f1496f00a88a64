/**
 * The attachments of an Outlook .msg item (MS-OXMSG), read with @kenjiuno/msgreader: units
 * drag a mail from Outlook into a new mail, and the statistics table travels inside it. Each
 * file attachment comes out by its long file name; a message attached to the .msg is opened
 * the same way, one level down. Pure: bytes in, files out; a damaged file throws.
 */
import { createRequire } from 'node:module';
import type { FieldsData } from '@kenjiuno/msgreader';

export interface MsgFile {
  name: string;
  content: Buffer;
}

type MsgReaderConstructor = new (
  content: ArrayBuffer | DataView | Buffer,
) => { getFileData(): FieldsData; getAttachment(attachment: FieldsData): { fileName: string; content: Uint8Array } };
let reader: MsgReaderConstructor | undefined;

/** A CommonJS package: loaded with require on first use. */
function msgReader(): MsgReaderConstructor {
  if (!reader) {
    const loaded = createRequire(import.meta.url)('@kenjiuno/msgreader') as { default?: MsgReaderConstructor } & MsgReaderConstructor;
    reader = loaded.default ?? loaded;
  }
  return reader;
}

export function readMsg(content: Buffer): { subject: string; senderAddress: string | null; files: MsgFile[] } {
  const Reader = msgReader();
  const message = new Reader(content);
  const fields = message.getFileData();
  if (fields.error) throw new Error(fields.error);
  const files: MsgFile[] = [];
  (fields.attachments ?? []).forEach((attachment: FieldsData, index: number) => {
    if (attachment.innerMsgContent) {
      // An e-mail attached to the e-mail: its own attachments, under its subject.
      const inner = attachment.innerMsgContentFields;
      const prefix = `${(inner?.subject ?? `附件邮件${index + 1}`).replace(/[\\/]/g, '_')}.msg`;
      for (const nested of inner?.attachments ?? []) {
        if (nested.innerMsgContent) continue;
        const data = message.getAttachment(nested);
        files.push({ name: `${prefix}/${data.fileName}`, content: Buffer.from(data.content) });
      }
      return;
    }
    const data = message.getAttachment(attachment);
    files.push({ name: data.fileName || attachment.fileName || `附件${index + 1}`, content: Buffer.from(data.content) });
  });
  return { subject: fields.subject ?? '', senderAddress: fields.senderSmtpAddress ?? fields.senderEmail ?? null, files };
}

import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir.js';
import { RawStore } from '../store/raw-store.js';
import { loadKnownMessages, messageIdOfRaw } from './known-messages.js';

const mail = (id: string, extra = '') => Buffer.from(`From: a@b.cn\r\n${extra}Message-ID:\r\n <${id}>\r\nSubject: x\r\n\r\nbody\r\n`);

describe('messageIdOfRaw', () => {
  it('reads a folded Message-ID from the header block only', () => {
    expect(messageIdOfRaw(mail('abc@qq.com'))).toBe('abc@qq.com');
    expect(messageIdOfRaw(Buffer.from('Subject: x\r\n\r\nMessage-ID: <body@x>\r\n'))).toBeNull();
  });
});

describe('loadKnownMessages', () => {
  it('recognises a stored message by Message-ID with the same size or the same INTERNALDATE', async () => {
    const store = new RawStore(await tempDir());
    const raw = mail('one@x');
    await store.put(raw, { source: 'imap', origin: 'imap://u@h/INBOX', internalDate: '2013-08-15T02:12:31.000Z' });
    const known = await loadKnownMessages(store);
    expect(known.has({ messageId: '<one@x>', size: raw.length, internalDate: null })).toBe(true);
    // Rewritten by a migration (another size) but received at the same moment: the same message.
    expect(known.has({ messageId: '<one@x>', size: raw.length + 30, internalDate: '2013-08-15T02:12:31.000Z' })).toBe(true);
    // Same ID, another size and another time: another message reusing the ID.
    expect(known.has({ messageId: '<one@x>', size: raw.length + 30, internalDate: '2013-08-16T02:00:00.000Z' })).toBe(false);
    expect(known.has({ messageId: '<two@x>', size: raw.length, internalDate: null })).toBe(false);
    expect(known.has({ messageId: null, size: raw.length, internalDate: null })).toBe(false);
  });
});

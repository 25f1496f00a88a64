import { describe, expect, it } from 'vitest';
import { headerBlock, machineWritten } from './auto-reply.js';

const mail = (headers: string) =>
  headerBlock(Buffer.from(`From: a@b.cn\r\nSubject: x\r\n${headers}\r\nbody: not a header\r\nAuto-Submitted: auto-replied\r\n`));

describe('machine-written mail', () => {
  it('recognises auto-replies, lists and our own messages', () => {
    expect(machineWritten(mail('Auto-Submitted: auto-replied\r\n'))).toContain('Auto-Submitted');
    expect(machineWritten(mail('Precedence: bulk\r\n'))).toContain('Precedence');
    expect(machineWritten(mail('Precedence: junk\r\n'))).toContain('Precedence');
    expect(machineWritten(mail('X-Autoreply: yes\r\n'))).toContain('X-Autoreply');
    expect(machineWritten(mail('X-Huizong-Outbox: receipt receipt-1\r\n'))).toBe('汇总自己发出的邮件');
    expect(machineWritten(mail('Auto-Submitted:\r\n auto-generated\r\n'))).toContain('auto-generated');
  });

  it("lets a person's mail through (and reads headers only, not the body)", () => {
    expect(machineWritten(mail('Auto-Submitted: no\r\n'))).toBeNull();
    expect(machineWritten(mail('Precedence: first-class\r\n'))).toBeNull();
    expect(machineWritten(mail(''))).toBeNull();
  });
});

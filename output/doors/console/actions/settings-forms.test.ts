import { describe, expect, it } from 'vitest';
import { campaignSchema } from '../../../../intake/kernel/campaign/campaign-schema.js';
import { checklistEdits, deadlineEdits, materialsEdits, roundsEdits, roundsText, serverEdits } from './settings-forms.js';

describe('活动设置 forms as campaign.yaml edits', () => {
  it('reads reminder rounds as the page writes them, and refuses another wording', () => {
    expect(roundsEdits({ rounds: '截止前 2 天 09:00\n截止后1天 14：30\n截止前 3 天' })).toEqual({
      ok: true,
      edits: [
        {
          kind: 'list',
          path: ['notify', 'rounds'],
          items: [
            { daysBefore: 2, at: '09:00' },
            { daysAfter: 1, at: '14:30' },
            { daysBefore: 3, at: '09:00' },
          ],
        },
      ],
    });
    const bad = roundsEdits({ rounds: '下周一' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.mistakes[0]).toContain('截止前 2 天 09:00');
  });

  it('writes the rounds back as lines', () => {
    const file = {
      notify: {
        rounds: [
          { daysBefore: 2, at: '09:00' },
          { daysAfter: 1, at: '10:00' },
        ],
      },
    } as Parameters<typeof roundsText>[0];
    expect(roundsText(file)).toBe('截止前 2 天 09:00\n截止后 1 天 10:00');
  });

  it('reads checklist lines and material lines', () => {
    expect(checklistEdits({ checklist: '制度 | 制度建设情况 | 制度、审查' })).toEqual({
      ok: true,
      edits: [{ kind: 'list', path: ['checklist'], items: [{ key: '制度', title: '制度建设情况', keywords: ['制度', '审查'] }] }],
    });
    expect(checklistEdits({ checklist: '只有标题' }).ok).toBe(false);
    expect(materialsEdits({ materials: '统计表\n{ file: 盖章扫描件, keywords: [扫描] }' })).toEqual({
      ok: true,
      edits: [{ kind: 'list', path: ['required'], items: ['统计表', { file: '盖章扫描件', keywords: ['扫描'] }] }],
    });
  });

  it('sets the server fields, removes the empty ones, refuses a port that is no number', () => {
    const edits = serverEdits('mailbox', { host: 'imap.163.com', user: 'a@163.com', folder: '', port: '993', tls: 'on' });
    expect(edits).toEqual({
      ok: true,
      edits: [
        { kind: 'set', path: ['mailbox', 'host'], value: 'imap.163.com' },
        { kind: 'set', path: ['mailbox', 'user'], value: 'a@163.com' },
        { kind: 'delete', path: ['mailbox', 'folder'] },
        { kind: 'set', path: ['mailbox', 'port'], value: 993 },
        { kind: 'set', path: ['mailbox', 'tls'], value: true },
      ],
    });
    expect(serverEdits('smtp', { port: '四六五' }).ok).toBe(false);
  });

  it('takes a deadline as a date and an hour in Beijing time', () => {
    expect(deadlineEdits({ date: '2013-08-20', time: '17:30' })).toEqual({
      ok: true,
      edits: [{ kind: 'set', path: ['deadline'], value: '2013-08-20T17:30:00+08:00' }],
    });
    expect(deadlineEdits({ date: '', time: '' }).ok).toBe(false);
    expect(campaignSchema).toBeDefined();
  });
});

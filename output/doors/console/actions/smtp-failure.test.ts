import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../../mail/outbox-journal.js';
import { answerFailure, connectFailure } from './smtp-failure.js';

const failed = (cause: Record<string, unknown>) => Object.assign(new Error('无法连接发信服务器'), { cause });

describe('why a send failed, in plain Chinese', () => {
  it('tells a refused connection, a wrong password and a server without AUTH apart, each with what to check', () => {
    const refused = connectFailure(failed({ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:2525' }), '127.0.0.1:2525');
    expect(refused.what).toBe('连不上发信服务器 127.0.0.1:2525：对方拒绝连接');
    expect(refused.server).toBeNull();
    expect(refused.check[0]).toContain('服务器地址和端口');

    const login = connectFailure(
      failed({ code: 'EAUTH', responseCode: 535, response: '535 Error: authentication failed' }),
      'smtp.163.com:465',
    );
    expect(login.what).toContain('用户名或授权码不对');
    expect(login.server).toBe('535 Error: authentication failed');
    expect(login.check.join()).toContain('授权码');

    const noAuth = connectFailure(
      failed({ code: 'EAUTH', responseCode: 500, response: "500 Error: command 'AUTH' not recognized" }),
      'relay:25',
    );
    expect(noAuth.what).toContain('不支持用户名和授权码登录');
    expect(noAuth.server).toBe("500 Error: command 'AUTH' not recognized");
    // The library's own English stays out of the sentence (the server's words are shown apart, as it wrote them).
    for (const failure of [refused, login, noAuth])
      expect(`${failure.what}${failure.check.join()}`).not.toMatch(/ECONN|Invalid login|Error|authentication/);
  });

  it('names the mail a server refused, its words, why, and that the rest waits', () => {
    const entry = { kind: 'receipt', unit: '庞村镇', to: ['pangcun@x.cn'], subject: '庞村镇：材料回执' } as OutboxEntry;
    const failure = answerFailure(
      entry,
      { startedAt: '', messageId: '', outcome: 'rejected', answer: '554 DT:SPM 发送的邮件内容包含了未被许可的信息' },
      3,
    );
    expect(failure.what).toContain('服务器拒收了发给庞村镇（pangcun@x.cn）的回执《庞村镇：材料回执》');
    expect(failure.what).toContain('垃圾邮件');
    expect(failure.what).toContain('其余 3 封这次没有发');
    expect(failure.server).toBe('554 DT:SPM 发送的邮件内容包含了未被许可的信息');
    expect(failure.check.at(-1)).toContain('重发');
    const unknown = answerFailure(entry, { startedAt: '', messageId: '', outcome: 'unknown', answer: '连接中断' }, 0);
    expect(unknown.what).toContain('不知道对方是否收到');
    expect(unknown.check[0]).toContain('确认已收到');
  });
});

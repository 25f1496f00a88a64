import { describe, expect, it } from 'vitest';
import { meaningOf } from './smtp-answer.js';

describe('SMTP answers for the clerk', () => {
  it('names 163 codes in Chinese and keeps the server text', () => {
    const spam = meaningOf('554 DT:SPM 163 smtp3,DdGowAB: 发送的信件内容包含了未被许可的信息');
    expect(spam.klass).toBe(5);
    expect(spam.code).toBe('554 DT:SPM');
    expect(spam.text).toContain('垃圾邮件');
    expect(spam.text).toContain('本批停止');
    expect(spam.text).toContain('原文：554 DT:SPM 163 smtp3');
    const rate = meaningOf('451 MI:SFQ 发信人在15分钟内发送邮件数量超过限制');
    expect(rate.klass).toBe(4);
    expect(rate.text).toContain('稍后自动重试');
  });

  it('reads enhanced status codes and unknown answers', () => {
    expect(meaningOf('535 5.7.8 Authentication credentials invalid').text).toContain('授权码');
    expect(meaningOf('550 5.1.1 no such user').code).toBe('550');
    expect(meaningOf('250 OK').klass).toBe(2);
    expect(meaningOf('garbage').klass).toBe(0);
  });
});

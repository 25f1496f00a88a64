import { describe, expect, it } from 'vitest';
import { systemdUnit, systemdWord } from './systemd-unit.js';

describe('the systemd unit', () => {
  it('quotes words with spaces and doubles % (a systemd specifier)', () => {
    expect(systemdWord('/usr/bin/node')).toBe('/usr/bin/node');
    expect(systemdWord('/home/秘书科/2013年 专项检查')).toBe('"/home/秘书科/2013年 专项检查"');
    expect(systemdWord('50%')).toBe('50%%');
    expect(systemdWord('a"b')).toBe('"a\\"b"');
  });

  it('runs serve as the given user, restarts it on failure, starts at boot', () => {
    const text = systemdUnit({
      description: '汇总控制台',
      user: 'mishu',
      workingDirectory: '/srv/活动',
      command: ['/usr/bin/node', '/opt/huizong/main.js', 'serve', '--campaign', '/srv/活动'],
      environment: { HUIZONG_IMAP_PASSWORD_FILE: '/home/mishu/.pw' },
    });
    expect(text).toContain('ExecStart=/usr/bin/node /opt/huizong/main.js serve --campaign "/srv/活动"');
    expect(text).toContain('User=mishu');
    expect(text).toContain('Environment=HUIZONG_IMAP_PASSWORD_FILE=/home/mishu/.pw');
    expect(text).toContain('Restart=on-failure');
    expect(text).toContain('WantedBy=multi-user.target');
  });
});

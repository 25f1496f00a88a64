/**
 * The console's 活动设置 edits campaign.yaml through these: comments, blank lines, order and
 * quoting stay; only the values concerned change; mistakes read as `huizong check` says them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledCampaignDir } from '../package-root.js';
import { applyCampaignEdits, campaignTextMistakes } from './campaign-yaml-edit.js';
import { writeCampaignYaml } from './campaign-yaml-write.js';
import { parseCampaignText } from './load-campaign.js';

const bundled = readFileSync(join(bundledCampaignDir(), 'campaign.yaml'), 'utf8');

/** Lines of `after` that are not in `before`, and the other way round. */
function changed(before: string, after: string): { added: string[]; removed: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  return { added: b.filter((line) => !a.includes(line)), removed: a.filter((line) => !b.includes(line)) };
}

describe('applyCampaignEdits', () => {
  it('changes the deadline and nothing else of the bundled file', () => {
    const after = applyCampaignEdits(bundled, [{ kind: 'set', path: ['deadline'], value: '2013-08-20T17:30:00+08:00' }]);
    expect(changed(bundled, after)).toEqual({
      added: ['deadline: "2013-08-20T17:30:00+08:00"'],
      removed: ['deadline: "2013-08-18T18:00:00+08:00"'],
    });
    expect(parseCampaignText(after).deadline).toBe('2013-08-20T17:30:00+08:00');
  });

  it('replaces the rules, keeping the comment of a rule that stays', () => {
    const text = ['title: 测试', 'rules:', '  - 合计 = 一般隐患 + 重大隐患 # 来自模板公式', '  - 已整改 <= 合计', 'keywords: [a]', ''].join(
      '\n',
    );
    const after = applyCampaignEdits(text, [
      { kind: 'list', path: ['rules'], items: ['0 <= 整改率 <= 100', '合计 = 一般隐患 + 重大隐患'] },
    ]);
    expect(after).toBe(
      ['title: 测试', 'rules:', '  - 0 <= 整改率 <= 100', '  - 合计 = 一般隐患 + 重大隐患 # 来自模板公式', 'keywords: [a]', ''].join('\n'),
    );
  });

  it("sets a column's type and options, and a mailbox the file had only as a comment", () => {
    const text = [
      'tables:',
      '  - name: 表',
      '    columns:',
      '      - { label: 是否建立台账, type: 文字 } # 推断：表头',
      '# mailbox:',
      '#   host: imap.163.com',
      '',
    ].join('\n');
    const after = applyCampaignEdits(text, [
      { kind: 'set', path: ['tables', 0, 'columns', 0, 'type'], value: '单选' },
      { kind: 'set', path: ['tables', 0, 'columns', 0, 'options'], value: ['是', '否'] },
      { kind: 'set', path: ['mailbox', 'host'], value: 'imap.163.com' },
      { kind: 'set', path: ['mailbox', 'user'], value: 'mishuke@163.com' },
    ]);
    expect(after).toContain('      - { label: 是否建立台账, type: 单选, options: [是, 否] } # 推断：表头');
    expect(after).toContain('mailbox:\n  host: imap.163.com\n  user: mishuke@163.com');
    expect(after).toContain('# mailbox:\n#   host: imap.163.com');
  });

  it('removes a value', () => {
    const after = applyCampaignEdits(bundled, [{ kind: 'delete', path: ['noticeDate'] }]);
    expect(changed(bundled, after).removed).toEqual(['noticeDate: "2013-08-05"']);
  });
});

describe('campaignTextMistakes', () => {
  it('says nothing of a right file, and what check says of a wrong one, with its line', () => {
    expect(campaignTextMistakes(bundled)).toEqual([]);
    const wrong = applyCampaignEdits(bundled, [{ kind: 'list', path: ['rules'], items: ['封存计算机数量 <= 检查计算机 数量'] }]);
    const mistakes = campaignTextMistakes(wrong);
    expect(mistakes).toHaveLength(1);
    expect(mistakes[0]).toMatch(/^campaign\.yaml 第 \d+ 行第 \d+ 列，rules\[0\]：/);
  });
});

describe('writeCampaignYaml', () => {
  it('writes comments above sections and at the end of lines, columns on one line, dates quoted', () => {
    const text = writeCampaignYaml(
      {
        title: '测试',
        deadline: '2026-06-20T18:00:00+08:00',
        keywords: ['排查', '台账'],
        tables: [
          {
            name: '表',
            columns: [
              { label: '排查点位数(处)', type: '整数' },
              { group: '隐患(处)', columns: [{ label: '一般' }, { label: '重大' }] },
            ],
          },
        ],
        rules: [],
      },
      {
        header: ['头部'],
        notes: [
          { path: ['deadline'], above: ['截止时间'], inline: '请确认：没有写几点' },
          { path: ['tables', 0, 'columns', 0], inline: '推断：表头中的「(处)」' },
        ],
        trailer: ['smtp:', '  host: smtp.163.com'],
      },
    );
    expect(text).toBe(
      [
        '# 头部',
        '',
        'title: 测试',
        '',
        '# 截止时间',
        'deadline: "2026-06-20T18:00:00+08:00" # 请确认：没有写几点',
        'keywords: [排查, 台账]',
        'tables:',
        '  - name: 表',
        '    columns:',
        '      - { label: 排查点位数(处), type: 整数 } # 推断：表头中的「(处)」',
        '      - group: 隐患(处)',
        '        columns:',
        '          - { label: 一般 }',
        '          - { label: 重大 }',
        'rules: []',
        '',
        '# smtp:',
        '#   host: smtp.163.com',
        '',
      ].join('\n'),
    );
  });
});

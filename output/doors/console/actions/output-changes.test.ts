import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../../../intake/kernel/campaign/campaign.js';
import { changeLines, outputChanges } from './output-changes.js';

const campaign = { file: { title: '专项检查' } } as Campaign;

describe('what an action changed in the output folder', () => {
  it('says a final circular was kept, and never also that it was made', () => {
    const before = new Map([
      ['专项检查汇总表.xlsx', '1:1'],
      ['专项检查通报.docx', '5:1'],
    ]);
    const after = new Map([
      ['专项检查汇总表.xlsx', '1:2'],
      ['专项检查通报.docx', '5:1'],
    ]);
    const changes = outputChanges(before, after);
    expect(changes).toEqual({ written: ['专项检查汇总表.xlsx'], kept: ['专项检查通报.docx'], removed: [], renamed: [] });
    const lines = changeLines(campaign, '/out', changes);
    expect(lines[0]).toContain('已重新生成：汇总表（工作用）《专项检查汇总表.xlsx》');
    expect(lines[0]).not.toContain('通报');
    expect(lines[1]).toContain('定稿的通报《专项检查通报.docx》保持原样');
  });

  it('says so when nothing was rewritten, and names what was removed', () => {
    const same = new Map([['专项检查汇总表.xlsx', '1:1']]);
    expect(changeLines(campaign, '/out', outputChanges(same, same))).toEqual(['汇总表和公文都已是最新，没有重写任何文件']);
    const draft = new Map([...same, ['专项检查通报（草稿）.docx', '3:1']]);
    const lines = changeLines(
      campaign,
      '/out',
      outputChanges(
        draft,
        new Map([
          ['专项检查汇总表.xlsx', '1:2'],
          ['专项检查通报.docx', '4:2'],
        ]),
      ),
    );
    expect(lines).toContain('已删除：通报（草稿）《专项检查通报（草稿）.docx》');
  });

  it('tells a document moved aside (its template has mistakes) from one made anew', () => {
    const before = new Map([['专项检查汇总报告.docx', '9:1']]);
    const after = new Map([['专项检查汇总报告（旧版，模板有误未能更新）.docx', '9:1']]);
    const changes = outputChanges(before, after);
    expect(changes).toMatchObject({
      written: [],
      removed: [],
      renamed: [['专项检查汇总报告.docx', '专项检查汇总报告（旧版，模板有误未能更新）.docx']],
    });
    expect(changeLines(campaign, '/out', changes)[0]).toContain('已不是最新（模板有误，未能重新生成）');
  });
});

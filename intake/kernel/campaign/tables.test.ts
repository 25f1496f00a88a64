import { describe, expect, it } from 'vitest';
import { bundledCampaignDir } from '../package-root.js';
import { notAdditiveByName, unitInName } from './column-names.js';
import { loadCampaign } from './load-campaign.js';
import { tableSchema } from './schema/table-schema.js';
import { buildTable, type ColumnDef } from './tables.js';

/** The columns of a table written as campaign.yaml would have them. */
function columnsOf(columns: unknown[]): ColumnDef[] {
  return buildTable(tableSchema.parse({ name: '统计表', columns })).columns;
}

describe('the measure a column counts in, from its name when its label has none', () => {
  it('reads a measure word before 数, a measure that names its quantity, and 得分', () => {
    expect(unitInName('平均答复天数')).toBe('天');
    expect(unitInName('参训人数')).toBe('人');
    expect(unitInName('培训次数')).toBe('次');
    expect(unitInName('办件数')).toBe('件');
    expect(unitInName('单位个数')).toBe('个');
    expect(unitInName('加班小时数')).toBe('小时');
    expect(unitInName('检查人次数')).toBe('人次');
    expect(unitInName('培训学时')).toBe('学时');
    expect(unitInName('人均培训课时')).toBe('课时');
    expect(unitInName('参训人次')).toBe('人次');
    expect(unitInName('考试分数')).toBe('分');
    expect(unitInName('考核得分')).toBe('分');
  });

  it('guesses nothing else: a length of time, a plain 数, nouns that end like a measure', () => {
    for (const name of ['培训时长', '检查数', '总数', '数', '平台数', '专家数', '干部数', '青年数', '达标百分数', '备注'])
      expect(unitInName(name), name).toBeUndefined();
  });

  it('gives a column without (单位) the unit its name counts in; a written unit and a (单位) win', () => {
    const columns = columnsOf([
      { label: '平均答复天数', type: '小数', places: 1 },
      { label: '培训学时', type: '小数' },
      { label: '参训人数', type: '整数' },
      { label: '处理时长(小时)', type: '小数' },
      { label: '办结天数', type: '小数', unit: '日' },
      { label: '培训时长', type: '小数' },
      { label: '经费天数', type: '金额' },
      { group: '培训人数', columns: [{ label: '男' }, { label: '女' }] },
    ]);
    expect(columns.map((column) => [column.name, column.unit])).toEqual([
      ['平均答复天数', '天'],
      ['培训学时', '学时'],
      ['参训人数', '人'],
      ['处理时长', '小时'],
      ['办结天数', '日'],
      ['培训时长', undefined],
      ['经费天数', '元'],
      ['培训人数·男', '人'],
      ['培训人数·女', '人'],
    ]);
  });
});

describe('whether a column adds up into a district total, by its name', () => {
  it('knows an average, a score, a rank, an age and a rate', () => {
    expect(notAdditiveByName('平均答复天数')).toEqual({ word: '平均', what: '平均数' });
    expect(notAdditiveByName('人均培训学时')).toEqual({ word: '人均', what: '平均数' });
    expect(notAdditiveByName('考试成绩')).toEqual({ word: '成绩', what: '分数' });
    expect(notAdditiveByName('考核得分')).toEqual({ word: '得分', what: '分数' });
    expect(notAdditiveByName('综合排名')).toEqual({ word: '排名', what: '名次' });
    expect(notAdditiveByName('年龄')).toEqual({ word: '年龄', what: '年龄' });
    expect(notAdditiveByName('办结率')).toEqual({ word: '率', what: '比率' });
    expect(notAdditiveByName('女性占比')).toEqual({ word: '占比', what: '比率' });
    expect(notAdditiveByName('依申请公开', '平均')).toEqual({ word: '平均', what: '平均数' });
    for (const name of ['培训学时', '主动公开信息数', '检查计算机数量', '公开经费', '率先完成单位数'])
      expect(notAdditiveByName(name), name).toBeNull();
  });

  it('does not sum such a number column unless the campaign says `sum: true`', () => {
    const columns = columnsOf([
      { label: '平均答复天数', type: '小数', places: 1 },
      { label: '考试成绩(分)', type: '整数', max: 100 },
      { label: '综合排名', type: '整数' },
      { label: '平均年龄', type: '小数' },
      { label: '办结率', type: '小数' },
      { label: '人均经费(万元)', type: '金额' },
      { label: '培训学时', type: '小数' },
      { label: '参训人数', type: '整数' },
      { label: '考核得分', type: '小数', sum: true },
      { group: '平均办理天数', columns: [{ label: '依申请' }, { label: '投诉' }] },
    ]);
    expect(columns.map((column) => [column.name, column.summable])).toEqual([
      ['平均答复天数', false],
      ['考试成绩', false],
      ['综合排名', false],
      ['平均年龄', false],
      ['办结率', false],
      ['人均经费', false],
      ['培训学时', true],
      ['参训人数', true],
      ['考核得分', true],
      ['平均办理天数·依申请', false],
      ['平均办理天数·投诉', false],
    ]);
  });

  it('leaves the 2013 campaign’s columns as they were: units from their (单位), every number summed', async () => {
    const campaign = await loadCampaign(bundledCampaignDir());
    expect(campaign.columns.map((column) => [column.key, column.unit ?? null, column.summable])).toEqual([
      ['departments', '个', true],
      ['networksClassified', '个', true],
      ['networksUnclassified', '个', true],
      ['computersClassified', '台', true],
      ['computersUnclassified', '台', true],
      ['mediaClassified', '个', true],
      ['mediaUnclassified', '个', true],
      ['sealedComputersClassified', '台', true],
      ['sealedComputersUnclassified', '台', true],
      ['sealedMediaClassified', '个', true],
      ['sealedMediaUnclassified', '个', true],
      ['deletedItems', '条', true],
      ['websitesClosed', '个', true],
      ['remarks', null, false],
    ]);
  });
});

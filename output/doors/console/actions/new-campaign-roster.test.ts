import { describe, expect, it } from 'vitest';
import { rosterOfTyped } from './new-campaign-roster.js';

describe('rosterOfTyped', () => {
  it('reads typed lines with or without the header, Chinese commas as commas', () => {
    expect(rosterOfTyped('庞村镇，庞村;庞村镇政府，pangcun@example.cn\n\n李村镇,,licun@example.cn')).toEqual({
      ok: true,
      from: '秘书科填写的名单',
      units: [
        { name: '庞村镇', aliases: ['庞村', '庞村镇政府'], emails: ['pangcun@example.cn'] },
        { name: '李村镇', aliases: [], emails: ['licun@example.cn'] },
      ],
    });
    expect(rosterOfTyped('单位名称,别名,邮箱\n甲,,').ok).toBe(true);
  });

  it('says what is wrong: nothing typed, a unit twice', () => {
    expect(rosterOfTyped('')).toEqual({ ok: false, mistakes: ['名单中没有任何单位'] });
    expect(rosterOfTyped('甲,,\n甲,,')).toEqual({ ok: false, mistakes: ['第 2 行单位「甲」重复出现'] });
  });
});

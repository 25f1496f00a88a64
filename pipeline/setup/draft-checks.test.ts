/**
 * The console's 新建活动 page corrects a draft as plain data: a type changed in a select, a rule
 * typed and checked as it is typed; the campaign.yaml written from the corrected draft says so.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { deriveCampaign } from './derive-campaign.js';
import { byClerk } from './derived.js';
import { checkDraftRule, draftMistakes } from './draft-checks.js';
import { draftCampaignYaml } from './draft-yaml.js';
import { readXlsxTemplate } from './table/read-xlsx-template.js';

async function draft() {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(['附件1']);
  sheet.addRow(['隐患排查统计表']);
  sheet.addRow(['填报单位：', '', '', '填报日期：']);
  sheet.addRow(['一般隐患(处)', '重大隐患(处)', '合计(处)', '整改情况']);
  for (let column = 1; column <= 4; column++) sheet.getCell(5, column).border = { top: { style: 'thin' } };
  sheet.getCell('C5').value = { formula: 'A5+B5', result: 0 };
  const sheets = await readXlsxTemplate(Buffer.from(await workbook.xlsx.writeBuffer()), '附件1.xlsx');
  const lines = ['关于开展隐患排查的通知', '各镇：', '请于2026年6月20日17:00前报送统计表，邮箱 pc@163.com。', '附件：隐患排查统计表'].map(
    (text, index) => ({
      text,
      location: `第${index + 1}段`,
    }),
  );
  return deriveCampaign({
    notice: { name: '通知.docx', kind: 'document', lines, tables: [] },
    templates: [{ name: '附件1.xlsx', kind: 'sheet', sheets }],
    roster: { units: [{ name: '庞村镇', aliases: [], emails: [] }], from: '名单.xlsx' },
    today: '2026-06-01',
  });
}

describe('a draft corrected by the clerk', () => {
  it('checks a rule as it is typed, with the same messages as check', async () => {
    const derived = await draft();
    expect(derived.rules.map((rule) => rule.value)).toEqual(['合计 = 一般隐患 + 重大隐患']);
    expect(checkDraftRule(derived, '合计 >= 重大隐患')).toEqual({ ok: true });
    const wrong = checkDraftRule(derived, '合计 >= 重大隐藏');
    expect(wrong).toMatchObject({ ok: false, at: 6 });
    expect(wrong.ok === false && wrong.message).toContain('重大隐藏');
  });

  it("writes the clerk's corrections, marked as the clerk's", async () => {
    const derived = await draft();
    const table = derived.tables[0]!;
    const entry = table.entries[3]!;
    if (entry.kind !== 'column') throw new Error('column expected');
    expect(entry.column.type).toMatchObject({ value: 'text', confidence: 'likely' });
    entry.column.type = byClerk('choice');
    entry.column.options = byClerk(['已整改', '整改中', '未整改']);
    derived.deadline = byClerk('2026-06-19T18:00:00+08:00');
    const yaml = draftCampaignYaml(derived);
    expect(yaml).toContain('- { label: 整改情况, type: 单选, options: [已整改, 整改中, 未整改] } # 读自 秘书科（秘书科核定）');
    expect(yaml).toContain('deadline: "2026-06-19T18:00:00+08:00" # 读自 秘书科（秘书科核定）');
    expect(draftMistakes(derived)).toEqual([]);
  });
});

/**
 * The set-up on the office files of test/fixtures/setup, read with the real programs (LibreOffice
 * for .xls / .doc / .wps, pdftotext for .pdf): the 2013 notice gives the bundled campaign's tables
 * and checklist; the flood and 政务公开 notices give theirs. Every campaign.yaml written passes the
 * loader `huizong check` uses.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { campaignTextMistakes } from '../../intake/kernel/campaign/campaign-yaml-edit.js';
import { loadCampaign, parseCampaignText } from '../../intake/kernel/campaign/load-campaign.js';
import { buildTable, type TableDef } from '../../intake/kernel/campaign/tables.js';
import { bundledCampaignDir, packageRoot } from '../../intake/kernel/package-root.js';
import { type CampaignDraft, deriveCampaign } from './derive-campaign.js';
import { draftCampaignYaml } from './draft-yaml.js';
import { readSetupFiles } from './read-setup-files.js';
import { draftColumns } from './table/derive-table.js';

const FIXTURES = join(packageRoot(), 'test', 'fixtures', 'setup');

async function derive(paths: readonly string[]): Promise<CampaignDraft> {
  const files = paths.map((path) => ({ name: basename(path), content: readFileSync(join(FIXTURES, path)) }));
  const [notice, ...templates] = await readSetupFiles(files);
  return deriveCampaign({ notice: notice!, templates, roster: null, today: '2026-12-07' });
}

/** A table as the program reads it, keys aside: what units' files are matched against. */
const shape = (table: TableDef) => ({
  name: table.name,
  attachmentLabel: table.attachmentLabel,
  kind: table.kind,
  unitField: table.unitField,
  dateField: table.dateField,
  columns: table.columns.map(({ key: _key, name: _name, ...column }) => column),
});

function written(draft: CampaignDraft) {
  const text = draftCampaignYaml(draft);
  expect(campaignTextMistakes(text)).toEqual([]);
  return parseCampaignText(text);
}

describe('the 2013 notice and its 附件2', () => {
  let bundled: Awaited<ReturnType<typeof loadCampaign>>;
  const drafts: Record<string, CampaignDraft> = {};

  beforeAll(async () => {
    bundled = await loadCampaign(bundledCampaignDir(), { bundled: true });
    drafts.docx = await derive(['yibin-2013/关于开展政府信息公开保密审查专项检查的通知.docx', 'yibin-2013/附件2 自查情况统计表.xls']);
    drafts.doc = await derive(['yibin-2013/通知.doc', 'yibin-2013/附件2 自查情况统计表.xls']);
    drafts.pdf = await derive(['yibin-2013/通知.pdf', 'yibin-2013/附件2 自查情况统计表.xls']);
    // Only the notice: its 附件2 is printed in it as a Word table.
    drafts.noticeOnly = await derive(['yibin-2013/关于开展政府信息公开保密审查专项检查的通知.docx']);
  });

  it("gives the bundled campaign's table: the same columns, groups, types and units, keys aside", () => {
    for (const [from, draft] of Object.entries(drafts)) {
      const file = written(draft);
      expect(
        file.tables.map((entry) => shape(buildTable(entry))),
        from,
      ).toEqual(bundled.tables.map(shape));
      expect(draft.tables[0]?.name, from).toMatchObject({ value: '自查情况统计表', confidence: 'sure' });
    }
  });

  it("gives the bundled campaign's notice fields and checklist areas", () => {
    for (const [from, draft] of Object.entries(drafts)) {
      const file = written(draft);
      const same = (
        key: 'title' | 'documentNumber' | 'issuingOffice' | 'secretariat' | 'materials' | 'noticeTitle' | 'deadline' | 'recipients',
      ) => expect(file[key], `${from} ${key}`).toBe(bundled.file[key]);
      for (const key of [
        'title',
        'documentNumber',
        'issuingOffice',
        'secretariat',
        'materials',
        'noticeTitle',
        'deadline',
        'recipients',
      ] as const)
        same(key);
      expect(
        file.checklist.map((area) => area.title),
        from,
      ).toEqual(bundled.checklist.map((area) => area.title));
      // What the bundled file leaves to its default (every table and the report) is written out.
      expect(file.required, from).toEqual(['自查情况统计表', '书面总结报告']);
      expect(file.mailbox.user, from).toBe('lyybqgwh@163.com');
    }
  });

  it("marks for the clerk what the notice does not say: the deadline's hour", () => {
    expect(drafts.docx!.deadline.confidence).toBe('guess');
    expect(drafts.docx!.deadline.note).toContain('没有写几点');
    expect(drafts.docx!.noticeDate).toBeNull();
    expect(drafts.docx!.doubts).toEqual([]);
  });

  it('reads a notice saved as .wps by its content', async () => {
    const wps = { name: '通知.wps', content: readFileSync(join(FIXTURES, 'yibin-2013', '通知.doc')) };
    const [notice] = await readSetupFiles([wps]);
    const draft = deriveCampaign({ notice: notice!, templates: [], roster: null, today: '2026-12-07' });
    expect(draft.documentNumber.value).toBe('伊滨办〔2013〕62号');
    expect(draft.tables.map((table) => table.name.value)).toEqual(['自查情况统计表']);
  });
});

describe('a flood-season notice (.doc) with a 统计表 written by a program and a 台账 in .xls', () => {
  let draft: CampaignDraft;
  beforeAll(async () => {
    draft = await derive(['fangxun-2026/伊滨防办〔2026〕15号.doc', 'fangxun-2026/附件1.xlsx', 'fangxun-2026/附件2 重大隐患整改台账.xls']);
  });

  it('names both tables as the notice lists them and tells the 台账 from the 统计表', () => {
    expect(draft.tables.map((table) => [table.attachmentLabel?.value, table.name.value, table.kind.value])).toEqual([
      ['附件1', '汛期安全隐患排查情况统计表', 'row'],
      ['附件2', '重大隐患整改台账', 'list'],
    ]);
    expect(draft.tables[0]?.name.note).toContain('2026年汛期安全隐患排查情况统计表');
  });

  it('types each column from its format, validation and header', () => {
    const types = draft.tables.map((table) => draftColumns(table.entries).map((column) => `${column.label}:${column.type.value}`));
    expect(types[0]).toEqual([
      '排查点位数(处):count',
      '一般隐患:count',
      '重大隐患:count',
      '合计:count',
      '已整改(处):count',
      '整改率(%):percent',
      '投入整改资金(万元):amount',
      '是否建立隐患台账:choice',
      '检查组数(个):count',
      '出动检查人次:count',
      '备注:text',
    ]);
    expect(types[1]).toEqual([
      '隐患名称:text',
      '隐患地点:text',
      '发现日期:date',
      '整改措施:text',
      '整改时限:date',
      '责任人:text',
      '是否整改完成:choice',
      '备注:text',
    ]);
    const file = written(draft);
    expect(file.tables[1]?.columns[2]).toMatchObject({ label: '发现日期', type: 'date', min: '2026-01-01' });
  });

  it('makes rules of the formulas and only proposes the rule across tables', () => {
    expect(draft.rules.map((rule) => rule.value)).toEqual(['合计 = 一般隐患 + 重大隐患', '整改率 = 已整改 / 合计 × 100']);
    expect(draft.suggestedRules.map((rule) => rule.value)).toEqual(['行数(重大隐患整改台账) = 重大隐患']);
    expect(draftCampaignYaml(draft)).toContain('#   - 行数(重大隐患整改台账) = 重大隐患');
  });

  it("reads the deadline without its hour, the mailbox, the office, and the checklist of the notice's own section", () => {
    expect(draft.deadline).toMatchObject({ value: '2026-06-20T18:00:00+08:00', confidence: 'guess' });
    expect(draft.deadline.note).toContain('星期六');
    expect(draft.mailbox?.value).toBe('ybfxb2026@163.com');
    expect(draft.secretariat.value).toBe('区防汛抗旱指挥部办公室');
    expect(draft.checklist?.areas.map((area) => area.title.value)).toEqual([
      '防汛责任落实情况',
      '河道及水库安全情况',
      '地质灾害隐患点情况',
      '城市内涝防范情况',
      '在建工程安全度汛情况',
    ]);
    expect(written(draft).required).toEqual(['汛期安全隐患排查情况统计表', '重大隐患整改台账', '书面总结报告']);
  });
});

describe('an annual 政务公开 notice (.pdf) with an .xlsx by LibreOffice and a Word 台账', () => {
  let draft: CampaignDraft;
  beforeAll(async () => {
    draft = await derive([
      'gongkai-2026/通知.pdf',
      'gongkai-2026/附件1 政务公开工作统计表.xlsx',
      'gongkai-2026/附件2 政务公开培训台账.docx',
    ]);
  });

  it("writes the campaign the model's own 政务公开 test campaign describes", () => {
    const file = written(draft);
    const model = parseCampaignText(
      readFileSync(join(packageRoot(), 'test', 'fixtures', 'campaigns', 'gongkai-2026', 'campaign.yaml'), 'utf8'),
    );
    const columns = (entry: (typeof file.tables)[number]) =>
      buildTable(entry).columns.map(({ displayName, type, places, options, amountUnit }) => ({
        displayName,
        type,
        places,
        options,
        amountUnit,
      }));
    expect(file.tables.map((table) => [table.name, table.attachmentLabel, table.kind])).toEqual(
      model.tables.map((table) => [table.name, table.attachmentLabel, table.kind]),
    );
    expect(columns(file.tables[0]!)).toEqual(columns(model.tables[0]!));
    expect(columns(file.tables[1]!)).toEqual(columns(model.tables[1]!));
    expect(file.deadline).toBe('2026-12-10T17:30:00+08:00');
    expect(file.noticeDate).toBe('2026-11-20');
    expect(file.rules).toEqual(['收到申请 = 已答复 + 未答复']);
    expect(file.required).toEqual([
      '政务公开工作统计表',
      '政务公开培训台账',
      { report: '年度工作总结' },
      { file: '签字盖章扫描件', keywords: ['扫描', '盖章', '签字'] },
    ]);
    expect(file.checklist.map((area) => area.title)).toEqual(['主动公开情况', '依申请公开情况', '政务公开平台建设情况']);
  });

  it('reads ranges and 必填 from the validations, a percentage as 0 to 100', () => {
    const file = written(draft);
    const byLabel = Object.fromEntries(buildTable(file.tables[0]!).columns.map((column) => [column.displayName, column]));
    expect(byLabel['按时答复率(%)']).toMatchObject({ type: 'percent', min: 0, max: 100, places: 1 });
    expect(byLabel['平均办理天数']).toMatchObject({ type: 'decimal', max: 20, places: 1 });
    expect(byLabel['是否设立政务公开专栏']).toMatchObject({ type: 'choice', options: ['是', '否'], required: true });
    expect(byLabel['公开工作经费(万元)']).toMatchObject({ type: 'amount', amountUnit: '万元', places: 2 });
  });
});

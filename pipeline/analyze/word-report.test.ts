import { describe, expect, it } from 'vitest';
import type { TableDef } from '../../intake/kernel/campaign/campaign.js';
import { tableSchema } from '../../intake/kernel/campaign/schema/table-schema.js';
import { buildTable } from '../../intake/kernel/campaign/tables.js';
import type { DocxParagraph } from '../extract/docx-walk.js';
import { wordReport } from './word-report.js';

const LEDGER: TableDef = buildTable(
  tableSchema.parse({
    name: '2030年度业务培训台账',
    kind: '台账',
    attachmentLabel: '附件2',
    unitField: '填报单位',
    dateField: '填报日期',
    columns: [
      { label: '姓名', type: '文字' },
      { label: '培训学时', type: '小数' },
    ],
  }),
);

const body = (...texts: string[]): DocxParagraph[] => texts.map((text, index) => ({ text, location: `第${index + 1}段`, table: null }));
const cells = (table: string, ...texts: string[]): DocxParagraph[] =>
  texts.map((text, index) => ({ text, location: `${table}第${index + 1}行第1列`, table }));

/** The template's own lines around the table: 附件 label, title, 填报 lines, 填表人, 填报说明. */
const AROUND = [
  '附件2',
  '西岭镇2030年度业务培训台账',
  '填报单位（盖章）：西岭镇　　　　填报日期：2030年12月9日',
  '填表人：刘洋　　联系电话：0379-12345678　　审核人：张三',
  '填报说明：1. 培训学时按实际参加的学时填写，半小时记0.5学时，不足半小时的不计；2. 考试成绩按百分制填写，没有组织考试的填“无”。',
  '3. 本台账由各单位组织人事部门填写，经单位主要负责同志审核后加盖公章报送，电子版与纸质版须一致。',
];
const PROSE =
  '一、基本情况。今年以来，我镇高度重视业务培训工作，组织全体干部职工参加集中培训三次，累计培训一百二十人次，并组织了闭卷考试。' +
  '二、存在问题。个别同志学习积极性不高，培训内容与实际工作结合不够紧密。三、整改措施。下一步我们将完善培训制度，加强考核，确保培训取得实效。';

describe('wordReport', () => {
  it('is no report when the text outside the table is only the table’s own lines', () => {
    const paragraphs = [...body(...AROUND), ...cells('第1个表格', '姓名', '赵敏'), ...cells('第2个表格', '姓名', '钱进', '周杰', '吴刚')];
    expect(wordReport(paragraphs, new Set(['第1个表格', '第2个表格']), [LEDGER])).toBeNull();
  });

  it('is the report when prose stands beside the table, its text leaving the tables out', () => {
    const paragraphs = [...body('关于业务培训工作的总结报告', PROSE, ...AROUND), ...cells('第1个表格', '姓名', '赵敏')];
    const report = wordReport(paragraphs, new Set(['第1个表格']), [LEDGER]);
    expect(report?.text).toContain('三、整改措施');
    expect(report?.text).not.toContain('赵敏');
    expect(report?.chars).toBe(report?.text?.replace(/\s/gu, '').length);
  });

  it('is the report when the document holds no table of the campaign', () => {
    const paragraphs = [...body('西岭镇2030年度业务培训台账'), ...cells('第1个表格', '别的表格')];
    expect(wordReport(paragraphs, new Set(), [LEDGER])?.text).toBe('西岭镇2030年度业务培训台账\n别的表格');
  });
});

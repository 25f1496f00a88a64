import { describe, expect, it } from 'vitest';
import type { TableModel } from './document-model.js';
import { chineseNumber, parseMarkup } from './markup.js';
import { protect } from './protected-text.js';

const NO_TABLES = { tables: {} };

describe('parseMarkup', () => {
  it('turns each marked line into its block', () => {
    const { blocks, issues } = parseMarkup(
      [
        '【发文机关标志】某某办公室文件',
        '【文号】某办〔2013〕5号',
        '【标题】关于某事',
        '【标题】的通报',
        '【主送】各单位：',
        '【正文】正文一段。',
        '',
        '【附注】（此件公开发布）',
      ].join('\n'),
      NO_TABLES,
    );
    expect(issues).toEqual([]);
    expect(blocks).toEqual([
      { kind: 'issuer', text: '某某办公室文件' },
      { kind: 'documentNumber', text: '某办〔2013〕5号' },
      { kind: 'title', lines: ['关于某事', '的通报'] },
      { kind: 'recipient', text: '各单位：' },
      { kind: 'paragraph', text: '正文一段。' },
      { kind: 'note', text: '（此件公开发布）' },
    ]);
  });

  it('numbers headings at the four official levels and restarts the lower levels', () => {
    const source = [
      '【一级】基本情况',
      '【二级】报送',
      '【三级】按时',
      '【四级】镇',
      '【四级】区直',
      '【三级】逾期',
      '【二级】数据',
      '【一级】存在问题',
      '【二级】不及时',
    ].join('\n');
    const texts = parseMarkup(source, NO_TABLES).blocks.map((block) => (block.kind === 'heading' ? `${block.level}:${block.text}` : ''));
    expect(texts).toEqual([
      '1:一、基本情况',
      '2:（一）报送',
      '3:1.按时',
      '4:（1）镇',
      '4:（2）区直',
      '3:2.逾期',
      '2:（二）数据',
      '1:二、存在问题',
      '2:（一）不及时',
    ]);
  });

  it('keeps a number the clerk wrote by hand', () => {
    const { blocks } = parseMarkup('【一级】三、特别事项\n【二级】（一）说明', NO_TABLES);
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, text: '三、特别事项' },
      { kind: 'heading', level: 2, text: '（一）说明' },
    ]);
  });

  it('writes Chinese numerals as headings need them', () => {
    expect([1, 9, 10, 11, 20, 23, 99].map(chineseNumber)).toEqual(['一', '九', '十', '十一', '二十', '二十三', '九十九']);
  });

  it('builds a table from 表头 and 表行 lines split at ｜ or |', () => {
    const { blocks } = parseMarkup(
      '【表头】序号｜单位｜情况\n【表行】1｜庞村镇｜按时报送\n【表行】2|李村镇|逾期报送\n【正文】后文',
      NO_TABLES,
    );
    expect(blocks[0]).toMatchObject({
      kind: 'table',
      table: {
        header: [[{ text: '序号' }, { text: '单位' }, { text: '情况' }]],
        body: [
          [{ text: '1' }, { text: '庞村镇' }, { text: '按时报送' }],
          [{ text: '2' }, { text: '李村镇' }, { text: '逾期报送' }],
        ],
      },
    });
    expect(blocks[1]).toEqual({ kind: 'paragraph', text: '后文' });
  });

  it('pads short rows and gives wider columns to longer text', () => {
    const { blocks } = parseMarkup('【表头】序号｜单位｜说明\n【表行】1｜区安全生产监督管理局', NO_TABLES);
    const table = (blocks[0] as { table: TableModel }).table;
    expect(table.body[0]).toHaveLength(3);
    expect(table.columnWeights[1]!).toBeGreaterThan(table.columnWeights[0]!);
  });

  it('inserts a named table, and reports an unknown name with its position', () => {
    const table: TableModel = { header: [[{ text: '项目' }]], body: [[{ text: '1' }]], columnWeights: [1] };
    expect(parseMarkup('【表格】合计表', { tables: { 合计表: table } }).blocks).toEqual([{ kind: 'table', table }]);
    expect(parseMarkup('【正文】前文\n【表格】总表', { tables: { 合计表: table } }).issues).toEqual([
      { line: 2, column: 5, message: '没有名为「总表」的表格，可用的表格：合计表' },
    ]);
  });

  it('groups attachments, pairs signature and date, and joins 抄送 and 印发 into the colophon', () => {
    const source = [
      '【附件】统计表',
      '【附件】名单',
      '【落款】某某办公室',
      '【日期】2013年8月20日',
      '【抄送】甲',
      '【抄送】乙',
      '【印发】某某办公室｜2013年8月20日',
    ].join('\n');
    expect(parseMarkup(source, NO_TABLES).blocks).toEqual([
      { kind: 'attachments', items: ['统计表', '名单'] },
      { kind: 'signature', office: '某某办公室', date: '2013年8月20日' },
      { kind: 'colophon', copyTo: '甲，乙', issuedBy: '某某办公室', issuedOn: '2013年8月20日' },
    ]);
  });

  it('starts attachment pages and page breaks', () => {
    expect(parseMarkup('【分页】\n【附件页】附件1\n【横向附件页】附件2\n【空行】', NO_TABLES).blocks).toEqual([
      { kind: 'pageBreak' },
      { kind: 'attachmentPage', label: '附件1', landscape: false },
      { kind: 'attachmentPage', label: '附件2', landscape: true },
      { kind: 'blank' },
    ]);
  });

  it('accepts [] brackets from an English keyboard and marker aliases', () => {
    expect(parseMarkup('[标题]关于\n【一级标题】情况', NO_TABLES).blocks).toEqual([
      { kind: 'title', lines: ['关于'] },
      { kind: 'heading', level: 1, text: '一、情况' },
    ]);
  });

  it('starts a new line at a known marker in the middle of a line', () => {
    const { blocks } = parseMarkup('【表头】单位【表行】庞村镇【表行】李村镇', NO_TABLES);
    expect(blocks).toMatchObject([
      { kind: 'table', table: { header: [[{ text: '单位' }]], body: [[{ text: '庞村镇' }], [{ text: '李村镇' }]] } },
    ]);
  });

  it('reports a line without a marker and an unknown marker with line and column', () => {
    const { issues } = parseMarkup('【正文】好\n  没有标记的一行\n【标 题】错字', NO_TABLES);
    expect(issues).toEqual([
      { line: 2, column: 3, message: expect.stringContaining('这一行没有以标记开头') },
      { line: 3, column: 1, message: expect.stringContaining('不认识的标记【标 题】') },
    ]);
  });

  it('leaves out a line whose data came out empty', () => {
    expect(parseMarkup(`【抄送】${protect('')}\n【正文】有`, NO_TABLES).blocks).toEqual([{ kind: 'paragraph', text: '有' }]);
  });

  it('prints data as text: markers, separators and braces in a value are not markup', () => {
    const remark = '【标题】假标题｜{{campaign.title}}';
    const { blocks, issues } = parseMarkup(`【正文】备注：${protect(remark)}\n【表行】1｜${protect('甲｜乙')}`, NO_TABLES);
    expect(issues).toEqual([]);
    expect(blocks[0]).toEqual({ kind: 'paragraph', text: `备注：${remark}` });
    expect(blocks[1]).toMatchObject({ kind: 'table', table: { body: [[{ text: '1' }, { text: '甲｜乙' }]] } });
  });

  it('refuses a line that starts with data instead of a marker', () => {
    expect(parseMarkup(`${protect('【标题】冒充')}`, NO_TABLES).issues).toEqual([
      { line: 1, column: 1, message: expect.stringContaining('行首缺少标记') },
    ]);
  });

  it('flattens line breaks inside a value so it cannot start a line of its own', () => {
    const { blocks, issues } = parseMarkup(`【正文】${protect('第一行\n【落款】第二行')}`, NO_TABLES);
    expect(issues).toEqual([]);
    expect(blocks).toEqual([{ kind: 'paragraph', text: '第一行 【落款】第二行' }]);
  });

  it('puts the 签发人 of an upward document beside its 文号, and refuses a 签发人 without one', () => {
    const { blocks, issues } = parseMarkup('【发文机关标志】某某办公室文件\n【文号】某办〔2013〕5号\n【签发人】签发人：张某某', NO_TABLES);
    expect(issues).toEqual([]);
    expect(blocks[1]).toEqual({ kind: 'documentNumber', text: '某办〔2013〕5号', signers: ['张某某'] });
    expect(parseMarkup('【标题】关于某事\n【签发人】张某某', NO_TABLES).issues).toEqual([
      { line: 2, column: 1, message: expect.stringContaining('【签发人】应写在【文号】的下一行') },
    ]);
  });
});

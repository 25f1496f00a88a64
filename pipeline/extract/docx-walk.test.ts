import { describe, expect, it } from 'vitest';
import { demoCampaign } from '../../test/support/demo-campaign.js';
import { walkDocumentXml } from './docx-walk.js';
import { findTables } from './find-table.js';
import type { Grid } from './grid.js';

// WordprocessingML as Word writes it, reduced to what each behaviour needs.
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const doc = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}" xmlns:mc="${MC}"><w:body>${body}<w:sectPr/></w:body></w:document>`;
const run = (text: string) => `<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`;
const p = (...runs: string[]) =>
  `<w:p><w:pPr><w:jc w:val="center"/></w:pPr>${runs.map((item) => (item.startsWith('<') ? item : run(item))).join('')}</w:p>`;
const tc = (text: string, properties = '') => `<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>${properties}</w:tcPr>${p(text)}</w:tc>`;
const tr = (cells: string, properties = '') => `<w:tr>${properties ? `<w:trPr>${properties}</w:trPr>` : ''}${cells}</w:tr>`;
const tbl = (columns: number, rows: string) =>
  `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>${'<w:gridCol w:w="1000"/>'.repeat(columns)}</w:tblGrid>${rows}</w:tbl>`;

const texts = (grid: Grid) => grid.rows.map((row) => row.map((cell) => cell.text));
const copies = (grid: Grid) => grid.rows.map((row) => row.map((cell) => (cell.mergedCopy ? 'x' : '.')).join(''));

describe('walkDocumentXml: tables', () => {
  it('lays merged cells out on the table grid: gridSpan across, vMerge down', () => {
    const xml = doc(
      tbl(
        4,
        tr(
          tc('部门数', '<w:vMerge w:val="restart"/>') +
            tc('检查网络数量(个)', '<w:gridSpan w:val="2"/>') +
            tc('备注', '<w:vMerge w:val="restart"/>'),
        ) +
          tr(tc('', '<w:vMerge/>') + tc('涉密') + tc('非涉密') + tc('', '<w:vMerge/>')) +
          tr(tc('10') + tc('0') + tc('2') + tc('无')),
      ),
    );
    const [grid] = walkDocumentXml(xml).grids;
    expect(texts(grid!)).toEqual([
      ['部门数', '检查网络数量(个)', '检查网络数量(个)', '备注'],
      ['部门数', '涉密', '非涉密', '备注'],
      ['10', '0', '2', '无'],
    ]);
    expect(copies(grid!)).toEqual(['..x.', 'x..x', '....']);
    expect(grid!.label).toBe('第1个表格');
    expect(grid!.rows[2]![1]!.address).toBe('第1个表格第3行第2列');
  });

  it('starts a row at gridBefore and pads gridAfter, keeping columns aligned', () => {
    const xml = doc(
      tbl(
        4,
        tr(tc('a') + tc('b') + tc('c') + tc('d')) +
          tr(tc('x') + tc('y'), '<w:gridBefore w:val="1"/><w:gridAfter w:val="1"/>') +
          tr(tc('z'), '<w:gridBefore w:val="3"/>'),
      ),
    );
    const [grid] = walkDocumentXml(xml).grids;
    expect(texts(grid!)).toEqual([
      ['a', 'b', 'c', 'd'],
      ['', 'x', 'y', ''],
      ['', '', '', 'z'],
    ]);
    expect(grid!.rows[1]![2]!.address).toBe('第1个表格第2行第3列');
  });

  it('reads a legacy hMerge continuation as the cell to its left', () => {
    const xml = doc(tbl(3, tr(tc('合并', '<w:hMerge w:val="restart"/>') + tc('', '<w:hMerge/>') + tc('c'))));
    const [grid] = walkDocumentXml(xml).grids;
    expect(texts(grid!)).toEqual([['合并', '合并', 'c']]);
    expect(copies(grid!)).toEqual(['.x.']);
  });

  it('reads through content controls at block, row, cell and run level', () => {
    const sdt = (content: string) =>
      `<w:sdt><w:sdtPr><w:alias w:val="填写"/><w:showingPlcHdr/></w:sdtPr><w:sdtContent>${content}</w:sdtContent></w:sdt>`;
    const xml = doc(sdt(tbl(2, tr(tc('a') + sdt(tc('b'))) + sdt(tr(`${tc('c')}<w:tc>${p(run('d'), sdt(run('1')), run('2'))}</w:tc>`)))));
    const [grid] = walkDocumentXml(xml).grids;
    expect(texts(grid!)).toEqual([
      ['a', 'b'],
      ['c', 'd12'],
    ]);
  });

  it('accepts tracked changes: insertions kept, deletions, deleted rows and cells skipped', () => {
    const ins = (text: string) => `<w:ins w:id="1" w:author="张三" w:date="2013-08-16T00:00:00Z">${run(text)}</w:ins>`;
    const del = (text: string) =>
      `<w:del w:id="2" w:author="张三" w:date="2013-08-16T00:00:00Z"><w:r><w:delText>${text}</w:delText></w:r></w:del>`;
    const xml = doc(
      tbl(
        2,
        tr(`<w:tc>${p(del('12'), ins('15'))}</w:tc><w:tc>${p(run('台'), del('个'))}</w:tc>`) +
          tr(tc('旧行') + tc('删除'), '<w:del w:id="3" w:author="张三" w:date="2013-08-16T00:00:00Z"/>') +
          tr(tc('留') + tc('删', '<w:cellDel w:id="4" w:author="张三" w:date="2013-08-16T00:00:00Z"/>') + tc('下')),
      ),
    );
    const [grid] = walkDocumentXml(xml).grids;
    expect(texts(grid!)).toEqual([
      ['15', '台'],
      ['留', '下'],
    ]);
  });

  it('reads field results, not field codes; tabs and breaks as whitespace', () => {
    const complex = `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> =SUM(ABOVE) </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${run('42')}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;
    const simple = `<w:fldSimple w:instr=" PAGE ">${run('7')}</w:fldSimple>`;
    const xml = doc(p('合计', complex) + p('第', simple, '页') + p(`<w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r>`));
    expect(walkDocumentXml(xml).paragraphs.map((item) => item.text)).toEqual(['合计42', '第7页', '甲\t乙\n丙']);
  });

  it('gives nested tables grids of their own, numbered after the table around them', () => {
    const inner = tbl(2, tr(tc('x') + tc('y')));
    const xml = doc(p('外面的段落') + tbl(1, tr(`<w:tc>${p('填报区域或单位：寇店镇')}${inner}${p('表后说明')}</w:tc>`)));
    const { grids, paragraphs } = walkDocumentXml(xml);
    expect(grids.map((grid) => grid.label)).toEqual(['第1个表格', '第2个表格']);
    expect(texts(grids[0]!)).toEqual([['填报区域或单位：寇店镇\n表后说明']]);
    expect(texts(grids[1]!)).toEqual([['x', 'y']]);
    expect(grids[1]!.preamble?.map((line) => line.text)).toEqual(['外面的段落', '填报区域或单位：寇店镇']);
    expect(paragraphs.find((item) => item.text === 'x')).toEqual({ text: 'x', location: '第2个表格第1行第1列', table: '第2个表格' });
  });
});

describe('walkDocumentXml: paragraphs and preamble', () => {
  it('numbers body paragraphs with text and gives a table the lines since the previous table', () => {
    const xml = doc(
      p('附件2') +
        p('') +
        p('自查情况统计表') +
        p('填报区域或单位：寇店镇') +
        tbl(1, tr(tc('a')) + tr(tc('b')) + tr(tc('c'))) +
        p('填报人：张三') +
        tbl(1, tr(tc('d')) + tr(tc('e')) + tr(tc('f'))),
    );
    const { grids, paragraphs } = walkDocumentXml(xml);
    expect(grids[0]!.preamble).toEqual([
      { text: '附件2', location: '第1段' },
      { text: '自查情况统计表', location: '第2段' },
      { text: '填报区域或单位：寇店镇', location: '第3段' },
    ]);
    expect(grids[1]!.preamble).toEqual([{ text: '填报人：张三', location: '第4段' }]);
    expect(paragraphs.filter((item) => item.table === null).map((item) => item.location)).toEqual(['第1段', '第2段', '第3段', '第4段']);
  });

  it('keeps only the last lines of a long text above a table', () => {
    const body = Array.from({ length: 12 }, (_, index) => p(`第${index + 1}段正文`)).join('');
    const [grid] = walkDocumentXml(doc(body + tbl(1, tr(tc('a'))))).grids;
    expect(grid!.preamble).toHaveLength(8);
    expect(grid!.preamble![0]!.text).toBe('第5段正文');
  });

  it('offers the cells of a short table of header fields to the table below it', () => {
    const fields = tbl(2, tr(tc('填报区域或单位：李村镇') + tc('填报日期：2013年8月15日')));
    const [, grid] = walkDocumentXml(doc(fields + tbl(1, tr(tc('a')) + tr(tc('b')) + tr(tc('c'))))).grids;
    expect(grid!.preamble).toEqual([
      { text: '填报区域或单位：李村镇', location: '第1个表格第1行第1列' },
      { text: '填报日期：2013年8月15日', location: '第1个表格第1行第2列' },
    ]);
  });

  it('reads text boxes once (the modern choice, not the VML fallback)', () => {
    const box = `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>${p('框内文字')}</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>${p('框内文字')}</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>`;
    const [paragraph] = walkDocumentXml(doc(p('标题', box))).paragraphs;
    expect(paragraph!.text.replace(/\s+/g, '')).toBe('标题框内文字');
  });

  it('rejects what is not WordprocessingML', () => {
    expect(() => walkDocumentXml('<w:document xmlns:w="x"><w:body>')).toThrow();
    expect(() => walkDocumentXml('<html/>')).toThrow('没有正文');
  });
});

describe('a Word table found by its header, with the header fields in paragraphs above', () => {
  it('reads values and the 填报 lines exactly as from a sheet', async () => {
    const campaign = await demoCampaign();
    const groups = ['检查网络数量(个)', '检查计算机数量(台)', '检查移动存储介质数量(个)', '封存计算机数量(台)', '封存移动存储介质数量(个)'];
    const single = (text: string) => tc(text, '<w:vMerge w:val="restart"/>');
    const header1 =
      single('检查机关、单位内设部门数量(个)') +
      groups.map((group) => tc(group, '<w:gridSpan w:val="2"/>')).join('') +
      single('删除涉密或敏感信息数量(条)') +
      single('关闭或责令整改网站数量(个)') +
      single('备注');
    const cont = tc('', '<w:vMerge/>');
    const header2 = cont + groups.map(() => tc('涉密') + tc('非涉密')).join('') + cont + cont + cont;
    const values = ['10', '0', '2', '1', '38', '2', '45', '0', '1', '0', '0', '3', '0', '已整改'];
    const xml = doc(
      p('附件2') +
        p('自查情况统计表') +
        p('填报区域或单位：寇店镇人民政府', '<w:r><w:tab/></w:r>', '填报日期：2013年8月16日') +
        tbl(14, tr(header1) + tr(header2) + tr(values.map((value) => tc(value)).join(''))),
    );
    const [grid] = walkDocumentXml(xml).grids;
    const [table] = findTables(grid!, campaign.tables[0]!);
    expect(table!.unitName).toEqual({ text: '寇店镇人民政府', location: '第3段' });
    expect(table!.date).toEqual({ text: '2013年8月16日', location: '第3段' });
    expect(table!.missingColumns).toEqual([]);
    expect(table!.rows).toHaveLength(1);
    expect(table!.rows[0]!.cells['computersUnclassified']).toEqual({ text: '38', address: '第1个表格第3行第5列' });
    expect(table!.rows[0]!.cells['remarks']!.text).toBe('已整改');
  });
});

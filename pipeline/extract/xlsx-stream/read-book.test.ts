import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { inspectOoxml } from '../ooxml-inspect.js';
import { readXlsxGrids, readXlsxGridsStreaming, readXlsxGridsWithExcelJs } from '../xlsx-grid.js';
import { OddPackage } from './odd-package.js';

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function workbookXml(sheets: readonly { name: string; state?: string }[], date1904 = false): string {
  const list = sheets
    .map((sheet, i) => `<sheet name="${sheet.name}" sheetId="${i + 1}"${sheet.state ? ` state="${sheet.state}"` : ''} r:id="rId${i + 1}"/>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><workbook ${MAIN} ${REL}>${date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${list}</sheets><definedNames><definedName name="all">表1!$A$1:$AZ$1048576</definedName></definedNames></workbook>`;
}

/** A package written by hand, part by part, the way generators and WPS write them. */
function xlsx(
  sheets: readonly { name: string; state?: string; xml: string }[],
  parts: Record<string, string> = {},
  date1904 = false,
): Buffer {
  const rels = sheets
    .map(
      (_, i) =>
        `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    )
    .join('');
  const files: Record<string, Uint8Array> = {
    '_rels/.rels': strToU8(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(workbookXml(sheets, date1904)),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
    ),
  };
  sheets.forEach((sheet, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(`<?xml version="1.0"?><worksheet ${MAIN} ${REL}>${sheet.xml}</worksheet>`);
  });
  for (const [name, text] of Object.entries(parts)) files[name] = strToU8(text);
  return Buffer.from(zipSync(files));
}

const STYLES = `<?xml version="1.0"?><styleSheet ${MAIN}><numFmts count="2"><numFmt numFmtId="176" formatCode="0.0%"/><numFmt numFmtId="177" formatCode="yyyy\\-mm\\-dd"/></numFmts><fonts count="1"><font><sz val="11"/></font></fonts><cellXfs count="6"><xf numFmtId="0" fontId="0"/><xf numFmtId="176" fontId="0"/><xf numFmtId="177" fontId="0"/><xf numFmtId="31" fontId="0"><alignment horizontal="center"/></xf><xf numFmtId="14"/><xf numFmtId="9"/></cellXfs></styleSheet>`;

const SHARED = `<?xml version="1.0"?><sst ${MAIN} count="5"><si><t>单位名称</t></si><si><r><rPr><b/></rPr><t>检查</t></r><r><t xml:space="preserve"> 数量</t></r></si><si/><si><t>巩义_x000D_市</t><rPh sb="0" eb="2"><t>ゴンイ</t></rPh><phoneticPr fontId="1"/></si><si><r><t>前</t></r><r><t>后</t></r></si></sst>`;

const TABLE = `<sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>
<row r="2" s="1" customFormat="1"><c r="A2" t="inlineStr"><is><t>庞村镇 &amp;amp; 寇店镇</t></is></c><c r="B2" t="str"><v>A&amp;amp;B</v></c><c r="C2" t="inlineStr"><is><r><t>富</t></r><r><rPr><i/></rPr><t>文本</t></r></is></c><c r="D2" t="b"><v>1</v></c><c r="E2" t="e"><v>#DIV/0!</v></c></row>
<row r="3"><c r="A3" s="1"><v>0.857</v></c><c r="B3" s="2"><v>46160</v></c><c r="C3" s="3"><v>46160</v></c><c r="D3" s="4"><v>46160.5</v></c><c r="E3" s="0"><v> 12.50 </v></c></row>
<row r="4"><c r="A4"><f>SUM(A3:A3)</f><v>0</v></c><c r="B4" t="str"><f>B2</f><v>x&amp;lt;y</v></c><c r="C4" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D4" s="2"><f>B3</f><v>46160</v></c><c r="E4" s="5"><f>A3</f></c></row>
<row r="5"><c r="A5"><f t="shared" ref="A5:C5" si="0">A3*2</f></c><c r="B5"><f t="shared" si="0"/></c><c r="C5"><f t="shared" si="0"/><v>3</v></c><c r="D5" s="0"/><c r="E5"/></row>
<row r="6"><c r="A6"><v>1</v></c><c r="H6" s="1"/></row>
<row r="6"><c r="A6"><v>2</v></c><c r="F6" s="1"/></row>
<row r="9" s="2" customFormat="1"/>
<row r="12"><c r="B12" s="1"/></row>
</sheetData><mergeCells count="2"><mergeCell ref="A1:A2"/><mergeCell ref="B11:C13"/></mergeCells><hyperlinks><hyperlink ref="A1" r:id="rId9"/></hyperlinks>`;

async function bothReaders(content: Buffer, maxRows?: number) {
  const inspected = await inspectOoxml(content, 100 * 1024 * 1024);
  if (!inspected.ok) throw new Error('inspection refused the package');
  const options = { opened: inspected.opened, ...(maxRows ? { maxRows } : {}) };
  return { excel: await readXlsxGridsWithExcelJs(content, options), stream: await readXlsxGridsStreaming(content, options), options };
}

describe('the streaming .xlsx reader gives exactly what exceljs gives', () => {
  it('reads shared and inline strings, rich text, dates, percentages, errors, formulas and merges alike', async () => {
    const content = xlsx(
      [
        { name: '表1', xml: TABLE },
        { name: '计算明细', state: 'hidden', xml: '<sheetData><row r="3"><c r="A3"><v>5</v></c></row></sheetData>' },
        { name: 'Sheet 3', xml: '<sheetData/>' },
      ],
      { 'xl/styles.xml': STYLES, 'xl/sharedStrings.xml': SHARED },
    );
    const { excel, stream } = await bothReaders(content);
    expect(stream).toEqual(excel);
    const cells = stream.grids[0]!.rows.flat();
    const at = (address: string) => cells.find((cell) => cell.address === address)!;
    // The quirks kept: a cached 0 is computed again, a styled empty cell widens the sheet.
    expect(at('A4')).toMatchObject({ number: 0.857, formula: { text: '=SUM(A3:A3)', computed: true } });
    expect(at('B5').formula?.text).toBe('=B3*2');
    expect(at('C3')).toMatchObject({ text: '2026年5月18日', date: '2026-05-18' });
    expect(stream.grids).toHaveLength(2);
    expect(stream.grids[0]!.rows).toHaveLength(13);
    expect(stream.grids[0]!.rows[0]).toHaveLength(6);
  });

  it('cuts a sheet at the rows read, and counts in the 1904 date system', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" s="2"><v>${40000 + i}</v></c></row>`).join('');
    const content = xlsx([{ name: '表1', xml: `<sheetData>${rows}</sheetData>` }], { 'xl/styles.xml': STYLES }, true);
    const { excel, stream } = await bothReaders(content, 10);
    expect(stream).toEqual(excel);
    expect(stream.truncated).toEqual(['表1']);
  });

  it('leaves to exceljs a package it does not read the same way, and readXlsxGrids then gives the grids exceljs gives', async () => {
    const odd = [
      xlsx([{ name: '表1', xml: '<sheetData><row r="1"><c r="A1"><v>1</v><extLst/></c><c r="B1"><v>2</v></c></row></sheetData>' }]),
      xlsx([{ name: '表1', xml: TABLE }], { 'xl/styles.xml': STYLES, 'xl/sharedStrings.xml': SHARED, 'xl/comments1.xml': '<comments/>' }),
      xlsx([{ name: 'a/b', xml: '<sheetData/>' }]),
    ];
    for (const content of odd) {
      const inspected = await inspectOoxml(content, 100 * 1024 * 1024);
      if (!inspected.ok) throw new Error('inspection refused the package');
      await expect(readXlsxGridsStreaming(content, { opened: inspected.opened })).rejects.toBeInstanceOf(OddPackage);
      const excel = await readXlsxGridsWithExcelJs(content, { opened: inspected.opened }).catch((cause: Error) => cause.message);
      const read = await readXlsxGrids(content, { opened: inspected.opened }).catch((cause: Error) => cause.message);
      expect(read).toEqual(excel);
    }
  });
});

import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { inspectOoxml } from './ooxml-inspect.js';

const pack = (files: Record<string, string>) =>
  Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)]))));
const TYPES = '<?xml version="1.0"?><Types/>';

describe('inspectOoxml', () => {
  it('passes a plain package and measures its XML', async () => {
    const result = await inspectOoxml(pack({ '[Content_Types].xml': TYPES, 'xl/workbook.xml': '<workbook/>' }), 1024);
    expect(result).toMatchObject({
      ok: true,
      inspection: { xmlBytes: TYPES.length + 11, macros: false, externalTargets: [], ddeFormulas: [] },
    });
    // The XML it inflated is handed on, so the reader after it does not open the zip again.
    const opened = result.ok ? result.opened : null;
    expect(opened?.xml.get('xl/workbook.xml')?.toString('utf8')).toBe('<workbook/>');
    expect(opened?.entries.map((entry) => entry.fileName)).toEqual(['[Content_Types].xml', 'xl/workbook.xml']);
  });

  it('finds macros, outside targets (but not hyperlinks) and DDE formulas and fields', async () => {
    const result = await inspectOoxml(
      pack({
        '[Content_Types].xml': TYPES,
        'xl/vbaProject.bin': 'Sub Auto_Open()',
        'xl/_rels/workbook.xml.rels':
          '<Relationships><Relationship Id="r1" Type="http://x/externalLinkPath" Target="\\\\evil\\share\\a.xlsx" TargetMode="External"/><Relationship Id="r2" Type="http://x/hyperlink" Target="http://example.cn" TargetMode="External"/></Relationships>',
        'xl/worksheets/sheet1.xml': "<worksheet><c><f>cmd|' /C calc'!A0</f></c><c><f>SUM(A1:A3)</f></c></worksheet>",
        'word/document.xml': '<w:document><w:instrText> DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc" </w:instrText></w:document>',
      }),
      1 << 20,
    );
    expect(result.ok && result.inspection).toEqual({
      xmlBytes: expect.any(Number),
      macros: true,
      externalTargets: ['\\\\evil\\share\\a.xlsx'],
      ddeFormulas: ["cmd|' /C calc'!A0", 'DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc"'],
    });
  });

  it('refuses XML that inflates past the limit, without inflating it all', async () => {
    const bomb = pack({ '[Content_Types].xml': TYPES, 'xl/worksheets/sheet1.xml': `<worksheet>${'<row/>'.repeat(2_000_000)}</worksheet>` });
    expect(bomb.length).toBeLessThan(100_000);
    expect(await inspectOoxml(bomb, 1024 * 1024)).toMatchObject({ ok: false, limit: 1024 * 1024 });
  });

  it('throws on what is not a zip (the caller reports the file as damaged)', async () => {
    await expect(inspectOoxml(Buffer.from('not a zip'), 1024)).rejects.toThrow();
  });
});

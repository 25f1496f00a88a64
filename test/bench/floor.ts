/**
 * The libraries' floor: the same messages through the libraries alone, in one process — read
 * each file, mailparser parse, exceljs read of each table, then one workbook and one Word
 * document (docx, a table of one row per unit) of the same shape written once. The pipeline's
 * overhead is its time divided by this one, measured side by side.
 * Usage: node dist/test/bench/floor.js <mail folder> <out folder>
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';

const [mailDir, outDir] = process.argv.slice(2) as [string, string];
const names = (await readdir(mailDir)).filter((name) => name.endsWith('.eml')).sort();
let tables = 0;
const workbookOut = new ExcelJS.Workbook();
const sheet = workbookOut.addWorksheet('汇总');
for (const name of names) {
  const mail = await simpleParser(await readFile(join(mailDir, name)), {
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipImageLinks: true,
  });
  for (const attachment of mail.attachments) {
    if (!attachment.filename?.endsWith('.xlsx')) continue;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(attachment.content as unknown as ArrayBuffer);
    const row = workbook.worksheets[0]!.getRow(7);
    sheet.addRow([name, ...Array.from({ length: 14 }, (_, c) => row.getCell(c + 1).value as ExcelJS.CellValue)]);
    tables++;
  }
}
await writeFile(join(outDir, 'floor.xlsx'), Buffer.from(await workbookOut.xlsx.writeBuffer()));
const text = (value: unknown) => new TableCell({ children: [new Paragraph(String(value ?? ''))] });
const rows: TableRow[] = [];
sheet.eachRow((row) => {
  rows.push(new TableRow({ children: (row.values as unknown[]).slice(1).map(text) }));
});
const document = new Document({ sections: [{ children: [new Paragraph('汇总报告'), new Paragraph('正文'), new Table({ rows })] }] });
await writeFile(join(outDir, 'floor.docx'), await Packer.toBuffer(document));
process.stderr.write(`HUIZONG_FLOOR_TABLES=${tables}\nHUIZONG_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`);

/**
 * The floor of the list benchmark, measured the same way as floor.ts: for each message write its
 * raw bytes durably (write + fsync), parse it with mailparser, load its .xlsx with exceljs and
 * take every row under the header; then write one workbook with every unit's rows. Nothing else.
 * Usage: node dist/test/bench/list-floor.js <mail folder> <work folder>
 */
import { mkdir, open, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';

/** The list's header row in the corpus's files (list-corpus.ts); its rows follow. */
const HEADER_ROW = 3;

const [mailDir, workDir] = process.argv.slice(2) as [string, string];
const storeDir = join(workDir, 'list-floor-store');
await mkdir(storeDir, { recursive: true });
const names = (await readdir(mailDir)).filter((name) => name.endsWith('.eml')).sort();
let rows = 0;
const out = new ExcelJS.Workbook();
const sheet = out.addWorksheet('汇总');
for (const name of names) {
  const raw = await readFile(join(mailDir, name));
  const handle = await open(join(storeDir, name), 'w');
  await handle.writeFile(raw);
  await handle.sync();
  await handle.close();
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  for (const attachment of mail.attachments) {
    if (!attachment.filename?.endsWith('.xlsx')) continue;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(attachment.content as unknown as ArrayBuffer);
    const source = workbook.worksheets[0]!;
    for (let r = HEADER_ROW + 1; r <= source.rowCount; r++) {
      const row = source.getRow(r);
      sheet.addRow([name, ...Array.from({ length: 7 }, (_, c) => row.getCell(c + 1).value as ExcelJS.CellValue)]);
      rows++;
    }
  }
}
await writeFile(join(workDir, 'list-floor.xlsx'), Buffer.from(await out.xlsx.writeBuffer()));
process.stderr.write(`HUIZONG_FLOOR_ROWS=${rows}\nHUIZONG_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`);

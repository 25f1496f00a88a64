/**
 * The floor: what any implementation of the job must spend with the project's own libraries, in
 * one process and one thread (issue 15's definition). For each message: write its raw bytes
 * durably (write + fsync), parse it with mailparser, load its .xlsx table with exceljs and take
 * the data row; then write one workbook with a row per unit. Nothing else. The pipeline's cold
 * `run` is measured against it side by side (run.ts pairs each cold run with a floor run).
 * Usage: node dist/test/bench/floor.js <mail folder> <work folder>
 */
import { mkdir, open, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';

/** The statistics table's data row (the corpus's tables are made by examples/kit/statistics-table.ts). */
const DATA_ROW = 7;

const [mailDir, workDir] = process.argv.slice(2) as [string, string];
const storeDir = join(workDir, 'floor-store');
await mkdir(storeDir, { recursive: true });
const names = (await readdir(mailDir)).filter((name) => name.endsWith('.eml')).sort();
let tables = 0;
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
    const row = workbook.worksheets[0]!.getRow(DATA_ROW);
    sheet.addRow([name, ...Array.from({ length: 14 }, (_, c) => row.getCell(c + 1).value as ExcelJS.CellValue)]);
    tables++;
  }
}
await writeFile(join(workDir, 'floor.xlsx'), Buffer.from(await out.xlsx.writeBuffer()));
process.stderr.write(`HUIZONG_FLOOR_TABLES=${tables}\nHUIZONG_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`);

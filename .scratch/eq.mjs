import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
const WT = process.argv[2];
const { loadCampaign } = await import(`${WT}/dist/intake/kernel/campaign/load-campaign.js`);
const { buildWorkbook } = await import(`${WT}/dist/output/workbook/build-workbook.js`);
const { xlsxBuffer } = await import(`${WT}/dist/output/workbook/xlsx-buffer.js`);
const campaign = await loadCampaign(process.argv[3]);
const result = JSON.parse(readFileSync(process.argv[4], 'utf8')).result;
const stamp = new Date(result.asOf);
let t = performance.now();
const old = await xlsxBuffer(buildWorkbook(ExcelJS, campaign, result, {}), stamp);
console.log('exceljs cells', (performance.now() - t).toFixed(0), 'ms', old.length);
t = performance.now();
const neu = await xlsxBuffer(buildWorkbook(ExcelJS, campaign, result, { deferListRows: new Map() }), stamp);
console.log('deferred rows', (performance.now() - t).toFixed(0), 'ms', neu.length);
const a = new ExcelJS.Workbook(); await a.xlsx.load(old);
const b = new ExcelJS.Workbook(); await b.xlsx.load(neu);
let diffs = 0;
for (const sa of a.worksheets) {
  const sb = b.getWorksheet(sa.name);
  if (sa.rowCount !== sb.rowCount) console.log('rowCount', sa.name, sa.rowCount, sb.rowCount);
  for (let r = 1; r <= sa.rowCount; r++) {
    const ra = sa.getRow(r), rb = sb.getRow(r);
    if (ra.height !== rb.height && diffs++ < 10) console.log('height', sa.name, r, ra.height, rb.height);
    for (let c = 1; c <= Math.max(ra.cellCount, rb.cellCount); c++) {
      const ca = ra.getCell(c), cb = rb.getCell(c);
      const ja = JSON.stringify([ca.value, ca.type, ca.style]), jb = JSON.stringify([cb.value, cb.type, cb.style]);
      if (ja !== jb && diffs++ < 10) console.log('cell', sa.name, ca.address, ja, jb);
    }
  }
  for (let c = 1; c <= sa.columnCount; c++) if (sa.getColumn(c).width !== sb.getColumn(c).width) console.log('width', c);
  if (JSON.stringify(sa.model.merges) !== JSON.stringify(sb.model.merges)) console.log('merges differ', sa.name);
}
console.log('diffs', diffs, 'sheets', a.worksheets.map((s) => s.name + ':' + s.rowCount).join(' '));

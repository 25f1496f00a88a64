import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
const WT = process.argv[2];
const { loadCampaign } = await import(`${WT}/dist/intake/kernel/campaign/load-campaign.js`);
const { buildWorkbook } = await import(`${WT}/dist/output/workbook/build-workbook.js`);
const { xlsxBuffer } = await import(`${WT}/dist/output/workbook/xlsx-buffer.js`);
const campaign = await loadCampaign(process.argv[3]);
const result = JSON.parse(readFileSync(process.argv[4], 'utf8')).result;
const stamp = new Date(result.asOf);
for (const defer of [true, true, false]) {
  let t = performance.now();
  const wb = buildWorkbook(ExcelJS, campaign, result, { deferListRows: defer });
  const built = performance.now() - t;
  const buf = await xlsxBuffer(wb, stamp);
  console.log(defer ? 'deferred' : 'exceljs', 'build', built.toFixed(0), 'total', (performance.now() - t).toFixed(0), 'ms', buf.length);
}

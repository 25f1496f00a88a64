/** The Chinese summary printed by run, merge and status. */
import type { Campaign } from '../../../intake/kernel/campaign/campaign.js';
import { describeProblem } from '../../../intake/kernel/problems.js';
import { formatBeijing } from '../../../intake/kernel/time.js';
import type { MergeResult } from '../../../pipeline/merge/merge-result.js';
import { deadlinePassed, UNIT_STATUS_LABEL, UNIT_STATUSES, unitStatusLabel } from '../../../pipeline/merge/merge-result.js';
import type { Printer } from '../printer.js';
import { formatTable } from './terminal.js';

export function printHeading(printer: Printer, campaign: Campaign, result: MergeResult): void {
  printer.out(`${campaign.file.title}（${campaign.file.documentNumber}）`);
  printer.out(
    `截止时间 ${formatBeijing(campaign.file.deadline)}，数据截至 ${result.asOf ? formatBeijing(result.asOf) : '—（尚未收信）'}（北京时间）`,
  );
}

export function printStatusTable(printer: Printer, result: MergeResult): void {
  const passed = deadlinePassed(result);
  const rows = result.units.map((unit, index) => {
    const firstError = unit.problems.find((item) => item.severity === 'error');
    const note = firstError
      ? describeProblem({ ...firstError, unit: undefined })
      : unit.problems.length > 0
        ? `${unit.problems.length} 条提示`
        : '';
    return [
      String(index + 1),
      unit.unit,
      unit.late && unit.status !== 'late' ? `${UNIT_STATUS_LABEL[unit.status]}（逾期）` : unitStatusLabel(unit.status, passed),
      unit.receivedAt ? formatBeijing(unit.receivedAt) : '',
      note,
    ];
  });
  for (const line of formatTable(['序号', '单位', '报送情况', '接收时间', '说明'], rows)) printer.out(line);
}

export function printCounts(printer: Printer, result: MergeResult): void {
  const passed = deadlinePassed(result);
  const counts = UNIT_STATUSES.map(
    (status) => `${unitStatusLabel(status, passed)} ${result.units.filter((unit) => unit.status === status).length}`,
  );
  printer.out(`共 ${result.units.length} 个单位：${counts.join('，')}`);
  const errors = result.problems.filter((item) => item.severity === 'error').length;
  const warnings = result.problems.length - errors;
  printer.out(`问题：错误 ${errors} 条，提示 ${warnings} 条${result.problems.length > 0 ? '（详见汇总表「问题清单」）' : ''}`);
  if (result.unidentified.length > 0) {
    printer.out(
      `待核实来信 ${result.unidentified.length} 封（请在控制台的“待核实”页认定单位：运行 huizong serve 后在浏览器中打开；也可以在 decisions.yaml 的 assign 中写明）：`,
    );
    for (const item of result.unidentified) {
      printer.out(`  ${item.shortId}  ${item.from || '（无发件人）'}  「${item.subject}」  ${item.reason}`);
    }
  }
}

/** Small formatting shared by the pages: times in Beijing time, the deadline's distance, status badges. */
import { formatBeijing } from '../../../../intake/kernel/time.js';
import { UNIT_STATUS_LABEL, type UnitStatus } from '../../../../pipeline/merge/merge-result.js';
import { html, type SafeHtml } from './html.js';

export function when(instant: string | null | undefined): string {
  return instant ? formatBeijing(instant) : '—';
}

/** "还有 2 天 3 小时" / "已过截止时间 1 天 4 小时". */
export function timeLeft(deadline: string, now: Date): string {
  const ms = Date.parse(deadline) - now.getTime();
  const abs = Math.abs(ms);
  const days = Math.floor(abs / 86_400_000);
  const hours = Math.floor((abs % 86_400_000) / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const span = days > 0 ? `${days} 天 ${hours} 小时` : hours > 0 ? `${hours} 小时 ${minutes} 分` : `${minutes} 分`;
  return ms >= 0 ? `还有 ${span}` : `已过截止时间 ${span}`;
}

const STATUS_CLASS: Record<UnitStatus, string> = {
  onTime: 's-ontime',
  late: 's-late',
  incomplete: 's-incomplete',
  invalid: 's-invalid',
  pending: 's-pending',
  missing: 's-missing',
};

export function statusBadge(status: UnitStatus): SafeHtml {
  return html`<span class="status ${STATUS_CLASS[status]}">${UNIT_STATUS_LABEL[status]}</span>`;
}

export function unitHref(unit: string): string {
  return `/unit/${encodeURIComponent(unit)}`;
}

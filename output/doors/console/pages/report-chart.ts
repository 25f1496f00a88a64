/**
 * The 总览 chart: how many units had reported by each day (Beijing time), against the deadline
 * and the roster size. Drawn here as SVG (no chart library, no script): bars for the units whose
 * first material arrived that day, a line for the running total, a dashed line at the deadline.
 * Pure: the units' first receipt times in, markup out.
 */
import { html, joinHtml, type SafeHtml } from './html.js';

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;
/** Beyond this many days only the last ones are drawn (a campaign runs for weeks, not months). */
const MAX_DAYS = 45;
/** The chart runs on to the data's date when that is at most this many days after the last event. */
const RECENT_DAYS = 14;

export interface ChartDay {
  /** "YYYY-MM-DD", Beijing time. */
  date: string;
  /** Units whose first material arrived that day. */
  added: number;
  /** Units that had reported by the end of that day. */
  total: number;
}

export interface ChartInput {
  /** First receipt of each roster unit (null: not reported). */
  firstReceipts: readonly (string | null)[];
  deadline: string;
  /** Data as of (last poll); the chart runs at least to that day. */
  asOf: string | null;
  /** When the notice went out, if known: the chart starts there at the latest. */
  start?: string | null;
}

const beijingDay = (ms: number) => Math.floor((ms + BEIJING_OFFSET_MS) / DAY_MS);
const dayText = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export function chartDays(input: ChartInput): { days: ChartDay[]; deadlineIndex: number | null } {
  const firsts = input.firstReceipts
    .filter((at): at is string => at !== null)
    .map((at) => beijingDay(Date.parse(at)))
    .filter(Number.isFinite);
  const deadlineDay = beijingDay(Date.parse(input.deadline));
  const asOfDay = input.asOf ? beijingDay(Date.parse(input.asOf)) : deadlineDay;
  const startCandidates = [...firsts, deadlineDay - 6];
  if (input.start) startCandidates.push(beijingDay(Date.parse(input.start)));
  let first = Math.min(...startCandidates.filter(Number.isFinite));
  // To the deadline or the last report, and on to the data's date while the campaign is recent
  // (a campaign looked at years later still shows its own weeks).
  const lastEvent = Math.max(deadlineDay, ...firsts);
  const last = asOfDay > lastEvent && asOfDay - lastEvent <= RECENT_DAYS ? asOfDay : lastEvent + 1;
  if (last - first + 1 > MAX_DAYS) first = last - MAX_DAYS + 1;
  const counts = new Map<number, number>();
  for (const day of firsts) counts.set(day, (counts.get(day) ?? 0) + 1);
  let total = firsts.filter((day) => day < first).length;
  const days: ChartDay[] = [];
  for (let day = first; day <= last; day++) {
    const added = counts.get(day) ?? 0;
    total += added;
    days.push({ date: dayText(day), added, total });
  }
  return { days, deadlineIndex: deadlineDay >= first && deadlineDay <= last ? deadlineDay - first : null };
}

export function reportChartSvg(input: ChartInput): SafeHtml {
  const units = input.firstReceipts.length;
  const { days, deadlineIndex } = chartDays(input);
  const width = 640;
  const height = 210;
  const left = 36;
  const right = 12;
  // Room above the plot for the 截止 label: the running total never reaches into it.
  const top = 24;
  const bottom = 30;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const top1 = Math.max(units, 1);
  const slot = plotW / days.length;
  const x = (index: number) => left + slot * index + slot / 2;
  const y = (value: number) => top + plotH - (value / top1) * plotH;
  const bars = days.map((day, index) =>
    day.added === 0
      ? html``
      : html`<rect x="${(x(index) - slot * 0.3).toFixed(1)}" y="${y(day.added).toFixed(1)}" width="${(slot * 0.6).toFixed(1)}" height="${(plotH - (y(day.added) - top)).toFixed(1)}" fill="#9bbbe0"><title>${day.date}：新报送 ${day.added} 个单位</title></rect>`,
  );
  const line = days.map((day, index) => `${x(index).toFixed(1)},${y(day.total).toFixed(1)}`).join(' ');
  const every = Math.ceil(days.length / 10);
  const labels = days.map((day, index) =>
    index % every === 0 || index === days.length - 1
      ? html`<text x="${x(index).toFixed(1)}" y="${height - 10}" text-anchor="middle" font-size="11" fill="#555">${day.date.slice(5)}</text>`
      : html``,
  );
  const deadline =
    deadlineIndex === null
      ? html``
      : html`<line x1="${(x(deadlineIndex) + slot / 2).toFixed(1)}" y1="${top}" x2="${(x(deadlineIndex) + slot / 2).toFixed(1)}" y2="${top + plotH}" stroke="#c0392b" stroke-width="1.5" stroke-dasharray="5,3"/><text x="${(x(deadlineIndex) + slot / 2).toFixed(1)}" y="${top - 8}" text-anchor="middle" font-size="11" fill="#c0392b">截止</text>`;
  const reported = days.at(-1)?.total ?? 0;
  return html`<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="各日报送单位数：已报送 ${reported} 个，共 ${units} 个单位">
<line x1="${left}" y1="${y(units).toFixed(1)}" x2="${width - right}" y2="${y(units).toFixed(1)}" stroke="#999" stroke-dasharray="2,3"/>
<text x="${left - 4}" y="${(y(units) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#555">${units}</text>
<text x="${left - 4}" y="${top + plotH + 4}" text-anchor="end" font-size="11" fill="#555">0</text>
<line x1="${left}" y1="${top + plotH}" x2="${width - right}" y2="${top + plotH}" stroke="#666"/>
${joinHtml(bars)}
<polyline points="${line}" fill="none" stroke="#1f5fa8" stroke-width="2"/>
${deadline}
${joinHtml(labels)}
</svg>`;
}

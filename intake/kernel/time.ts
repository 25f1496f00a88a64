/**
 * Times as the secretariat reads them: Beijing time (Asia/Shanghai), whatever the machine's
 * own time zone is. Lateness is always judged on instants (epoch ms), never on local text.
 */

let formatter: Intl.DateTimeFormat | undefined;

/** Since 1992 Beijing time has been UTC+8 all year (no summer time): plain arithmetic. */
const FIXED_OFFSET_SINCE = Date.UTC(1991, 11, 31, 16);
const pad = (value: number) => String(value).padStart(2, '0');

const parts = (instant: Date | string) => {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (date.getTime() >= FIXED_OFFSET_SINCE) {
    const local = new Date(date.getTime() + 8 * 3_600_000);
    return {
      year: String(local.getUTCFullYear()),
      month: pad(local.getUTCMonth() + 1),
      day: pad(local.getUTCDate()),
      hour: pad(local.getUTCHours()),
      minute: pad(local.getUTCMinutes()),
      second: pad(local.getUTCSeconds()),
    };
  }
  // Building a DateTimeFormat costs far more than using one: build it once.
  formatter ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const map = Object.fromEntries(formatter.formatToParts(date).map((part) => [part.type, part.value]));
  return map as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;
};

/** "2013-08-18 17:59" in Beijing time. */
export function formatBeijing(instant: Date | string): string {
  const p = parts(instant);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** "2013年8月18日" in Beijing time (the official documents' style). */
export function formatChineseDate(instant: Date | string): string {
  const p = parts(instant);
  return `${Number(p.year)}年${Number(p.month)}月${Number(p.day)}日`;
}

/** "2013年8月18日18时" / "2013年8月18日18时30分". */
export function formatChineseDateTime(instant: Date | string): string {
  const p = parts(instant);
  const minutes = p.minute === '00' ? '' : `${Number(p.minute)}分`;
  return `${formatChineseDate(instant)}${Number(p.hour)}时${minutes}`;
}

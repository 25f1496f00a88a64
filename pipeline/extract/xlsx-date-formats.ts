/**
 * Excel's built-in Chinese date formats, declared where a workbook uses them without saying
 * what they are. Excel and WPS in a Chinese locale give a date cell the built-in format 31
 * (2026年5月18日), 57 (2026年5月) or 58 (5月18日) by number only; exceljs knows only the
 * locale-free built-ins, so such a cell would arrive as a bare serial number (46160) instead of
 * a date. Declaring each one used in the package's styles part, with its zh-CN text, lets exceljs
 * read the cell as the date it is. Pure: styles XML in, styles XML out.
 */

/** The zh-CN text of the built-in date formats (ECMA-376 Part 1, 18.8.30, the East Asian ids). */
const CHINESE_DATE_FORMATS: Readonly<Record<number, string>> = {
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

const XF_FORMAT = /<xf\b[^>]*\bnumFmtId="(\d+)"/g;
const DECLARED = /<numFmt\b[^>]*\bnumFmtId="(\d+)"/g;
const NUM_FMTS_OPEN = /<numFmts\b[^>]*?(\/?)>/;
const STYLE_SHEET_OPEN = /<styleSheet\b[^>]*>/;

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function declareChineseDateFormats(styles: string): string {
  const declared = new Set([...styles.matchAll(DECLARED)].map((match) => Number(match[1])));
  const wanted = [...new Set([...styles.matchAll(XF_FORMAT)].map((match) => Number(match[1])))].filter(
    (id) => CHINESE_DATE_FORMATS[id] !== undefined && !declared.has(id),
  );
  if (wanted.length === 0) return styles;
  const entries = wanted.map((id) => `<numFmt numFmtId="${id}" formatCode="${escapeAttribute(CHINESE_DATE_FORMATS[id]!)}"/>`).join('');
  const open = NUM_FMTS_OPEN.exec(styles);
  if (open) {
    const at = open.index + open[0].length;
    // <numFmts/> (empty, self-closed) becomes a list holding the new entries.
    if (open[1] === '/') return `${styles.slice(0, open.index)}<numFmts>${entries}</numFmts>${styles.slice(at)}`;
    return styles.slice(0, at) + entries + styles.slice(at);
  }
  const sheet = STYLE_SHEET_OPEN.exec(styles);
  if (!sheet) return styles;
  const at = sheet.index + sheet[0].length;
  return `${styles.slice(0, at)}<numFmts>${entries}</numFmts>${styles.slice(at)}`;
}

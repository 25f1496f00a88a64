/**
 * Text from mail goes into cells as inert text. exceljs writes a JS string as a string cell
 * (never a formula), so "=HYPERLINK(…)" stays text; what remains is to drop the control
 * characters XML cannot hold, which would make Excel call the file corrupt.
 */
export function cellText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

/** Display width in Excel's character units: CJK and full-width characters count two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}

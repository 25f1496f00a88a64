/**
 * Text from mail goes into cells as inert text. exceljs writes a JS string as a string cell
 * (never a formula), so "=HYPERLINK(…)" stays text; what remains is to drop the control
 * characters XML cannot hold, which would make Excel call the file corrupt.
 */
export function cellText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

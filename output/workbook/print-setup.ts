/**
 * How every sheet prints: A4 landscape, as wide as the paper, and a page number centred in the
 * footer. The footer carries its section code (&C): Excel centres text without one, but other
 * readers (openpyxl, and the programs built on it) drop a footer they cannot split into its
 * left, centre and right sections.
 */
import type { HeaderFooter, PageSetup } from 'exceljs';

export function landscapePageSetup(extra: Partial<PageSetup> = {}): Partial<PageSetup> {
  return {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...extra,
  };
}

/** "&" starts a code in a header or footer: a literal one is written twice. */
const literal = (value: string) => value.replace(/&/g, '&&');

/** The centre of the footer: the sheet's name (when given), then 第 N 页，共 M 页. */
export function pageNumberFooter(label?: string): Partial<HeaderFooter> {
  return { oddFooter: `&C${label ? `${literal(label)}　` : ''}第 &P 页，共 &N 页` };
}

/** 文字: the cell's text as written, spaces around it taken off. */
import type { FieldCell, FieldReading } from './field-reading.js';

export function readText(cell: FieldCell): FieldReading {
  const text = cell.text.trim();
  return { ok: true, value: text === '' ? null : text };
}

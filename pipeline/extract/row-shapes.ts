/**
 * Rows of an office's template that stand among a table's rows but are no unit's data, told by
 * their shape: the row numbering the columns right under the header (1 2 3 …, 甲 乙 1 2,
 * （1）（2）, ①②, sometimes labelled 栏次), and the notes below the rows (填报说明：…, 注：…,
 * 填报人：… 联系电话：…, or one sentence merged across the table).
 *
 * Pure: grid and column positions in, yes or no out.
 */
import { compact } from '../../intake/kernel/text/normalize.js';
import type { Grid } from './grid.js';
import { cellAt } from './header-columns.js';

const STEMS = '甲乙丙丁戊己庚辛壬癸';
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** A column marker and its place in its own sequence: "3" → n3, "（3）" → p3, "丙" → g3, "③" → c3. */
function marker(text: string): { kind: string; value: number } | null {
  const plain = /^\d{1,3}$/u.exec(text);
  if (plain) return { kind: 'n', value: Number(text) };
  const bracketed = /^[(（](\d{1,3})[)）]$/u.exec(text);
  if (bracketed) return { kind: 'p', value: Number(bracketed[1]) };
  if (text.length === 1 && STEMS.includes(text)) return { kind: 'g', value: STEMS.indexOf(text) + 1 };
  if (text.length === 1 && CIRCLED.includes(text)) return { kind: 'c', value: CIRCLED.indexOf(text) + 1 };
  return null;
}

/**
 * A row that numbers the columns: every filled cell of the table's columns a marker, markers in
 * at least two thirds of them (two at least), each kind counting on by one from left to right
 * (甲 乙 before 1 2 3 is two sequences). Whether it stands where such a row stands (right under
 * the header) is the caller's question.
 */
export function isColumnNumberRow(grid: Grid, r: number, positions: ReadonlyMap<string, number>): boolean {
  const columns = [...positions.values()].sort((a, b) => a - b);
  const last = new Map<string, number>();
  let markers = 0;
  for (const c of columns) {
    const cell = cellAt(grid, r, c);
    const text = cell && !cell.mergedCopy ? compact(cell.text) : '';
    if (text === '') continue;
    const found = marker(text);
    if (!found) return false;
    const previous = last.get(found.kind);
    if (previous !== undefined && found.value !== previous + 1) return false;
    last.set(found.kind, found.value);
    markers++;
  }
  return markers >= Math.max(2, Math.ceil((columns.length * 2) / 3));
}

/** The first words of a note under a table: remarks on how to fill it in, who filled it in. */
const NOTE_START = /^(填报说明|填表说明|填写说明|(说明|注释|注|备注)\d*[:：、.．]|注\d+[:：、.．]?|(说明|注|备注)$)/u;
const SIGNATURE =
  /^(填表人|填报人|制表人|制表|审核人|审核|负责人|单位负责人|分管领导|联系人|联系电话|电话|填报日期|填表日期|报送日期)[:：]/u;
/** A sentence rather than a value: long, with the punctuation of running text (compact() made it half-width). */
const SENTENCE = /^.{15,}$/u;
const SENTENCE_MARK = /[,，。;；:：、]/u;

/** The first text of the row, whichever column it is in. */
function firstText(grid: Grid, r: number): string {
  return compact((grid.rows[r] ?? []).find((cell) => cell.text.trim() !== '')?.text ?? '');
}

/** One sentence merged across the table's columns. */
function mergedAcross(grid: Grid, r: number, positions: readonly number[]): boolean {
  const cells = positions.map((c) => cellAt(grid, r, c)).filter((cell) => cell !== undefined && cell.text.trim() !== '');
  return (
    positions.length > 1 &&
    cells.length === positions.length &&
    cells.slice(1).every((cell) => cell!.mergedCopy && cell!.text === cells[0]!.text)
  );
}

/**
 * A row of the row's one sentence (本表由各单位办公室填写，…) standing alone where no text
 * column is: `textColumns` are the grid columns whose values are words, where a sentence is data.
 */
function loneSentence(grid: Grid, r: number, textColumns: ReadonlySet<number>): boolean {
  const filled = (grid.rows[r] ?? []).map((cell, c) => ({ cell, c })).filter(({ cell }) => !cell.mergedCopy && cell.text.trim() !== '');
  if (filled.length !== 1 || textColumns.has(filled[0]!.c)) return false;
  const text = compact(filled[0]!.cell.text);
  return SENTENCE.test(text) && SENTENCE_MARK.test(text);
}

/**
 * A note under (or among) the rows: 填报说明、注、备注：…, a 填报人 / 联系电话 line, a sentence merged
 * across the table. A lone sentence counts only `afterData`: before any data it may be what a unit
 * wrote instead of its values (本单位无此项工作。), which must be read and reported, not passed over.
 */
export function isNoteRow(
  grid: Grid,
  r: number,
  positions: readonly number[],
  textColumns: ReadonlySet<number>,
  afterData: boolean,
): boolean {
  const first = firstText(grid, r);
  if (NOTE_START.test(first) || SIGNATURE.test(first)) return true;
  return mergedAcross(grid, r, positions) || (afterData && loneSentence(grid, r, textColumns));
}

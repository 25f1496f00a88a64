/**
 * Values for formula cells a file stores without a result. Generators (scripts, some WPS saves,
 * macros) write `=2+3+4` or `=SUM(计算明细!B2:B9)` and leave the cached value out; reading such
 * a cell as empty would turn a count into 0. The formula is computed here with
 * fast-formula-parser over the workbook's own sheets (hidden ones included: they often hold the
 * 计算明细), other result-less formulas it refers to computed first.
 *
 * What cannot be computed — an unknown or volatile function (NOW, RAND, INDIRECT, WEBSERVICE),
 * a reference to another workbook, a cycle — is an error for the caller, never a number.
 * Pure: cell contents in, values out.
 */
import FormulaParser from 'fast-formula-parser';

export type SourceCell = { value: number | string | boolean | null } | { formula: string };

/** Sheets by name → cells by address ("B2") → what the file stores. */
export type SourceWorkbook = ReadonlyMap<string, { cells: ReadonlyMap<string, SourceCell>; rows: number; columns: number }>;

export type FormulaValue = { ok: true; value: number | string | boolean | null } | { ok: false; reason: string };

class Uncomputable extends Error {}

/** Functions whose value depends on the clock, chance or the network: never computed. */
const REFUSED = ['NOW', 'TODAY', 'RAND', 'RANDBETWEEN', 'WEBSERVICE', 'INDIRECT', 'OFFSET', 'INFO', 'CELL'];
/** Cells computed for one file at most (a sheet of formulas referring to each other). */
const MAX_EVALUATIONS = 20_000;
/** Result-less formulas referring to result-less formulas, at most this deep. */
const MAX_DEPTH = 64;

const letters = (column: number) => {
  let text = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) text = String.fromCharCode(65 + ((n - 1) % 26)) + text;
  return text;
};

function isFormulaError(value: unknown): value is { _error: string } {
  return typeof value === 'object' && value !== null && '_error' in value;
}

/** Computes result-less formulas of one workbook; memoised, so each cell is computed once. */
export class FormulaEvaluator {
  readonly #workbook: SourceWorkbook;
  readonly #values = new Map<string, FormulaValue>();
  readonly #visiting = new Set<string>();
  #evaluations = 0;
  /** One parser per nesting depth: a parser is not re-entrant (computing C5 inside D5). */
  readonly #parsers: FormulaParser[] = [];

  constructor(workbook: SourceWorkbook) {
    this.#workbook = workbook;
  }

  #parser(depth: number): FormulaParser {
    const existing = this.#parsers[depth];
    if (existing) return existing;
    const functions: Record<string, () => never> = {};
    for (const name of REFUSED) {
      functions[name] = () => {
        throw new Uncomputable(`函数 ${name} 的结果随时间或外部数据变化，不能计算`);
      };
    }
    const parser = new FormulaParser({
      functions,
      onCell: ({ sheet, row, col }: { sheet: string; row: number; col: number }) => this.#cellValue(sheet, `${letters(col)}${row}`),
      onRange: ({ sheet, from, to }: { sheet: string; from: { row: number; col: number }; to: { row: number; col: number } }) => {
        // Whole columns (A:A) reach row 1,048,576: only the rows the sheet has are read.
        const size = this.#workbook.get(sheet);
        if (!size) throw new Uncomputable(`引用的工作表「${sheet}」不存在`);
        const lastRow = Math.min(to.row, size.rows);
        const lastColumn = Math.min(to.col, size.columns);
        const out: unknown[][] = [];
        for (let r = from.row; r <= lastRow; r++) {
          const row: unknown[] = [];
          for (let c = from.col; c <= lastColumn; c++) row.push(this.#cellValue(sheet, `${letters(c)}${r}`));
          out.push(row);
        }
        return out;
      },
    });
    this.#parsers[depth] = parser;
    return parser;
  }

  #cellValue(sheet: string, address: string): unknown {
    const book = this.#workbook.get(sheet);
    if (!book) throw new Uncomputable(`引用的工作表「${sheet}」不存在`);
    const cell = book.cells.get(address);
    if (cell === undefined) return null;
    if ('value' in cell) return cell.value;
    const computed = this.value(sheet, address);
    if (!computed.ok) throw new Uncomputable(computed.reason);
    return computed.value;
  }

  /** The value of the formula in `sheet!address` (which must hold a result-less formula). */
  value(sheet: string, address: string): FormulaValue {
    const key = `${sheet}!${address}`;
    const known = this.#values.get(key);
    if (known) return known;
    if (this.#visiting.has(key)) return { ok: false, reason: `公式循环引用（${key}）` };
    if (this.#visiting.size >= MAX_DEPTH) return { ok: false, reason: '公式层层引用其他公式，层次过深' };
    const cell = this.#workbook.get(sheet)?.cells.get(address);
    if (!cell || !('formula' in cell)) return { ok: true, value: cell && 'value' in cell ? cell.value : null };
    if (++this.#evaluations > MAX_EVALUATIONS) return { ok: false, reason: '需要计算的公式过多' };
    if (/\[[^\]]*\]/.test(cell.formula)) return this.#remember(key, { ok: false, reason: '公式引用了其他工作簿' });
    this.#visiting.add(key);
    let result: FormulaValue;
    try {
      const row = Number(/\d+$/.exec(address)?.[0] ?? 1);
      const column = columnNumber(address);
      const value: unknown = this.#parser(this.#visiting.size - 1).parse(
        cell.formula.replace(/^=/, ''),
        { sheet, row, col: column },
        false,
      );
      result = isFormulaError(value)
        ? { ok: false, reason: `公式结果是错误值 ${value._error}` }
        : Array.isArray(value)
          ? { ok: false, reason: '公式结果是一个区域，不是一个值' }
          : { ok: true, value: value as number | string | boolean | null };
    } catch (cause) {
      result = {
        ok: false,
        reason:
          cause instanceof Uncomputable
            ? cause.message
            : `公式无法计算（${String((cause as Error).message ?? cause)
                .split('\n')[0]!
                .slice(0, 80)}）`,
      };
    } finally {
      this.#visiting.delete(key);
    }
    return this.#remember(key, result);
  }

  #remember(key: string, value: FormulaValue): FormulaValue {
    this.#values.set(key, value);
    return value;
  }
}

function columnNumber(address: string): number {
  let number = 0;
  for (const char of /^[A-Z]+/.exec(address)?.[0] ?? 'A') number = number * 26 + (char.charCodeAt(0) - 64);
  return number;
}

declare module 'fast-formula-parser' {
  /** The parts of fast-formula-parser 1.0 huizong uses (the package ships no types). */
  export default class FormulaParser {
    constructor(config: {
      functions?: Record<string, (...args: never[]) => unknown>;
      onCell?: (ref: { sheet: string; row: number; col: number }) => unknown;
      onRange?: (ref: { sheet: string; from: { row: number; col: number }; to: { row: number; col: number } }) => unknown[][];
    });
    parse(formula: string, position: { sheet: string; row: number; col: number }, allowReturnArray?: boolean): unknown;
  }
}

/** exceljs's own shared-formula mover (lib/utils/shared-formula.js), untyped in the package. */
declare module 'exceljs/lib/utils/shared-formula.js' {
  export function slideFormula(formula: string, fromCell: string, toCell: string): string;
}

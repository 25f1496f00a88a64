/**
 * Thrown by the streaming .xlsx reader when a package departs from the shapes it reads exactly
 * as exceljs does (a cell element it does not know, a sheet name exceljs refuses, a style table
 * exceljs would trip over…). The caller then reads the package with exceljs itself, so such a file
 * gets exactly the cells — or the failure — it always got.
 */
export class OddPackage extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'OddPackage';
  }
}

export function odd(reason: string): never {
  throw new OddPackage(reason);
}

/** Where a front door writes its lines: standard output for results, standard error for progress and warnings. */

export interface Printer {
  out(line?: string): void;
  err(line?: string): void;
}

export const processPrinter: Printer = {
  out: (line = '') => process.stdout.write(`${line}\n`),
  err: (line = '') => process.stderr.write(`${line}\n`),
};

/** Where a front door writes its lines: standard output for results, standard error for progress and warnings. */

export interface Console {
  out(line?: string): void;
  err(line?: string): void;
}

export const processConsole: Console = {
  out: (line = '') => process.stdout.write(`${line}\n`),
  err: (line = '') => process.stderr.write(`${line}\n`),
};

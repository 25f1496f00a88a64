/**
 * The one error type that crosses module boundaries. Modules throw it; only the CLI entry point
 * turns it into an exit code (citty style: nothing below the entry point exits the process).
 *
 * Messages are Chinese because they reach the clerk or the IT person verbatim.
 */
export type HuizongErrorCode =
  /** Wrong command line: unknown command, missing argument. Exit code 2. */
  | 'USAGE'
  /** The campaign folder is missing or invalid (campaign.yaml, roster, templates). Exit code 2. */
  | 'CONFIG'
  /** A file or folder the user named cannot be read or written. Exit code 1. */
  | 'IO'
  /** The mailbox could not be reached, or refused the login. Exit code 1. */
  | 'MAILBOX'
  /** Another huizong process holds the data folder. Exit code 1. */
  | 'LOCKED';

export class HuizongError extends Error {
  readonly code: HuizongErrorCode;
  /** One line per problem, shown under the message (e.g. every mistake in campaign.yaml). */
  readonly details: readonly string[];

  constructor(code: HuizongErrorCode, message: string, options: { details?: readonly string[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HuizongError';
    this.code = code;
    this.details = options.details ?? [];
  }

  get exitCode(): number {
    return this.code === 'USAGE' || this.code === 'CONFIG' ? 2 : 1;
  }
}

export function isHuizongError(value: unknown): value is HuizongError {
  return value instanceof HuizongError;
}

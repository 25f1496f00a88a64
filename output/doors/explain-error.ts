/**
 * What went wrong, in the words every front door uses: a HuizongError says it itself (with its
 * hints and exit code); a system error (disk full, no permission) or a program fault gets a
 * Chinese reason before its raw text. `main` prints it and exits, `watch` prints it and goes on
 * to the next cycle, the console shows it on the page.
 */
import { isHuizongError } from '../../intake/kernel/errors.js';

export interface ExplainedError {
  /** One line, without the 错误： prefix. */
  message: string;
  /** Hints, one per line. */
  details: readonly string[];
  exitCode: number;
  /** Not a HuizongError: a fault or a system error, whose stack --debug shows. */
  unexpected: boolean;
}

export function explainError(error: unknown): ExplainedError {
  if (isHuizongError(error)) return { message: error.message, details: error.details, exitCode: error.exitCode, unexpected: false };
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const reason = code === 'ENOSPC' ? '磁盘空间不足' : code === 'EACCES' || code === 'EPERM' ? '没有读写权限' : '程序内部错误';
  return { message: `${reason}：${(error as Error | null)?.message ?? String(error)}`, details: [], exitCode: 1, unexpected: true };
}

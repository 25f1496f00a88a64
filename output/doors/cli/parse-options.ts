/**
 * Command-line parsing on node:util parseArgs (no dependency): each command declares its
 * options; a mistake becomes a USAGE error (exit code 2) with the command's help in Chinese.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { HuizongError } from '../../../intake/kernel/errors.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export const COMMON_OPTIONS = {
  campaign: { type: 'string' },
  data: { type: 'string' },
  out: { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpec;

export function parseCommandArgs<T extends OptionSpec>(command: string, argv: readonly string[], options: T, allowPositionals: boolean) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals, strict: true });
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(message)?.[1];
    const missing = /Option '([^']+?)(?: <value>)?' argument missing/.exec(message)?.[1];
    const positional = /Unexpected argument '([^']+)'/.exec(message)?.[1];
    const reason = unknown
      ? `不认识的选项 ${unknown}`
      : missing
        ? `选项 ${missing} 后面需要一个值`
        : positional
          ? `多余的参数 ${positional}`
          : message;
    throw new HuizongError('USAGE', `huizong ${command}：${reason}`, { details: [`运行 huizong ${command} --help 查看用法`] });
  }
}

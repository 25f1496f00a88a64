#!/usr/bin/env -S node --max-old-space-size=1536
/**
 * The huizong command. The heap limit in the first line is a collection policy, not a need: with
 * V8's default (a quarter of the machine's memory) a large merge leaves hundreds of megabytes of
 * garbage uncollected; 1.5 GB keeps the resident size near what is live, with room for tens of
 * thousands of units. (npm's Windows shims pass it on too.)
 *
 * The only place that exits the process: commands return an exit code or
 * throw a HuizongError; this turns either into a Chinese message on stderr and the exit code
 * (0 done, 2 bad usage or configuration, 1 anything else).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HuizongError, isHuizongError } from '../../../intake/kernel/errors.js';
import { explainError } from '../explain-error.js';
import { type Printer, processPrinter } from '../printer.js';

type Command = (argv: readonly string[], printer: Printer) => Promise<number>;

/** Commands are imported when called, so `status` does not pay for what `run` loads. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  init: {
    summary: '新建活动文件夹（按内置的默认活动，或 --from 按通知和附件表格）',
    load: async () => (await import('./commands/init.js')).initCommand,
  },
  run: { summary: '收取新来信，重新生成汇总表和公文', load: async () => (await import('./commands/run.js')).runCommand },
  merge: { summary: '只根据已存档的来信重新生成汇总表和公文', load: async () => (await import('./commands/merge.js')).mergeCommand },
  import: { summary: '把另存的 .eml 邮件文件存入存档', load: async () => (await import('./commands/import.js')).importCommand },
  status: { summary: '显示各单位报送情况（--json 输出 JSON）', load: async () => (await import('./commands/status.js')).statusCommand },
  check: {
    summary: '检查活动文件夹（配置、名单、decisions.yaml、公文模板）有无写错',
    load: async () => (await import('./commands/check.js')).checkCommand,
  },
  receipts: {
    summary: '给报送了材料的单位发回执（--send 发送，否则只预览）',
    load: async () => (await import('./commands/mail-commands.js')).receiptsCommand,
  },
  remind: {
    summary: '给未报送、材料不全、数据有误的单位发催报邮件（--send 发送，否则只预览）',
    load: async () => (await import('./commands/mail-commands.js')).remindCommand,
  },
  outbox: {
    summary: '发信记录：每一封回执、催报的状态；确认或重发“可能已发送”的邮件',
    load: async () => (await import('./commands/outbox.js')).outboxCommand,
  },
  watch: {
    summary: '按 campaign.yaml 中的时间表定时收信并更新汇总表（Ctrl-C 结束）',
    load: async () => (await import('./commands/watch.js')).watchCommand,
  },
  serve: {
    summary: '在浏览器中使用的控制台（同时按时间表定时收信）',
    load: async () => (await import('./commands/serve.js')).serveCommand,
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    '汇总（huizong）：自动收取、核对、汇总各单位报送的自查材料',
    '',
    '用法：huizong <命令> [选项]',
    '',
    '命令：',
    ...Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    '',
    '每个命令都可加 --help 查看详细用法；加 --debug 在出错时显示技术细节。',
  ].join('\n');
}

export async function main(argv: readonly string[], printer: Printer = processPrinter): Promise<number> {
  const [name, ...rest] = argv;
  const debug = rest.includes('--debug');
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      printer.out(usage());
      return 0;
    }
    const command = COMMANDS[name];
    if (!command) throw new HuizongError('USAGE', `没有「${name}」这个命令`, { details: [usage()] });
    return await (await command.load())(rest, printer);
  } catch (error) {
    const explained = explainError(error);
    printer.err(`错误：${explained.message}`);
    for (const line of explained.details) printer.err(`  ${line}`);
    if (isHuizongError(error)) {
      if (debug && error.cause) printer.err(String((error.cause as Error).stack ?? error.cause));
    } else if (debug) printer.err((error as Error).stack ?? String(error));
    else printer.err('  加 --debug 可显示技术细节');
    return explained.exitCode;
  }
}

// Run when executed directly (also through the npm bin symlink), not when imported by tests.
const invoked = process.argv[1] ? realpathSync(process.argv[1]) : '';
if (invoked === realpathSync(fileURLToPath(import.meta.url))) {
  // `huizong status | head` closes the pipe early: stop printing, but finish the work.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  process.exitCode = await main(process.argv.slice(2));
}

/**
 * `huizong serve`: the clerk's console in the browser, and the intake schedule of `watch` when
 * a mailbox is configured. Loopback by default; any other address needs a password, set with
 * `huizong serve --set-password` and kept only as a scrypt hash.
 */
import { realpathSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HuizongError } from '../../../../intake/kernel/errors.js';
import { resolveContext } from '../../../runner/context.js';
import { isLoopback } from '../../console/security/host-origin.js';
import { PASSWORD_FILE_ENV, passwordFilePath, readPasswordHash } from '../../console/security/password.js';
import { systemdUnit } from '../../console/systemd-unit.js';
import type { Printer } from '../../printer.js';
import { optionalSource } from '../../schedule/mail-source.js';
import { COMMON_OPTIONS, parseCommandArgs } from '../parse-options.js';

export const DEFAULT_PORT = 8470;
export const DEFAULT_HOST = '127.0.0.1';

export const serveHelp = `用法：huizong serve [--campaign 文件夹] [--data 文件夹] [--out 文件夹] [--port 端口] [--host 地址]

在浏览器中使用的控制台：各单位报送情况、待核实来信的认定、通报名单、下载汇总表和公文、修改模板、来信记录。
campaign.yaml 中配置了收信邮箱时，同时像 huizong watch 一样按时间表定时收信（每次收信后按 notify: 发回执、催报）。启动后第一行显示控制台地址。
  --port 端口          默认 ${DEFAULT_PORT}（0：任选一个空闲端口）
  --host 地址          默认 ${DEFAULT_HOST}（只有本机能打开）；其他地址（如 0.0.0.0）必须先设置密码
  --mailbox-dir 文件夹  从这个文件夹读取 .eml 邮件文件（代替 campaign.yaml 中的邮箱）
  --allow-host 名称    另外允许的主机名（如单位内网的域名），可写多次
  --set-password       设置控制台密码（从标准输入读取，只保存散列值），然后退出
  --print-systemd-unit 输出让控制台开机自动运行的 systemd 服务文件，然后退出
密码保存在数据文件夹的 console-password 中，或环境变量 ${PASSWORD_FILE_ENV} 指定的文件中。
按 Ctrl-C（或发送 SIGTERM）在当前步骤完成后结束。`;

const SERVE_OPTIONS = {
  ...COMMON_OPTIONS,
  port: { type: 'string' },
  host: { type: 'string' },
  'mailbox-dir': { type: 'string' },
  'allow-host': { type: 'string', multiple: true },
  'set-password': { type: 'boolean' },
  'print-systemd-unit': { type: 'boolean' },
} as const;

/**
 * The program as installed: this command's own main.js, every symlink resolved (npx and npm run
 * it through node_modules/.bin/huizong, a link that says nothing of where the files are).
 */
export function installedMain(): string {
  return realpathSync(fileURLToPath(new URL('../main.js', import.meta.url)));
}

/** A path inside npx's download cache (~/.npm/_npx/<hash>/…), which npm removes when it cleans up. */
export function inNpxCache(path: string): boolean {
  return /[\\/]_npx[\\/]/.test(path);
}

/** A word of a command line to copy: quoted when it holds spaces or characters a shell reads. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./\\\u4e00-\u9fff-]+$/u.test(word) ? word : `"${word.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** The options naming where the campaign and its data are, as given (absolute): a follow-up command must name the same. */
function placeOptions(values: { campaign?: string; data?: string; out?: string }): string[] {
  const words: string[] = [];
  for (const name of ['campaign', 'data', 'out'] as const) {
    const value = values[name];
    if (value !== undefined) words.push(`--${name}`, shellWord(resolve(value)));
  }
  return words;
}

function systemdUnitText(context: Awaited<ReturnType<typeof resolveContext>>, args: string[]): string {
  const main = installedMain();
  if (inNpxCache(main))
    throw new HuizongError('USAGE', 'huizong 现在是由 npx 临时下载到 npm 缓存中运行的，不能用来写开机运行的服务文件', {
      details: [
        `程序所在：${main}`,
        'npm 清理缓存时会删除这里的文件，服务随之无法启动',
        '请先把 huizong 安装到固定的位置（例如 npm install --global huizong，或在一个文件夹中 npm install huizong），再用安装后的 huizong 运行 --print-systemd-unit',
      ],
    });
  const environment = Object.fromEntries(
    ['HUIZONG_IMAP_PASSWORD_FILE', PASSWORD_FILE_ENV, 'HUIZONG_SOFFICE']
      .filter((key) => process.env[key])
      .map((key) => [key, resolve(process.env[key]!)]),
  );
  return systemdUnit({
    description: `汇总（huizong）控制台：${context.campaign.file.title}`,
    user: userInfo().username,
    workingDirectory: context.campaign.dir,
    command: [process.execPath, '--max-old-space-size=1536', main, ...args],
    environment,
  });
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535)
    throw new HuizongError('USAGE', `huizong serve：--port「${text}」不是有效的端口号（0–65535，0 为任选一个空闲端口）`);
  return port;
}

export async function serveCommand(argv: readonly string[], printer: Printer): Promise<number> {
  const { values } = parseCommandArgs('serve', argv, SERVE_OPTIONS, false);
  if (values.help) {
    printer.out(serveHelp);
    return 0;
  }
  const host = values.host ?? DEFAULT_HOST;
  const port = parsePort(values.port);
  const context = await resolveContext(values);
  const passwordPath = passwordFilePath(context.dataDir);

  if (values['set-password']) return (await import('../../console/security/set-password.js')).setPassword(passwordPath, printer);

  if (values['print-systemd-unit']) {
    const args = [
      'serve',
      '--campaign',
      context.campaign.dir,
      '--data',
      context.dataDir,
      '--out',
      context.outDir,
      '--host',
      host,
      '--port',
      String(port),
    ];
    if (values['mailbox-dir']) args.push('--mailbox-dir', resolve(values['mailbox-dir']));
    for (const name of values['allow-host'] ?? []) args.push('--allow-host', name);
    printer.out(systemdUnitText(context, args));
    return 0;
  }

  const passwordHash = await readPasswordHash(passwordPath);
  if (!isLoopback(host) && passwordHash === null) {
    throw new HuizongError('CONFIG', `在 ${host} 上提供控制台（本机以外的电脑也能打开）必须先设置密码`, {
      details: [
        `先运行 ${['huizong', 'serve', '--set-password', ...placeOptions(values)].join(' ')} 设置密码（只保存散列值，保存在 ${passwordPath}）`,
        '只在本机使用时不必设置密码：去掉 --host（默认 127.0.0.1）',
      ],
    });
  }

  const { startConsole } = await import('../../console/start-console.js');
  return startConsole({
    options: values,
    context,
    host,
    port,
    allowHosts: values['allow-host'] ?? [],
    passwordHash,
    source: optionalSource(context, values['mailbox-dir']),
    printer,
  });
}

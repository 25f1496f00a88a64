/**
 * `huizong serve`: the clerk's console in the browser, and the intake schedule of `watch` when
 * a mailbox is configured. Loopback by default; any other address needs a password, set with
 * `huizong serve --set-password` and kept only as a scrypt hash.
 */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
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
    const environment = Object.fromEntries(
      ['HUIZONG_IMAP_PASSWORD_FILE', PASSWORD_FILE_ENV, 'HUIZONG_SOFFICE']
        .filter((key) => process.env[key])
        .map((key) => [key, resolve(process.env[key]!)]),
    );
    printer.out(
      systemdUnit({
        description: `汇总（huizong）控制台：${context.campaign.file.title}`,
        user: userInfo().username,
        workingDirectory: context.campaign.dir,
        command: [process.execPath, '--max-old-space-size=1536', resolve(process.argv[1] ?? 'huizong'), ...args],
        environment,
      }),
    );
    return 0;
  }

  const passwordHash = await readPasswordHash(passwordPath);
  if (!isLoopback(host) && passwordHash === null) {
    throw new HuizongError('CONFIG', `在 ${host} 上提供控制台（本机以外的电脑也能打开）必须先设置密码`, {
      details: [
        `先运行 huizong serve --set-password${values.campaign ? ` --campaign ${values.campaign}` : ''} 设置密码（只保存散列值，保存在 ${passwordPath}）`,
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

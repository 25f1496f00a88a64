/**
 * `huizong serve`: the clerk's console in the browser, and the intake schedule of `watch` when
 * a mailbox is configured. Loopback by default; any other address needs a password, set with
 * `huizong serve --set-password` and kept only as a scrypt hash.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HuizongError } from '../../../../intake/kernel/errors.js';
import { resolveContext } from '../../../runner/context.js';
import { isLoopback } from '../../console/security/host-origin.js';
import { PASSWORD_FILE_ENV, passwordFilePath, readPasswordHash } from '../../console/security/password.js';
import type { Printer } from '../../printer.js';
import { consoleSource } from '../../schedule/mail-source.js';
import { COMMON_OPTIONS, parseCommandArgs } from '../parse-options.js';
import { WORKSPACE_OPTION } from '../workspace-target.js';
import { DEFAULT_HOST, DEFAULT_PORT, parsePort, shellWord, systemdUnitText, WORKSPACE_ENV } from './serve-options.js';

export const serveHelp = `用法：huizong serve [--campaign 文件夹] [--data 文件夹] [--out 文件夹] [--port 端口] [--host 地址]
      huizong serve --workspace 工作区 [--port 端口] [--host 地址]

在浏览器中使用的控制台：各单位报送情况、待核实来信的认定、通报名单、下载汇总表和公文、修改模板、来信记录。
campaign.yaml 中配置了收信邮箱时，同时像 huizong watch 一样按时间表定时收信（每次收信后按 notify: 发回执、催报）。启动后第一行显示控制台地址。
  --port 端口          默认 ${DEFAULT_PORT}（0：任选一个空闲端口）
  --host 地址          默认 ${DEFAULT_HOST}（只有本机能打开）；其他地址（如 0.0.0.0）必须先设置密码
  --mailbox-dir 文件夹  从这个文件夹读取 .eml 邮件文件（代替 campaign.yaml 中的邮箱）
  --allow-host 名称    另外允许的主机名（如单位内网的域名），可写多次
  --set-password       设置控制台密码（从标准输入读取，只保存散列值），然后退出
  --print-systemd-unit 输出让控制台开机自动运行的 systemd 服务文件，然后退出
密码保存在数据文件夹的 console-password 中，或环境变量 ${PASSWORD_FILE_ENV} 指定的文件中。
加 --workspace 时提供工作区中所有活动的控制台：首页是活动列表，每个活动的页面在 /c/<活动名称>/ 下；
按 office.yaml 的时间表定时收信，每个邮箱每轮只收一次，供所有进行中的活动使用；密码保存在 <工作区>/data/ 中。
不加 --campaign 和 --workspace 时：设置了环境变量 ${WORKSPACE_ENV} 就提供它指定的工作区，当前文件夹中有 office.yaml 就提供当前文件夹，否则显示程序自带的示例活动。
按 Ctrl-C（或发送 SIGTERM）在当前步骤完成后结束。`;

const SERVE_OPTIONS = {
  ...COMMON_OPTIONS,
  port: { type: 'string' },
  host: { type: 'string' },
  'mailbox-dir': { type: 'string' },
  'allow-host': { type: 'string', multiple: true },
  'set-password': { type: 'boolean' },
  'print-systemd-unit': { type: 'boolean' },
  ...WORKSPACE_OPTION,
} as const;

/** The options naming where the campaign and its data are, as given (absolute): a follow-up command must name the same. */
function placeOptions(values: { campaign?: string; data?: string; out?: string }): string[] {
  const words: string[] = [];
  for (const name of ['campaign', 'data', 'out'] as const) {
    const value = values[name];
    if (value !== undefined) words.push(`--${name}`, shellWord(resolve(value)));
  }
  return words;
}

/** The workspace `serve` shows when told none: $HUIZONG_WORKSPACE, else the current folder when it holds office.yaml. */
function defaultWorkspace(): string | undefined {
  if (process.env[WORKSPACE_ENV]) return process.env[WORKSPACE_ENV];
  // office.yaml (intake/kernel/workspace/office-settings.ts), named here so a lone campaign's serve loads none of it.
  return existsSync(join(process.cwd(), 'office.yaml')) ? process.cwd() : undefined;
}

export async function serveCommand(argv: readonly string[], printer: Printer): Promise<number> {
  const { values } = parseCommandArgs('serve', argv, SERVE_OPTIONS, false);
  if (values.help) {
    printer.out(serveHelp);
    return 0;
  }
  const workspace = values.workspace ?? (values.campaign === undefined ? defaultWorkspace() : undefined);
  if (workspace !== undefined) return (await import('./serve-workspace.js')).serveWorkspace(values, workspace, printer);
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
    printer.out(systemdUnitText({ title: context.campaign.file.title, dir: context.campaign.dir }, args));
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
    // A mailbox without its 授权码 does not stop the console: 总览 says so, 活动设置 takes it.
    findSource: (current) => consoleSource(current, values['mailbox-dir']),
    printer,
  });
}

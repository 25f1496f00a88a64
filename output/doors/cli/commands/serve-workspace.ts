/**
 * `huizong serve --workspace W`: the console of every campaign of the office (the campaign list,
 * each campaign's pages under /c/<name>/) and one intake schedule for all the active ones. The
 * password, the service file and the address rules are those of a lone campaign's console; the
 * password lives in the workspace's store (<W>/data).
 */
import { resolve } from 'node:path';
import { HuizongError } from '../../../../intake/kernel/errors.js';
import { resolveWorkspace } from '../../../runner/workspace-context.js';
import { isLoopback } from '../../console/security/host-origin.js';
import { passwordFilePath, readPasswordHash } from '../../console/security/password.js';
import type { Printer } from '../../printer.js';
import { workspaceConsoleSource } from '../../schedule/mail-source.js';
import { DEFAULT_HOST, parsePort, shellWord, systemdUnitText } from './serve-options.js';

export interface ServeWorkspaceValues {
  campaign?: string;
  data?: string;
  out?: string;
  port?: string;
  host?: string;
  'mailbox-dir'?: string;
  'allow-host'?: string[];
  'set-password'?: boolean;
  'print-systemd-unit'?: boolean;
}

export async function serveWorkspace(values: ServeWorkspaceValues, dir: string, printer: Printer): Promise<number> {
  if (values.data !== undefined || values.out !== undefined)
    throw new HuizongError('USAGE', '--data 和 --out 只用于单个活动（--campaign 文件夹），不能与 --workspace 同用', {
      details: ['工作区的来信存档在 <工作区>/data 中，每个活动的缓存和输出在各自活动文件夹的 data/、out/ 中'],
    });
  const host = values.host ?? DEFAULT_HOST;
  const port = parsePort(values.port);
  const workspace = await resolveWorkspace(dir);
  const passwordPath = passwordFilePath(workspace.storeDir);
  if (values['set-password']) return (await import('../../console/security/set-password.js')).setPassword(passwordPath, printer);

  if (values['print-systemd-unit']) {
    const args = ['serve', '--workspace', workspace.workspace.dir, '--host', host, '--port', String(port)];
    if (values['mailbox-dir']) args.push('--mailbox-dir', resolve(values['mailbox-dir']));
    for (const name of values['allow-host'] ?? []) args.push('--allow-host', name);
    printer.out(systemdUnitText({ title: `工作区 ${workspace.workspace.dir}`, dir: workspace.workspace.dir }, args));
    return 0;
  }

  const passwordHash = await readPasswordHash(passwordPath);
  if (!isLoopback(host) && passwordHash === null)
    throw new HuizongError('CONFIG', `在 ${host} 上提供控制台（本机以外的电脑也能打开）必须先设置密码`, {
      details: [
        `先运行 huizong serve --workspace ${shellWord(workspace.workspace.dir)} --set-password 设置密码（只保存散列值，保存在 ${passwordPath}）`,
        '只在本机使用时不必设置密码：去掉 --host（默认 127.0.0.1）',
      ],
    });
  const { startWorkspaceConsole } = await import('../../console/start-workspace-console.js');
  return startWorkspaceConsole({
    workspace,
    host,
    port,
    allowHosts: values['allow-host'] ?? [],
    passwordHash,
    // A mailbox without its 授权码 does not stop the console: 总览 says so, 活动设置 takes it.
    findSource: (current) => workspaceConsoleSource(current, values['mailbox-dir']),
    printer,
  });
}

/**
 * What both forms of `huizong serve` (one campaign, a workspace) share: the default address and
 * port, the port option, the program's installed path and the service file that runs it.
 */
import { realpathSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HuizongError } from '../../../../intake/kernel/errors.js';
import { PASSWORD_FILE_ENV } from '../../console/security/password.js';
import { systemdUnit } from '../../console/systemd-unit.js';

export const DEFAULT_PORT = 8470;
/** The workspace `serve` shows when given neither --campaign nor --workspace. */
export const WORKSPACE_ENV = 'HUIZONG_WORKSPACE';
export const DEFAULT_HOST = '127.0.0.1';

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

/** The service file that runs `huizong serve` with `args` in `dir`. */
export function systemdUnitText(served: { title: string; dir: string }, args: string[]): string {
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
    description: `汇总（huizong）控制台：${served.title}`,
    user: userInfo().username,
    workingDirectory: served.dir,
    command: [process.execPath, '--max-old-space-size=1536', main, ...args],
    environment,
  });
}

export function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535)
    throw new HuizongError('USAGE', `huizong serve：--port「${text}」不是有效的端口号（0–65535，0 为任选一个空闲端口）`);
  return port;
}

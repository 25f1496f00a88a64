/**
 * `huizong serve --set-password`: reads the new password (twice, without echo, at a terminal;
 * the first line of standard input otherwise, for scripts) and stores only its scrypt hash.
 */
import { HuizongError } from '../../../../intake/kernel/errors.js';
import type { Printer } from '../../printer.js';
import { hashPassword, writePasswordHash } from './password.js';

const MIN_LENGTH = 8;

/** One line from a terminal, the typed characters not shown. */
function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const input = process.stdin;
    process.stderr.write(prompt);
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    let text = '';
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          done();
          resolve(text);
          return;
        }
        if (char === '\u0003') {
          done();
          reject(new HuizongError('USAGE', '已取消，未设置密码'));
          return;
        }
        if (char === '\u007f' || char === '\b') text = text.slice(0, -1);
        else text += char;
      }
    };
    const done = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
    };
    input.on('data', onData);
  });
}

async function firstLineOfStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

export async function setPassword(path: string, printer: Printer): Promise<number> {
  let password: string;
  if (process.stdin.isTTY) {
    password = await promptHidden('新的控制台密码：');
    const again = await promptHidden('再输入一次：');
    if (again !== password) throw new HuizongError('USAGE', '两次输入的密码不一致，未设置密码');
  } else {
    password = await firstLineOfStdin();
  }
  if ([...password].length < MIN_LENGTH) throw new HuizongError('USAGE', `密码至少 ${MIN_LENGTH} 个字符，未设置密码`);
  await writePasswordHash(path, await hashPassword(password));
  printer.out(`已设置控制台密码（只保存其散列值，在 ${path}）`);
  return 0;
}

/**
 * A real SMTP server for tests (Debian's python3-aiosmtpd, driven by test/support/smtp-server.py)
 * on 127.0.0.1: it delivers every accepted message into the maildir of a user of the test
 * Dovecot (one copy per recipient, with Delivered-To), so a test reads what was sent over IMAP;
 * and it refuses on demand (`refuse`: 554 DT:SPM after the third message's data, 451 at RCPT…),
 * deterministically, from a rules file read at every command. Every transaction is logged.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { type DovecotServer, freePort } from './dovecot.js';

export interface SmtpRule {
  stage: 'mail' | 'rcpt' | 'data';
  match?: { rcpt?: string; subjectContains?: string; nth?: number };
  /** The answer, e.g. "554 DT:SPM 发送的邮件内容包含了未被许可的信息". */
  reply?: string;
  /** deliver-then-drop: the message arrives, the connection is cut before the answer. */
  action?: 'deliver-then-drop';
  /** How many times the rule fires (default: always). */
  times?: number;
}

export interface SmtpTransaction {
  stage: 'mail' | 'rcpt' | 'data' | 'auth';
  nth?: number;
  mailFrom?: string;
  rcptTos?: string[];
  rcpt?: string;
  subject?: string;
  messageId?: string;
  user?: string | null;
  reply: string | null;
  delivered?: boolean;
}

export interface SmtpServer {
  host: string;
  port: number;
  /** Implicit TLS port (0 unless started with tls). */
  tlsPort: number;
  user: string;
  password: string;
  /** The Dovecot user whose INBOX receives everything (read it with `sinkClient`). */
  sinkUser: string;
  sinkPassword: string;
  refuse(rules: readonly SmtpRule[]): Promise<void>;
  transactions(): Promise<SmtpTransaction[]>;
  /** Messages delivered so far (DATA accepted), in order. */
  delivered(): Promise<SmtpTransaction[]>;
  stop(): Promise<void>;
}

export const SINK = { user: 'units@example.cn', password: 'Sink-Pass-3' };

export async function startSmtpServer(
  dovecot: DovecotServer,
  /** noAuth: a server that offers no login and refuses AUTH as an unknown command (500). */
  options: { tls?: { certFile: string; keyFile: string }; noAuth?: boolean } = {},
): Promise<SmtpServer> {
  const user = dovecot.user;
  const password = 'Smtp-Auth-Code-9Kd';
  const port = await freePort();
  const tlsPort = options.tls ? await freePort() : 0;
  const rulesFile = join(dovecot.dir, `smtp-${port}-rules.json`);
  const logFile = join(dovecot.dir, `smtp-${port}-log.jsonl`);
  const maildir = join(dovecot.dir, 'mail', SINK.user);
  const root = process.getuid?.() === 0;
  let owner = { uid: -1, gid: -1 };
  if (root) {
    const line = (await readFile('/etc/passwd', 'utf8'))
      .split('\n')
      .find((entry) => entry.startsWith('dovecot:'))
      ?.split(':');
    owner = { uid: Number(line?.[2]), gid: Number(line?.[3]) };
  }
  await writeFile(rulesFile, '[]');
  await writeFile(logFile, '');
  const configFile = join(dovecot.dir, `smtp-${port}.json`);
  await writeFile(
    configFile,
    JSON.stringify({
      port,
      tlsPort,
      rulesFile,
      logFile,
      maildir,
      ...owner,
      user,
      password,
      noAuth: options.noAuth === true,
      ...(options.tls ?? {}),
    }),
  );
  const child: ChildProcess = spawn('/usr/bin/python3', [join(packageRoot(), 'test', 'support', 'smtp-server.py'), configFile], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('READY')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`SMTP test server exited (${code}): ${stderr}`)));
  });
  const transactions = async () =>
    (await readFile(logFile, 'utf8'))
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as SmtpTransaction);
  return {
    host: '127.0.0.1',
    port,
    tlsPort,
    user,
    password,
    sinkUser: SINK.user,
    sinkPassword: SINK.password,
    refuse: (rules) => writeFile(rulesFile, JSON.stringify(rules)),
    transactions,
    delivered: async () => (await transactions()).filter((entry) => entry.stage === 'data' && entry.delivered),
    async stop() {
      process.off('exit', orphanGuard);
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin?.end();
      child.kill('SIGTERM');
      await exited;
    },
  };
}

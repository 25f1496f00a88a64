/**
 * A real Dovecot IMAP server for tests: its own configuration, maildir and passwd file in a
 * temporary folder, listening on 127.0.0.1 on a free port (plain text; implicit TLS as well on
 * request), started in the foreground so the test owns the process. Debian's /etc/dovecot is
 * never read (`-c` skips it).
 *
 * Test mail goes in with IMAP APPEND (`append`), which sets INTERNALDATE as the real server
 * would when the message arrived.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { selfSignedCertificate } from './self-signed.js';

export interface DovecotUser {
  user: string;
  password: string;
}

export interface DovecotServer {
  host: string;
  /** Plain-text IMAP. */
  port: number;
  /** Implicit TLS (imaps), 0 unless started with `tls`. */
  tlsPort: number;
  /** The server's self-signed certificate (PEM), when started with `tls`. */
  certificateFile: string;
  user: string;
  password: string;
  /** The temporary folder holding config, mail and logs. */
  dir: string;
  /** Stops the server (waits for the master process to exit). Idempotent. */
  stop(): Promise<void>;
  /** Starts it again on the same port and mail (after `stop` or `crash`). */
  start(): Promise<void>;
  /**
   * Kills the server and every session at once (SIGKILL to its process group), synchronously:
   * the next command of a connected client fails. A server lost mid-poll, deterministically.
   */
  crash(): void;
  /** Freezes every server process (SIGSTOP): connections stay open and nothing answers. */
  pause(): void;
  /** Thaws them (SIGCONT). */
  resume(): void;
  /** A connected client of the test's own (not the product's), closed by the caller; another account with `as`. */
  client(as?: DovecotUser): Promise<ImapFlow>;
  /** APPENDs messages to a folder (created when missing) with their INTERNALDATE and flags. */
  append(folder: string, messages: readonly AppendSpec[]): Promise<number[]>;
  /** Every message of a folder: UID → flags (without \Recent), read with EXAMINE. */
  flags(folder: string): Promise<Map<number, string[]>>;
  /** UIDVALIDITY of a folder, as a string. */
  uidValidity(folder: string): Promise<string>;
  /** Deletes a folder (to recreate it: a new UIDVALIDITY). */
  deleteFolder(folder: string): Promise<void>;
  /** The server's log so far. */
  log(): Promise<string>;
  /** Stops the server and removes its folder. */
  dispose(): Promise<void>;
}

export interface AppendSpec {
  raw: Buffer;
  internalDate: Date;
  flags?: string[];
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function config(
  dir: string,
  port: number,
  tlsPort: number,
  owner: { user: string; group: string; uid: number; gid: number },
  root: boolean,
): string {
  return `# huizong test server (generated)
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = huizong-test-${port}
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
${tlsPort > 0 ? `ssl = yes\nssl_cert = <${dir}/tls/cert.pem\nssl_key = <${dir}/tls/key.pem` : 'ssl = no'}
disable_plaintext_auth = no
auth_mechanisms = plain login
# Tests log in with a wrong password on purpose: answer at once, with no growing penalty.
auth_failure_delay = 0
first_valid_uid = 1
default_internal_user = ${root ? 'dovecot' : owner.user}
default_internal_group = ${root ? 'dovecot' : owner.group}
default_login_user = ${root ? 'dovenull' : owner.user}
mail_location = maildir:${dir}/mail/%u
# Like 163/QQ: a spam folder the server marks \\Junk (RFC 6154 special-use).
namespace inbox {
  inbox = yes
  mailbox 垃圾邮件 {
    special_use = \\Junk
    auto = subscribe
  }
}
# Log the client's IMAP ID (163/126 refuse clients that send none; tests check it is sent).
imap_id_log = *
mail_fsync = never
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/auth/passwd
}
userdb {
  driver = static
  args = uid=${root ? 'dovecot' : owner.uid} gid=${root ? 'dovecot' : owner.gid} home=${dir}/home/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${tlsPort}
    ssl = yes
  }
}
service anvil {
  chroot =
  # No growing delay after failed logins (auth cannot reach the penalty socket and skips it).
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
`;
}

async function waitForPort(port: number, probeUser: DovecotUser, child: ChildProcess, logFile: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const log = await readFile(logFile, 'utf8').catch(() => '');
      throw new Error(`Dovecot exited (code ${child.exitCode}):\n${log}`);
    }
    const client = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      logger: false,
      doSTARTTLS: false,
      verifyOnly: true,
      auth: { user: probeUser.user, pass: probeUser.password },
    });
    client.on('error', () => {});
    try {
      await client.connect();
      return;
    } catch {
      // not listening yet
    } finally {
      client.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Dovecot did not answer on 127.0.0.1:${port}`);
}

/**
 * Starts a fresh server with one user. With `tls`, it also listens with implicit TLS on
 * `tlsPort`, with a self-signed certificate for 127.0.0.1 whose PEM is `certificateFile` (give
 * it to a client as NODE_EXTRA_CA_CERTS to make it trusted).
 */
export async function startDovecot(
  options: {
    user?: string;
    password?: string;
    tls?: boolean /** More accounts (e.g. the SMTP test server's recipients' mailbox). */;
    extraUsers?: readonly DovecotUser[];
  } = {},
): Promise<DovecotServer> {
  const user = options.user ?? 'mishuke@example.cn';
  const password = options.password ?? 'Auth-Code-7Hq2xZ';
  const root = process.getuid?.() === 0;
  const me = userInfo();
  const owner = { user: me.username, group: me.username, uid: me.uid, gid: me.gid };
  if (!root) {
    owner.group =
      (await readFile('/etc/group', 'utf8'))
        .split('\n')
        .find((line) => line.split(':')[2] === String(me.gid))
        ?.split(':')[0] ?? me.username;
  }
  const dir = await mkdtemp(join(tmpdir(), 'huizong-dovecot-'));
  // The auth and mail processes run as the dovecot user: every folder above the files they
  // read must be traversable (mkdtemp makes 0700).
  await chmod(dir, 0o755);
  for (const sub of ['run', 'state', 'auth', 'mail', 'home']) await mkdir(join(dir, sub), { recursive: true });
  await writeFile(
    join(dir, 'auth', 'passwd'),
    [{ user, password }, ...(options.extraUsers ?? [])].map((account) => `${account.user}:{PLAIN}${account.password}\n`).join(''),
    { mode: 0o644 },
  );
  if (root) {
    const dovecotUser = (await readFile('/etc/passwd', 'utf8'))
      .split('\n')
      .find((line) => line.startsWith('dovecot:'))
      ?.split(':');
    const uid = Number(dovecotUser?.[2]);
    const gid = Number(dovecotUser?.[3]);
    for (const sub of ['mail', 'home']) await chown(join(dir, sub), uid, gid);
  }
  const port = await freePort();
  const tlsPort = options.tls ? await freePort() : 0;
  if (options.tls) {
    await mkdir(join(dir, 'tls'));
    selfSignedCertificate(join(dir, 'tls'));
  }
  const configFile = join(dir, 'dovecot.conf');
  await writeFile(configFile, config(dir, port, tlsPort, owner, root));
  const logFile = join(dir, 'dovecot.log');

  let child: ChildProcess | null = null;
  const start = async () => {
    if (child) return;
    await exiting;
    // Its own process group, so `crash` can kill the master and every child at once.
    const started = spawn('dovecot', ['-F', '-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    started.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child = started;
    // Never leave a server behind when the test process ends without stopping it.
    const orphanGuard = () => started.kill('SIGTERM');
    process.once('exit', orphanGuard);
    started.once('exit', () => process.off('exit', orphanGuard));
    try {
      await waitForPort(port, { user, password }, started, logFile);
    } catch (error) {
      child = null;
      started.kill('SIGKILL');
      throw new Error(`${(error as Error).message}\n${stderr}`);
    }
  };
  let exiting: Promise<unknown> = Promise.resolve();
  const crash = () => {
    const running = child;
    if (!running || running.pid === undefined) return;
    child = null;
    exiting = running.exitCode === null ? new Promise((resolve) => running.once('exit', resolve)) : Promise.resolve();
    process.kill(-running.pid, 'SIGKILL');
  };
  const signalGroup = (signal: NodeJS.Signals) => {
    if (child?.pid !== undefined) process.kill(-child.pid, signal);
  };
  const stop = async () => {
    await exiting;
    const running = child;
    if (!running) return;
    child = null;
    if (running.exitCode === null) {
      const exited = new Promise((resolve) => running.once('exit', resolve));
      if (running.pid !== undefined) process.kill(-running.pid, 'SIGCONT');
      running.kill('SIGTERM');
      await exited;
    }
    // The master has gone; give its children (imap, auth) a moment to follow.
    await new Promise((resolve) => setTimeout(resolve, 100));
  };

  const client = async (as?: DovecotUser) => {
    const imap = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      doSTARTTLS: false,
      logger: false,
      auth: { user: as?.user ?? user, pass: as?.password ?? password },
      disableAutoIdle: true,
    });
    imap.on('error', () => {});
    await imap.connect();
    return imap;
  };

  const withClient = async <T>(fn: (imap: ImapFlow) => Promise<T>): Promise<T> => {
    const imap = await client();
    try {
      return await fn(imap);
    } finally {
      await imap.logout().catch(() => imap.close());
    }
  };

  await start();
  return {
    host: '127.0.0.1',
    port,
    tlsPort,
    certificateFile: join(dir, 'tls', 'cert.pem'),
    user,
    password,
    dir,
    start,
    stop,
    crash,
    pause: () => signalGroup('SIGSTOP'),
    resume: () => signalGroup('SIGCONT'),
    client,
    append: (folder, messages) =>
      withClient(async (imap) => {
        if (folder.toUpperCase() !== 'INBOX') {
          const list = await imap.list();
          if (!list.some((box) => box.path === folder)) await imap.mailboxCreate(folder);
        }
        const uids: number[] = [];
        for (const message of messages) {
          const result = await imap.append(folder, message.raw, message.flags ?? [], message.internalDate);
          if (!result || result.uid === undefined) throw new Error('APPEND returned no UID');
          uids.push(result.uid);
        }
        return uids;
      }),
    flags: (folder) =>
      withClient(async (imap) => {
        const lock = await imap.getMailboxLock(folder, { readOnly: true });
        try {
          const flags = new Map<number, string[]>();
          if ((imap.mailbox as { exists: number }).exists === 0) return flags;
          for await (const message of imap.fetch('1:*', { uid: true, flags: true }, { uid: false })) {
            flags.set(message.uid, [...(message.flags ?? [])].filter((flag) => flag !== '\\Recent').sort());
          }
          return flags;
        } finally {
          lock.release();
        }
      }),
    uidValidity: (folder) =>
      withClient(async (imap) => {
        const status = await imap.status(folder, { uidValidity: true });
        if (!status || status.uidValidity === undefined) throw new Error(`no status for ${folder}`);
        return status.uidValidity.toString();
      }),
    deleteFolder: (folder) =>
      withClient(async (imap) => {
        await imap.mailboxDelete(folder);
      }),
    log: () => readFile(logFile, 'utf8'),
    async dispose() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

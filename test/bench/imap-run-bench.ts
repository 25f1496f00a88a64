/**
 * `huizong run` against a real mailbox (issue 15): a Dovecot INBOX of 20,000 messages, of which
 * the 1,000-unit corpus's campaign mail (967 messages) and the rest office mail. Measured, each
 * round next to the floor (floor.ts): `run` with nothing new, and `run` after one new campaign
 * message arrived. The first (cold) poll-and-run is reported too.
 * Prints the figures as JSON on stdout (run.ts adds them to its table).
 *
 * Run: npm run build && node dist/test/bench/imap-run-bench.js [--runs N]
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DovecotServer, startDovecot } from '../support/dovecot.js';
import { ensureCorpus } from './corpus.js';
import { officeMessage } from './office-mail.js';
import { cli, floorRun, newMessage, Series } from './series.js';

const MAILBOX_SIZE = 20_000;

/**
 * Puts the messages straight into the INBOX's maildir (cur/, modification time = INTERNALDATE),
 * owned by the server's mail user: 20,000 IMAP APPENDs take minutes on a busy machine, files a
 * second. Dovecot indexes them when the mailbox is first opened, as after a migration.
 */
async function fillMaildir(
  server: DovecotServer,
  messages: AsyncIterable<{ raw: Buffer; internalDate: Date; seen: boolean }>,
): Promise<number> {
  const root = join(server.dir, 'mail', server.user);
  for (const sub of ['cur', 'new', 'tmp']) await mkdir(join(root, sub), { recursive: true });
  let count = 0;
  for await (const message of messages) {
    const seconds = Math.floor(message.internalDate.getTime() / 1000);
    const file = join(root, 'cur', `${seconds}.M${count}P${process.pid}.bench,S=${message.raw.length}:2,${message.seen ? 'S' : ''}`);
    await writeFile(file, message.raw);
    await utimes(file, seconds, seconds);
    count++;
  }
  const owner = await stat(join(server.dir, 'mail'));
  execFileSync('chown', ['-R', `${owner.uid}:${owner.gid}`, root]);
  return count;
}

async function main(): Promise<void> {
  const runsArg = process.argv.indexOf('--runs');
  const rounds = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
  const corpus = await ensureCorpus(1000);
  const campaignMail = (await readdir(corpus.mailDir)).filter((name) => name.endsWith('.eml')).sort();
  const server = await startDovecot();
  const work = await mkdtemp(join(tmpdir(), 'huizong-bench-imap-'));
  try {
    // Campaign mail spread through the office mail, as it arrives in a real inbox.
    const every = Math.floor(MAILBOX_SIZE / campaignMail.length);
    const started = performance.now();
    const stored = await fillMaildir(
      server,
      (async function* () {
        let campaignIndex = 0;
        for (let index = 0; index < MAILBOX_SIZE || campaignIndex < campaignMail.length; index++) {
          const isCampaign = (index % every === every - 1 || index >= MAILBOX_SIZE) && campaignIndex < campaignMail.length;
          const raw = isCampaign ? await readFile(join(corpus.mailDir, campaignMail[campaignIndex++]!)) : officeMessage(index);
          yield { raw, internalDate: new Date(Date.UTC(2013, 7, 15, 2, 0, 0) + index * 1000), seen: index % 3 === 0 };
        }
      })(),
    );
    process.stderr.write(
      `  邮箱：${stored} 封（活动来信 ${campaignMail.length} 封），写入用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒\n`,
    );
    const env = {
      HUIZONG_IMAP_HOST: server.host,
      HUIZONG_IMAP_PORT: String(server.port),
      HUIZONG_IMAP_USER: server.user,
      HUIZONG_IMAP_PASSWORD: server.password,
      HUIZONG_IMAP_TLS: 'false',
      HUIZONG_IMAP_FOLDER: 'INBOX',
    };
    const args = ['run', '--campaign', corpus.campaignDir, '--data', join(work, 'data'), '--out', join(work, 'out')];
    const cold = new Series('run（冷，IMAP，2 万封邮箱）', 1000);
    const idle = new Series('run（无新邮件，IMAP，2 万封邮箱）', 1000);
    const oneNew = new Series('run（新到 1 封，IMAP）', 1000);
    const first = await cli(args, work, env);
    cold.add(first, await floorRun(corpus.mailDir, work));
    for (let round = 1; round <= rounds; round++) {
      process.stderr.write(`  IMAP 第 ${round}/${rounds} 轮……\n`);
      const floor = await floorRun(corpus.mailDir, work);
      idle.add(await cli(args, work, env), floor);
      await server.append('INBOX', [
        { raw: await newMessage(corpus.mailDir, round), internalDate: new Date(Date.UTC(2013, 7, 17, 0, 0, round)) },
      ]);
      oneNew.add(await cli(args, work, env), floor);
    }
    process.stdout.write(JSON.stringify([cold.figure(), idle.figure(), oneNew.figure()]));
  } finally {
    await server.dispose();
    await rm(work, { recursive: true, force: true });
  }
}

await main();

/**
 * A server that stops answering is reported as a timeout (超时), not as a dropped connection:
 * a real TCP server that speaks enough IMAP to log in and open the folder, then never answers
 * the SEARCH (as a server does whose disk or backend hangs).
 */
import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaignFilter } from '../../intake/imap/campaign-filter.js';
import { pollMailbox } from '../../intake/imap/poll.js';
import { resolveImapSettings } from '../../intake/imap/settings.js';
import { RawStore } from '../../intake/store/raw-store.js';
import { demoCampaign } from '../support/demo-campaign.js';
import { tempDir } from '../support/temp-dir.js';

const sockets = new Set<Socket>();
const server = createServer((socket) => {
  sockets.add(socket);
  socket.on('error', () => {});
  socket.write('* OK [CAPABILITY IMAP4rev1] ready\r\n');
  let buffer = '';
  socket.on('data', (chunk) => {
    buffer += chunk.toString('latin1');
    for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const [tag, command = ''] = line.split(' ');
      const verb = command.toUpperCase();
      if (verb === 'UID' || verb === 'SEARCH' || verb === 'FETCH' || verb === 'STATUS') continue; // hangs
      if (verb === 'LIST') socket.write('* LIST (\\HasNoChildren) "/" INBOX\r\n');
      if (verb === 'EXAMINE' || verb === 'SELECT') socket.write('* 3 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT 4] ok\r\n');
      socket.write(`${tag} OK done\r\n`);
    }
  });
});
let port = 0;

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe('a hung IMAP server', () => {
  it('is reported as 超时', async () => {
    const campaign = await demoCampaign();
    const dataDir = await tempDir();
    const settings = resolveImapSettings({ host: '127.0.0.1', port, tls: false, user: 'mishuke' }, { HUIZONG_IMAP_PASSWORD: 'x' });
    const failure = await pollMailbox({
      settings,
      store: new RawStore(dataDir),
      storeDir: dataDir,
      filter: createCampaignFilter(campaign),
      socketTimeoutMs: 300,
    }).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain('超时');
    expect((failure as Error).message).not.toContain('中断');
  });
});

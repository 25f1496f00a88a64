/** The demo campaign with its mailbox taken in, for the console's tests. */
import { join } from 'node:path';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { runCli } from './cli.js';
import { tempDir } from './temp-dir.js';

/** A campaign folder of the default campaign with the demo mailbox taken in (18 units, 22 messages). */
export async function demoCampaignWithMail(): Promise<string> {
  const dir = join(await tempDir('huizong-console-'), '活动');
  const init = await runCli(['init', dir]);
  if (init.code !== 0) throw new Error(init.stderr);
  const run = await runCli(['run', '--campaign', dir, '--mailbox-dir', join(packageRoot(), 'examples', 'mailbox')]);
  if (run.code !== 0) throw new Error(run.stderr);
  return dir;
}

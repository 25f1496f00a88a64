/**
 * Runs the huizong CLI in this process and reports its peak memory (max RSS) on exit, so the
 * benchmark measures the real command, start-up included.
 * Usage: node dist/test/bench/cli-with-rss.js <huizong args…>
 */
import { main } from '../../output/doors/cli/main.js';

const quiet = { out: () => {}, err: (line = '') => process.stderr.write(`${line}\n`) };
process.on('exit', () => process.stderr.write(`\nHUIZONG_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`));
process.exitCode = await main(process.argv.slice(2), quiet);

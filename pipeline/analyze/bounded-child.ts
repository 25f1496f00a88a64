/**
 * A Node child process whose memory is bounded as a whole, so that whatever a file makes a
 * library do — fill the heap, grow an array past V8's limit ("Fatal JavaScript invalid size
 * error", which ends the whole process and no thread can contain), allocate ArrayBuffers outside
 * the heap — ends that child only:
 *
 * - `--max-old-space-size`: the V8 heap (a JavaScript object or array past it is a fatal error
 *   in the child);
 * - an address-space limit (RLIMIT_AS, set by util-linux `prlimit` before node starts): heap,
 *   ArrayBuffers, native allocations and code together. It needs no privileges, works the same as
 *   root and as an ordinary user, and is inherited by the programs the child starts (LibreOffice
 *   converts within it). A cgroup would count resident memory instead of address space, but
 *   creating one needs root or a systemd delegation an office PC does not give a user;
 * - `--disable-wasm-trap-handler`: V8 otherwise reserves 10 GB of address space for each
 *   WebAssembly memory (7-Zip here), which no such limit allows; and `--wasm-max-mem-pages`, since
 *   without it V8 reserves for 7-Zip as much of the limit as it can get (a gigabyte of a 2 GB limit),
 *   leaving the heap too little;
 * - MALLOC_ARENA_MAX=2: glibc reserves 64 MB of address space per thread arena otherwise;
 * - `setpriv --pdeathsig KILL`: the child is killed when huizong itself dies, even in the middle
 *   of a loop that never lets it notice its parent has gone.
 *
 * Where prlimit is missing (not Linux) the child runs with its heap limit alone.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { findProgram } from '../../intake/kernel/find-program.js';

export interface ChildLimits {
  /** V8 old-space size, MB. */
  heapMB: number;
  /** Address space of the whole process, MB; see addressSpaceFor. */
  addressSpaceMB: number;
}

/**
 * What node needs beyond its heap, measured on Node 20 (Linux x64, with the settings above): node
 * does not start below ~750 MB of address space, and reading the demo's mail with every analysis
 * library loaded (exceljs, mailparser, 7-Zip) reaches ~850 MB before its heap grows. Beside them:
 * 7-Zip's working memory (enough for the 64 MB dictionary of 7-Zip's "ultra" setting many times
 * over) and the ArrayBuffers of one large message (the raw mail, its decoded attachments, archive
 * contents, a 20 MB office part inflated). A child past its limit cannot allocate: V8 ends it (a
 * fatal error, counted as the file's) or the allocation throws (a problem like any other).
 */
const BASE_MB = 1024;
const WASM_MB = 256;
const BUFFERS_MB = 512;

export function addressSpaceFor(heapMB: number): number {
  return heapMB + BASE_MB + WASM_MB + BUFFERS_MB;
}

/** Whether children get an address-space limit here (Linux with prlimit), or their heap limit alone. */
export function addressSpaceLimitAvailable(): boolean {
  return process.platform === 'linux' && prlimitPath() !== null;
}

let prlimit: string | null | undefined;
let setpriv: string | null | undefined;
function prlimitPath(): string | null {
  prlimit ??= findProgram({ variable: 'HUIZONG_PRLIMIT', names: ['prlimit'], elsewhere: () => ['/usr/bin/prlimit', '/bin/prlimit'] });
  return prlimit;
}
function setprivPath(): string | null {
  setpriv ??= findProgram({ variable: 'HUIZONG_SETPRIV', names: ['setpriv'], elsewhere: () => ['/usr/bin/setpriv', '/bin/setpriv'] });
  return setpriv;
}

/** Profiling flags of this process, passed on so that `node --cpu-prof` profiles the children too. */
function inheritedFlags(): string[] {
  return process.execArgv.filter((flag) => /^--cpu-prof/.test(flag));
}

/** The command line that starts `script` under the limits. */
export function boundedCommand(script: string, limits: ChildLimits): { command: string; args: string[] } {
  const node = [`--max-old-space-size=${limits.heapMB}`, ...inheritedFlags()];
  const prlimitProgram = process.platform === 'linux' ? prlimitPath() : null;
  if (prlimitProgram === null) return { command: process.execPath, args: [...node, script] };
  if (process.allowedNodeEnvironmentFlags.has('--disable-wasm-trap-handler'))
    node.push('--disable-wasm-trap-handler', `--wasm-max-mem-pages=${(WASM_MB * 1024) / 64}`);
  const bytes = limits.addressSpaceMB * 1024 * 1024;
  const death = setprivPath();
  return {
    command: prlimitProgram,
    args: [`--as=${bytes}:${bytes}`, '--', ...(death ? [death, '--pdeathsig', 'KILL', '--'] : []), process.execPath, ...node, script],
  };
}

/**
 * Starts the child with an IPC channel, its output captured (never shown to the clerk; the last
 * few KB are kept for the analysis log) and in a process group of its own, so that killing it
 * also ends the LibreOffice it may have started.
 */
export function startBoundedChild(script: string, limits: ChildLimits): { child: ChildProcess; output: () => string } {
  const { command, args } = boundedCommand(script, limits);
  const child = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, MALLOC_ARENA_MAX: '2' },
    detached: true,
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4096);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => tail };
}

/** Kills the child and everything it started (its process group). */
export function killBoundedChild(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** Which limit a dead child ran into, from how it died and what V8 printed. */
export function deathCause(output: string): 'memory' | 'crash' {
  return /heap out of memory|Reached heap limit|invalid (array |table )?(size|length)|Allocation failed|out of memory|Cannot allocate|Array buffer allocation failed|ENOMEM/i.test(
    output,
  )
    ? 'memory'
    : 'crash';
}

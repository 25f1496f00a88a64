/**
 * The files inside a .7z or .rar archive, read with 7-Zip itself compiled to WebAssembly
 * (npm 7z-wasm: no system program needed, the same on every office machine). 7z archives store
 * names in UTF-16 and RAR archives in UTF-8/UTF-16 when a name is not ASCII, so Chinese names
 * arrive intact.
 *
 * The archive is listed first (`7z l -slt`); the limits are checked against the sizes its
 * headers declare, and only the entries within the budget are extracted. 7-Zip's decoders stop
 * at the declared size, so a bomb costs at most the budget. An archive that needs a password
 * (entries or the whole header) and one part of a multi-volume set are reported, not guessed at.
 */
import { createRequire } from 'node:module';
import type { SevenZipModule, SevenZipModuleFactory } from '7z-wasm';
import type { ZipBudget, ZipContents } from './read-zip.js';

export type SevenZipOutcome =
  | { status: 'read'; contents: ZipContents }
  /** The whole archive (its list of files) needs a password. */
  | { status: 'encrypted' }
  /** One part of a multi-volume archive: the others are needed to read it. */
  | { status: 'multi_volume' }
  | { status: 'unreadable'; detail: string };

interface Listed {
  path: string;
  size: number;
  folder: boolean;
  encrypted: boolean;
}

const CLUTTER = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$|desktop\.ini$)/i;
const ARCHIVE = '/in/archive';
const OUT = '/out';

let factory: SevenZipModuleFactory | undefined;

/** 7z-wasm is a CommonJS (UMD) build: loaded with require, on first use only (1.6 MB of WASM). */
function sevenZip(): SevenZipModuleFactory {
  factory ??= createRequire(import.meta.url)('7z-wasm') as SevenZipModuleFactory;
  return factory;
}

/** Runs one 7-Zip command in a fresh instance (an Emscripten program runs main once). */
async function run(content: Buffer, args: readonly string[]): Promise<{ module: SevenZipModule; lines: string[]; errors: string[] }> {
  const lines: string[] = [];
  const errors: string[] = [];
  const module = await sevenZip()({
    print: (line: string) => lines.push(line),
    printErr: (line: string) => errors.push(line), // Emscripten reads null as end of input: 7-Zip never waits for a password.
    stdin: (() => null) as unknown as () => number,
  });
  module.FS.mkdir('/in');
  module.FS.mkdir(OUT);
  module.FS.writeFile(ARCHIVE, content);
  try {
    // -p (empty password): never wait for one on stdin; -scc/-sccUTF-8: names in UTF-8.
    module.callMain([...args, '-p', '-sccUTF-8', '-bso1', '-bse2', '-bsp0']);
  } catch (cause) {
    // 7-Zip exits with a non-zero code through an ExitStatus exception; the messages tell why.
    if (!(cause && typeof cause === 'object' && 'status' in cause)) throw cause;
  }
  return { module, lines, errors };
}

/** `7z l -slt` output → archive properties and one record per entry. */
function parseListing(lines: readonly string[]): { archive: Map<string, string>; entries: Listed[] } {
  const archive = new Map<string, string>();
  const entries: Listed[] = [];
  let section: 'head' | 'archive' | 'entries' = 'head';
  let current: Map<string, string> | null = null;
  const close = () => {
    if (current?.has('Path')) {
      entries.push({
        path: current.get('Path')!.replace(/\\/g, '/'),
        size: Number(current.get('Size') || 0),
        folder: current.get('Folder') === '+' || (current.get('Attributes') ?? '').startsWith('D'),
        encrypted: current.get('Encrypted') === '+',
      });
    }
    current = null;
  };
  for (const line of lines) {
    if (line === '--') section = 'archive';
    else if (line.startsWith('----------')) section = 'entries';
    else if (section === 'entries') {
      if (line.trim() === '') close();
      else {
        current ??= new Map();
        const at = line.indexOf(' = ');
        if (at > 0) current.set(line.slice(0, at), line.slice(at + 3));
      }
    } else if (section === 'archive') {
      const at = line.indexOf(' = ');
      if (at > 0) archive.set(line.slice(0, at), line.slice(at + 3));
    }
  }
  close();
  return { archive, entries };
}

const mentions = (texts: readonly string[], pattern: RegExp) => texts.some((text) => pattern.test(text));

/** Reads every file of a 7z or RAR archive within the budget (which it spends). */
export async function readSevenZip(content: Buffer, budget: ZipBudget): Promise<SevenZipOutcome> {
  const listing = await run(content, ['l', '-slt', ARCHIVE]);
  const { archive, entries } = parseListing(listing.lines);
  if (mentions(listing.errors, /encrypted archive|Wrong password/i)) return { status: 'encrypted' };
  const multiVolume =
    archive.get('Multivolume') === '+' ||
    Number(archive.get('Volumes') ?? 1) > 1 ||
    (archive.has('Volume Index') && archive.get('Volume Index') !== '0');
  if (
    multiVolume ||
    (mentions(listing.errors, /Unexpected end of archive|There are some data after the end|missing volume/i) && entries.length === 0)
  ) {
    return multiVolume
      ? { status: 'multi_volume' }
      : { status: 'unreadable', detail: listing.errors.filter(Boolean).join(' ').slice(0, 200) };
  }
  if (!archive.has('Type'))
    return { status: 'unreadable', detail: listing.errors.filter(Boolean).join(' ').slice(0, 200) || '无法识别的压缩包' };

  const contents: ZipContents = { files: [], issues: [], ignored: 0 };
  const wanted: Listed[] = [];
  let skipped = 0;
  let files = budget.files;
  let bytes = budget.bytes;
  for (const entry of entries) {
    if (entry.folder || CLUTTER.test(entry.path)) {
      contents.ignored++;
      continue;
    }
    if (files <= 0) {
      skipped++;
      continue;
    }
    if (entry.encrypted) {
      contents.issues.push({ kind: 'encrypted', name: entry.path });
      continue;
    }
    if (entry.size > bytes) {
      contents.issues.push({ kind: 'too_large', name: entry.path, size: entry.size });
      continue;
    }
    files--;
    bytes -= entry.size;
    wanted.push(entry);
  }
  if (wanted.length > 0) {
    // Extract by index-free paths: 7-Zip takes the listed paths as wildcards-off names (-spd).
    const extraction = await run(content, ['x', ARCHIVE, `-o${OUT}`, '-y', '-spd', ...wanted.map((entry) => entry.path)]);
    for (const entry of wanted) {
      try {
        const data = Buffer.from(extraction.module.FS.readFile(`${OUT}/${entry.path}`));
        budget.files--;
        budget.bytes -= data.byteLength;
        contents.files.push({ name: entry.path, content: data });
      } catch {
        contents.issues.push({
          kind: 'unreadable_entry',
          name: entry.path,
          detail: extraction.errors.filter(Boolean).join(' ').slice(0, 200) || '解压失败',
        });
      }
    }
  }
  if (skipped > 0) contents.issues.push({ kind: 'too_many_files', skipped });
  return { status: 'read', contents };
}

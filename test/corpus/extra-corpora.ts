/**
 * Public test corpora beyond ../shared/corpus, fetched from the two registries this machine
 * reaches, with their ordinary clients, into a cache folder (never into the repository):
 *
 * - Debian: LibreOffice's own regression documents (the qa/…/data folders of its source package:
 *   Word, RTF, OpenDocument and Excel files from two decades of bug reports), fetched with apt
 *   from the deb-src of the Debian release this machine runs (a private apt configuration in the
 *   cache folder: the system's apt settings are not touched), checked against the package's hash;
 * - npm: the test documents some packages ship (mammoth's Word files, pdf-parse's PDFs, node-tnef's
 *   winmail.dat files, xlsx-populate's workbooks).
 *
 * Each file is listed like an entry of the shared corpus's index.json (repo = where it came from).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface CorpusEntry {
  repo: string;
  path: string;
  size: number;
  kind: 'file' | 'eml' | 'pdf';
  /** Path of the file, relative to the corpus folder it is in. */
  local: string;
}

/** Documents and mail a unit could send; everything else in the packages is left out. */
const DOCUMENT = /\.(xls|xlsx|xlsm|xlsb|xlt|xltx|et|ods|fods|doc|docx|docm|dot|dotx|wps|rtf|odt|fodt|pdf|eml|msg|dat|zip|7z|rar)$/i;

const NPM_PACKAGES = ['mammoth@1.13.0', 'pdf-parse@1.1.1', 'node-tnef@1.4.0', 'xlsx-populate@1.21.0'];
const DEBIAN_SOURCE = 'libreoffice';

export function extraCorpusDir(): string {
  return process.env.HUIZONG_CORPUS_EXTRA ?? join(homedir(), '.cache', 'huizong-corpus-extra');
}

async function filesUnder(dir: string): Promise<string[]> {
  const names = (await readdir(dir, { recursive: true })) as string[];
  const files: string[] = [];
  for (const name of names) if ((await stat(join(dir, name))).isFile()) files.push(join(dir, name));
  return files;
}

/** Keeps only the documents of an unpacked package. */
async function keepDocuments(dir: string): Promise<void> {
  for (const file of await filesUnder(dir)) if (!DOCUMENT.test(file)) await rm(file);
}

async function fetchNpm(into: string): Promise<void> {
  for (const spec of NPM_PACKAGES) {
    const name = spec.slice(0, spec.lastIndexOf('@'));
    const target = join(into, `npm+${name.replace('/', '+')}`);
    if (existsSync(target)) continue;
    const work = `${target}.partial`;
    await rm(work, { recursive: true, force: true });
    await mkdir(work, { recursive: true });
    const { stdout } = await run('npm', ['pack', spec, '--pack-destination', work, '--silent'], { cwd: work });
    await run('tar', ['-xzf', join(work, stdout.trim().split('\n').pop()!), '-C', work]);
    await keepDocuments(work);
    await run('mv', [join(work, 'package'), target]);
    await rm(work, { recursive: true, force: true });
  }
}

/** The Debian release this machine runs (its codename), for the matching source package. */
async function debianCodename(): Promise<string> {
  const release = await readFile('/etc/os-release', 'utf8');
  const codename = /^VERSION_CODENAME=(\w+)/m.exec(release)?.[1];
  if (!codename) throw new Error('not a Debian system (no VERSION_CODENAME in /etc/os-release)');
  return codename;
}

async function fetchDebian(into: string): Promise<void> {
  const target = join(into, `debian+${DEBIAN_SOURCE}`);
  if (existsSync(target)) return;
  const apt = join(into, '.apt');
  await mkdir(join(apt, 'parts'), { recursive: true });
  await mkdir(join(apt, 'lists', 'partial'), { recursive: true });
  await mkdir(join(apt, 'cache'), { recursive: true });
  await writeFile(
    join(apt, 'parts', 'src.sources'),
    `Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: ${await debianCodename()}\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n`,
  );
  const options = [
    '-o',
    'Dir::Etc::SourceList=/dev/null',
    '-o',
    `Dir::Etc::SourceParts=${join(apt, 'parts')}`,
    '-o',
    `Dir::State::Lists=${join(apt, 'lists')}`,
    '-o',
    `Dir::Cache=${join(apt, 'cache')}`,
  ];
  await run('apt-get', [...options, 'update'], { maxBuffer: 16 * 1024 * 1024 });
  const { stdout } = await run('apt-get', [...options, 'source', '--print-uris', DEBIAN_SOURCE], { maxBuffer: 16 * 1024 * 1024 });
  const line = stdout.split('\n').find((item) => /\.orig\.tar\.xz' /.test(item));
  const [, uri, file, , hash] = /^'([^']+)' (\S+) (\d+) (\S+)/.exec(line ?? '') ?? [];
  if (!uri || !file || !hash) throw new Error(`no source tarball of ${DEBIAN_SOURCE} found`);
  const work = `${target}.partial`;
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  await run('/usr/lib/apt/apt-helper', ['download-file', uri, join(work, file), hash], { maxBuffer: 16 * 1024 * 1024 });
  // Only the regression documents: the qa folders' data.
  await run('tar', ['-xJf', join(work, file), '-C', work, '--wildcards', '*/qa/*'], { maxBuffer: 16 * 1024 * 1024 });
  await rm(join(work, file));
  await keepDocuments(work);
  await run('mv', [work, target]);
}

/** Fetches what is missing, then lists every document of the extra corpora. */
export async function extraCorpus(): Promise<{ dir: string; entries: CorpusEntry[] }> {
  const dir = extraCorpusDir();
  await mkdir(dir, { recursive: true });
  // A source that cannot be fetched here (no apt, no registry) is left out, said once.
  for (const [source, fetch] of [
    ['npm', fetchNpm],
    ['Debian', fetchDebian],
  ] as const) {
    await fetch(dir).catch((cause: Error) => console.error(`extra corpus from ${source} not fetched: ${cause.message.split('\n')[0]}`));
  }
  const entries: CorpusEntry[] = [];
  for (const source of (await readdir(dir)).filter((name) => name.includes('+') && !name.endsWith('.partial')).sort()) {
    for (const file of (await filesUnder(join(dir, source))).sort()) {
      const local = relative(dir, file);
      const kind = /\.eml$/i.test(file) ? 'eml' : /\.pdf$/i.test(file) ? 'pdf' : 'file';
      entries.push({ repo: source, path: relative(join(dir, source), file), size: (await stat(file)).size, kind, local });
    }
  }
  // In an order that mixes the sources and folders evenly (by a hash of the path), so that any
  // first N of them (npm run corpus -- --limit) are a fair sample, the same every time.
  const key = (entry: CorpusEntry) => createHash('sha256').update(entry.local).digest('hex');
  return { dir, entries: entries.sort((a, b) => (key(a) < key(b) ? -1 : 1)) };
}

/**
 * The house plan, kept by a test: which floor each source file stands on, and that no file
 * imports from a floor above its own, no files import each other in a loop, and no two folders
 * import each other. README's developer section draws the same floors.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../intake/kernel/package-root.js';

/** Lowest first; a file stands on the floor of the longest prefix that holds it. */
const FLOORS: readonly { floor: string; holds: string }[] = [
  { floor: 'kernel', holds: 'intake/kernel/' },
  { floor: 'intake', holds: 'intake/' },
  { floor: 'stages', holds: 'pipeline/' },
  { floor: 'outputs', holds: 'output/' },
  { floor: 'runner', holds: 'output/runner/' },
  { floor: 'front doors', holds: 'output/doors/' },
  { floor: 'demo', holds: 'examples/' },
];

const root = packageRoot();
const SOURCE_FOLDERS = ['intake', 'pipeline', 'output', 'examples'];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** Relative imports of a file, as paths of .ts files from the package root. */
function importsOf(file: string): string[] {
  const source = readFileSync(join(root, file), 'utf8');
  const found: string[] = [];
  for (const match of source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)) {
    found.push(normalize(join(dirname(file), match[1]!)).replace(/\.js$/, '.ts'));
  }
  return found;
}

function floorOf(file: string): number {
  let best = -1;
  let length = -1;
  FLOORS.forEach((entry, index) => {
    if (file.startsWith(entry.holds) && entry.holds.length > length) {
      best = index;
      length = entry.holds.length;
    }
  });
  return best;
}

const files = SOURCE_FOLDERS.flatMap(sourceFiles);
const graph = new Map(files.map((file) => [file, importsOf(file)]));

describe('the floors', () => {
  it('places every source file on a floor', () => {
    expect(files.filter((file) => floorOf(file) < 0)).toEqual([]);
  });

  it('has no import from a floor above the importing file', () => {
    const upward: string[] = [];
    for (const [file, imports] of graph) {
      for (const target of imports) {
        if (target.startsWith('test/')) upward.push(`${file} → ${target}（测试代码）`);
        else if (floorOf(target) > floorOf(file))
          upward.push(`${file} (${FLOORS[floorOf(file)]!.floor}) → ${target} (${FLOORS[floorOf(target)]!.floor})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('lets the outputs see merge only through its result types', () => {
    const wrong: string[] = [];
    for (const [file, imports] of graph) {
      if (!file.startsWith('output/') || file.startsWith('output/runner/') || file.startsWith('output/doors/')) continue;
      for (const target of imports)
        if (target.startsWith('pipeline/merge/') && target !== 'pipeline/merge/merge-result.ts') wrong.push(`${file} → ${target}`);
    }
    expect(wrong).toEqual([]);
  });

  it('lets the front doors run the pipeline only through the runner', () => {
    // The entry points of the stages: intake from each source, analysis, merge, writing, notifying.
    const stages = new Set([
      'intake/imap/take-in.ts',
      'intake/imap/poll.ts',
      'intake/folder-source.ts',
      'pipeline/analyze/load-stored.ts',
      'pipeline/merge/merge.ts',
      'output/write-outputs.ts',
      'output/mail/after-poll.ts',
    ]);
    const wrong: string[] = [];
    for (const [file, imports] of graph) {
      if (!file.startsWith('output/doors/')) continue;
      for (const target of imports) if (stages.has(target)) wrong.push(`${file} → ${target}`);
    }
    expect(wrong).toEqual([]);
  });

  it('has no files that import each other in a loop', () => {
    const state = new Map<string, 'open' | 'done'>();
    const loops: string[] = [];
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        loops.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(loops).toEqual([]);
  });

  it('has no two sibling folders that import each other', () => {
    const pairs = new Set<string>();
    for (const [file, imports] of graph) {
      for (const target of imports) {
        const a = file.split('/');
        const b = target.split('/');
        let common = 0;
        while (common < a.length - 1 && common < b.length - 1 && a[common] === b[common]) common++;
        // Rooms at the level where the two paths part: a folder or a file.
        const from = a.slice(0, common + 1).join('/');
        const to = b.slice(0, common + 1).join('/');
        if (from !== to) pairs.add(`${from} → ${to}`);
      }
    }
    const mutual = [...pairs].filter((pair) => {
      const [from, to] = pair.split(' → ');
      return from! < to! && pairs.has(`${to} → ${from}`);
    });
    expect(mutual).toEqual([]);
  });
});

/**
 * The integration tests run the built CLI (dist/). Run against a dist/ older than the sources,
 * they would test yesterday's program and pass or fail for the wrong reason, so before any test
 * the sources are compared with what was built from them, and stale output is rebuilt first.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { packageRoot } from '../../intake/kernel/package-root.js';

const SOURCE_FOLDERS = ['intake', 'pipeline', 'output', 'examples', 'test'];

/** Sources whose compiled .js is missing or older than the source. */
export function staleSources(root = packageRoot()): string[] {
  const stale: string[] = [];
  for (const folder of SOURCE_FOLDERS) {
    for (const entry of readdirSync(join(root, folder), { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) continue;
      const source = join(entry.parentPath, entry.name);
      const path = relative(root, source);
      if (path.startsWith('test/vitest.')) continue;
      const built = join(root, 'dist', path.replace(/\.ts$/, '.js'));
      let builtAt: number;
      try {
        builtAt = statSync(built).mtimeMs;
      } catch {
        stale.push(path);
        continue;
      }
      if (statSync(source).mtimeMs > builtAt) stale.push(path);
    }
  }
  return stale;
}

export function ensureFreshBuild(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): void {
  const stale = staleSources();
  if (stale.length === 0) return;
  log(`[test] dist/ 比源代码旧（${stale.slice(0, 3).join('、')}${stale.length > 3 ? ` 等 ${stale.length} 个文件` : ''}），先编译……`);
  execFileSync(
    process.execPath,
    [join(packageRoot(), 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(packageRoot(), 'tsconfig.json')],
    { stdio: 'inherit' },
  );
}

/**
 * A CommonJS package loaded with require rather than import. Imported from an ES module, a
 * CommonJS package is first scanned for its exports (Node's cjs-module-lexer, over the package
 * and what it re-exports): for mailparser that scan was ~80 ms of each analysis child's start,
 * about a fifth of it. The caller names the package's type with `import type`.
 */
import { createRequire } from 'node:module';

export const requirePackage: (name: string) => unknown = createRequire(import.meta.url);

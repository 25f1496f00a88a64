/** `npm run test:unit`: the fast tests beside the logic, with no build, no LibreOffice, Dovecot or browser. */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['intake/**/*.test.ts', 'pipeline/**/*.test.ts', 'output/**/*.test.ts', 'test/imports.test.ts'],
    // *.integration.test.ts beside the logic run real programs (LibreOffice, pdftotext): `npm test` runs them.
    exclude: ['node_modules/**', 'dist/**', '**/*.integration.test.ts'],
    testTimeout: 60_000,
  },
});

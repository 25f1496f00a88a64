/** The attachment fixtures made by real office software (test/fixtures/attachments/make.sh). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../../intake/kernel/package-root.js';

export const ATTACHMENT_FIXTURES = join(packageRoot(), 'test', 'fixtures', 'attachments');

export function attachmentFixture(name: string): Promise<Buffer> {
  return readFile(join(ATTACHMENT_FIXTURES, name));
}

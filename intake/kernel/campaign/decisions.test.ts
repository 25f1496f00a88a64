import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDecisions, parseDecisions } from './decisions.js';

async function decisionsFrom(text: string) {
  const dir = await mkdtemp(join(tmpdir(), 'huizong-decisions-'));
  await writeFile(join(dir, 'decisions.yaml'), text);
  return loadDecisions(dir, ['庞村镇', '佃庄镇']);
}

describe('loadDecisions', () => {
  // A message id is hex: some ids are all digits, or digits around one "e", and YAML reads those
  // unquoted as numbers (123456789012, 1.234e+5678901 → Infinity, 012345678901 → 12345678901).
  // The clerk copies the id from the workbook as it is: it must be read as written.
  it('reads an unquoted message id that YAML would take for a number as the text written', async () => {
    const decisions = await decisionsFrom(
      [
        'assign:',
        '  - message: 123456789012',
        '    unit: 佃庄镇',
        '  - message: 012345678901',
        '    unit: 庞村镇',
        'ignore:',
        '  - message: 1234e5678901',
        '  - message: "00aa11bb22cc"',
      ].join('\n'),
    );
    expect(decisions.assign.map((item) => item.message)).toEqual(['123456789012', '012345678901']);
    expect(decisions.ignore.map((item) => item.message)).toEqual(['1234e5678901', '00aa11bb22cc']);
  });

  it('still refuses an id that is not hex, with its line', async () => {
    await expect(decisionsFrom('assign:\n  - message: 来信\n    unit: 佃庄镇\n')).rejects.toMatchObject({
      code: 'CONFIG',
      details: [expect.stringContaining('第 2 行')],
    });
  });

  it('flags, when given the stored ids, a message no stored one is, and a prefix naming two, each with its line', () => {
    const stored = ['aaaa1111bbbb2222', 'cccc3333dddd4444', 'cccc3333eeee5555'];
    const text = [
      'assign:',
      '  - message: "aaaa1111bbbb"',
      '    unit: 佃庄镇',
      '  - message: "ffff0000ffff"',
      '    unit: 庞村镇',
      'ignore:',
      '  - message: "cccc3333"',
    ].join('\n');
    expect(() => parseDecisions(text, ['庞村镇', '佃庄镇'])).not.toThrow();
    let thrown: { details: string[] } | null = null;
    try {
      parseDecisions(text, ['庞村镇', '佃庄镇'], { storedIds: stored });
    } catch (error) {
      thrown = error as { details: string[] };
    }
    expect(thrown?.details).toEqual([
      expect.stringMatching(/第 4 行：存档中没有编号为「ffff0000ffff」的来信/),
      expect.stringMatching(/第 7 行：编号「cccc3333」对应 2 封来信/),
    ]);
  });
});

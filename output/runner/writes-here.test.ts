import { describe, expect, it } from 'vitest';
import { writesOutputsHere } from './runner.js';

describe('which runs write their outputs themselves (and load the writers ahead)', () => {
  it('the commands that write do; status does not; a console decision leaves them to its worker unless it notifies', () => {
    expect(writesOutputsHere({ outputs: 'write' })).toBe(true);
    expect(writesOutputsHere({ outputs: 'force' })).toBe(true);
    expect(writesOutputsHere({ outputs: 'none' })).toBe(false);
    expect(writesOutputsHere({ outputs: 'behind' })).toBe(false);
    // Receipts wait for the files, so a notifying run writes them itself.
    expect(writesOutputsHere({ outputs: 'behind', notify: true })).toBe(true);
  });
});

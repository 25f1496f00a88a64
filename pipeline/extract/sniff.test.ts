import { describe, expect, it } from 'vitest';
import { legacyWorkbook } from '../../test/support/ole-fixture.js';
import { legacyPasswordProtected } from '../convert/legacy-encryption.js';
import { sniffKind } from './sniff.js';

describe('sniffKind on OLE compound files', () => {
  it('reads the root streams: an .xls with an embedded Word object is a workbook, not a Word file', () => {
    expect(sniffKind(legacyWorkbook({ embeddedWord: true }), '统计表.xls')).toBe('xls');
    expect(sniffKind(legacyWorkbook(), '统计表.xls')).toBe('xls');
  });
});

describe('legacyPasswordProtected on .xls', () => {
  it('sees the password behind a "password to modify" record (WRITEPROT before FILEPASS)', () => {
    expect(legacyPasswordProtected(legacyWorkbook({ password: 'open-and-modify' }), 'xls')).toBe(true);
    expect(legacyPasswordProtected(legacyWorkbook({ password: 'open' }), 'xls')).toBe(true);
    expect(legacyPasswordProtected(legacyWorkbook(), 'xls')).toBe(false);
    expect(legacyPasswordProtected(legacyWorkbook({ embeddedWord: true }), 'xls')).toBe(false);
  });
});

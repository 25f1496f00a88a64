import { describe, expect, it } from 'vitest';
import { likely, needsConfirming, sure } from './derived.js';
import { matchTables } from './match-tables.js';
import type { NoticeAttachment } from './notice/notice-attachments.js';
import type { DraftTable } from './table/derive-table.js';

function template(title: string, label: string | null = null): DraftTable {
  const file = `${title}.xlsx`;
  return {
    source: file,
    file,
    name: likely(title, `${file} A1`, '表格上方的标题'),
    attachmentLabel: label ? sure(label, `${file} A1`) : null,
    kind: likely('list', file),
    unitField: sure('填报单位', `${file} A2`),
    dateField: sure('填报日期', `${file} E2`),
    entries: [],
    formulas: [],
    unreadFormulas: [],
    notes: [],
    skipped: [],
  };
}

const listed = (label: string, title: string): NoticeAttachment => ({ label, title, from: '通知.docx 第9段' });

describe('matchTables', () => {
  it("takes the notice's name for a template whose title differs only by its year", () => {
    const [table] = matchTables([template('2026年度培训台账', '附件1')], [], [listed('附件1', '培训台账')]).tables;
    expect(table?.name).toMatchObject({ value: '培训台账', confidence: 'sure' });
    expect(needsConfirming(table?.name)).toBe(false);
  });

  it("asks the clerk when the notice's name and the template's title differ otherwise", () => {
    const [table] = matchTables([template('2026年度培训台账')], [], [listed('附件', '26年度培训台账')]).tables;
    expect(table?.name.value).toBe('26年度培训台账');
    expect(needsConfirming(table?.name)).toBe(true);
    expect(table?.name.note).toContain('模板上的标题是“2026年度培训台账”');
  });
});

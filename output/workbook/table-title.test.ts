import { describe, expect, it } from 'vitest';
import { titledTableName } from './row-table-sheet.js';

describe('titledTableName: the campaign title and a table’s name as one title', () => {
  it('keeps a name that does not repeat the title after it on one line, as the 2013 campaign’s 附件2', () => {
    expect(titledTableName('政府信息公开保密审查专项检查', '自查情况统计表')).toBe('政府信息公开保密审查专项检查自查情况统计表');
  });

  it('says once the words the title ends with and the name starts with', () => {
    expect(titledTableName('2026年汛期安全隐患排查整治', '汛期安全隐患排查整治情况统计表')).toBe('2026年汛期安全隐患排查整治情况统计表');
    expect(titledTableName('2026年新任职干部保密培训', '保密培训人员花名册')).toBe('2026年新任职干部保密培训人员花名册');
  });

  it('puts a name that repeats words of the title on a line of its own, never running the two together', () => {
    expect(titledTableName('2026年汛前防汛安全隐患排查整治工作', '防汛安全隐患排查情况统计表')).toBe(
      '2026年汛前防汛安全隐患排查整治工作\n防汛安全隐患排查情况统计表',
    );
    expect(titledTableName('2026年汛前防汛安全隐患排查整治工作', '重大隐患整改台账')).toBe(
      '2026年汛前防汛安全隐患排查整治工作\n重大隐患整改台账',
    );
    expect(titledTableName('2026年度政务公开工作统计', '政务公开培训台账')).toBe('2026年度政务公开工作统计\n政务公开培训台账');
  });
});

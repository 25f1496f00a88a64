import { describe, expect, it } from 'vitest';
import { attachmentLabelOf, cleanLabel, isColumnNumber, isNoteText } from './labels.js';

describe('cleanLabel', () => {
  it('removes the line breaks and spaces offices type inside words', () => {
    expect(cleanLabel('检查计算机数\n量(台)')).toBe('检查计算机数量(台)');
    expect(cleanLabel('检查机关、单位内 设部门数量(个)')).toBe('检查机关、单位内设部门数量(个)');
    expect(cleanLabel('备 注')).toBe('备注');
    expect(cleanLabel('投入整改资金\n（万元）')).toBe('投入整改资金(万元)');
    expect(cleanLabel('CPU 型号')).toBe('CPU型号');
    expect(cleanLabel('Windows 10 终端数')).toBe('Windows 10终端数');
  });

  it('tells column numbers, notes and 附件 labels', () => {
    expect(['1', '12', '（3）', '甲'].every(isColumnNumber)).toBe(true);
    expect(isColumnNumber('合计')).toBe(false);
    expect(isNoteText('填报说明：金额单位为万元')).toBe(true);
    expect(isNoteText('注：行数不够可自行插入')).toBe(true);
    expect(isNoteText('注册资本')).toBe(false);
    expect(attachmentLabelOf('附件 2')).toBe('附件2');
    expect(attachmentLabelOf('附件：')).toBe('附件');
    expect(attachmentLabelOf('附件2 自查情况统计表')).toBeNull();
  });
});

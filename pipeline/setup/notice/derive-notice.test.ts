/**
 * Notices of several shapes, as lines (the way a Word document or pdftotext gives them): what the
 * set-up reads from each.
 */
import { describe, expect, it } from 'vitest';
import { deriveNotice } from './derive-notice.js';
import { type DeadlineContext, noticeDeadline } from './notice-deadline.js';
import { tidy } from './notice-text.js';

const lines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line, index) => ({ text: line, location: `第${index + 1}行` }));

const FLOOD = `洛阳伊滨区防汛抗旱指挥部办公室文件
伊滨防办〔2026〕15号
关于开展2026年汛期安全隐患排查整治工作的通知
各镇人民政府，区直各有关单位：
现将有关事项通知如下：
二、排查重点
（一）防汛责任落实情况。防汛行政责任人是否明确，防汛责任是否落实到岗到人。
（二）河道及水库安全情况。河道行洪障碍是否清除，病险水库是否落实限汛措施。
三、工作要求
请各单位于6月10日前完成自查，6月20日前将《汛期安全隐患排查情况统计表》及书面总结报告报送区防汛办，电子版发送至邮箱：fxb@163.com。
联系人：张伟，联系电话：0379-65550123。
附件：汛期安全隐患排查情况统计表
洛阳伊滨区防汛抗旱指挥部办公室
二〇二六年五月二十日`;

describe('deriveNotice', () => {
  it('reads a notice whose office stands in its 发文机关标志 and whose date is in Chinese numerals', () => {
    const notice = deriveNotice('通知.docx', lines(FLOOD), 2030);
    expect(notice.documentNumber?.value).toBe('伊滨防办〔2026〕15号');
    expect(notice.issuingOffice).toMatchObject({ value: '洛阳伊滨区防汛抗旱指挥部办公室', confidence: 'likely' });
    expect(notice.noticeTitle?.value).toBe('关于开展2026年汛期安全隐患排查整治工作的通知');
    expect(notice.title.value).toBe('2026年汛期安全隐患排查整治工作');
    expect(notice.noticeDate?.value).toBe('2026-05-20');
    expect(notice.recipients?.value).toBe('各镇人民政府，区直各有关单位');
    expect(notice.attachments).toMatchObject([{ label: '附件', title: '汛期安全隐患排查情况统计表' }]);
    expect(notice.requirements.mailbox?.value).toBe('fxb@163.com');
    expect(notice.requirements.secretariat?.value).toBe('区防汛办');
    expect(notice.requirements.report?.value).toBe('书面总结报告');
    expect(notice.checklist?.areas.map((area) => area.title.value)).toEqual(['防汛责任落实情况', '河道及水库安全情况']);
    // The date to send by, not the date to finish the self-inspection by; its year from the 成文日期.
    expect(notice.deadline?.deadline).toMatchObject({ value: '2026-06-20T18:00:00+08:00', confidence: 'guess' });
    expect(notice.deadline?.deadline.note).toContain('该日是星期六');
    expect(notice.deadline?.others).toEqual([]);
  });

  it("reads a PDF's lines: a title over two lines, spaces beside digits, the 附件 list on several lines, a checklist 附件", () => {
    const text = `洛阳伊滨区管委会办公室
关于报送 2026 年度政务公开工作
统计数据的通知
伊滨办〔2026〕21 号
各镇人民政府，区直各部门：
请于 12 月 10 日 17:30 前将上述统计材料电子版发送至区综合办公室政务公开科邮箱
zwgk_yb@126.com，逾期未报送的单位将在全区通报。
附件：1．政务公开工作统计表
2．政务公开培训台账
3．检查要点
洛阳伊滨区管委会办公室
2026 年 11 月 20 日
附件 3
检查要点
一、主动公开情况
1．是否按要求编制政府信息公开指南、政府信息公开目录；
2．主动公开信息是否及时；
二、依申请公开情况
1．依申请公开是否按期答复申请人；
2．答复申请人是否告知救济途径。`;
    const notice = deriveNotice('通知.pdf', lines(text), 2030);
    expect(notice.noticeTitle?.value).toBe('关于报送2026年度政务公开工作统计数据的通知');
    expect(notice.documentNumber?.value).toBe('伊滨办〔2026〕21号');
    expect(notice.issuingOffice?.value).toBe('洛阳伊滨区管委会办公室');
    expect(notice.deadline?.deadline).toMatchObject({ value: '2026-12-10T17:30:00+08:00', confidence: 'likely' });
    expect(notice.requirements.mailbox?.value).toBe('zwgk_yb@126.com');
    expect(notice.requirements.secretariat?.value).toBe('区综合办公室政务公开科');
    expect(notice.requirements.materialsWord?.value).toBe('统计材料');
    expect(notice.attachments.map((attachment) => `${attachment.label} ${attachment.title}`)).toEqual([
      '附件1 政务公开工作统计表',
      '附件2 政务公开培训台账',
      '附件3 检查要点',
    ]);
    expect(notice.checklist?.attachmentLabel).toBe('附件3');
    expect(notice.checklist?.areas.map((area) => area.title.value)).toEqual(['主动公开情况', '依申请公开情况']);
    expect(notice.checklist?.areas[1]?.keywords.value).toContain('依申请公开');
  });
});

describe("the checklist in the notice's own sections", () => {
  const areas = (text: string) => deriveNotice('通知.docx', lines(text), 2030).checklist;
  const notice = (sections: string) => `关于开展汛前防汛安全隐患排查整治工作的通知
各镇人民政府，区直各有关单位：
现将有关事项通知如下：
${sections}
三、工作要求
（一）各单位要于5月31日前完成自查，建立隐患台账。
（二）请各单位于6月12日前将统计表发送至区防汛办邮箱 fxb@163.com。
2026年5月20日`;

  it('reads the section on what to inspect after a section on where (一、排查范围)', () => {
    const checklist = areas(
      notice(`一、排查范围
各镇、各有关单位辖区内的河道堤防、水库塘坝、在建工程、下穿通道等。
二、排查重点
（一）河道堤防和水库塘坝安全情况。重点排查堤防渗漏、坝体裂缝等问题。
（二）在建工程度汛情况。重点排查深基坑、围堰的防汛措施。
（三）城市排涝设施情况。重点排查排水管网、泵站的排涝能力。`),
    );
    expect(checklist?.areas.map((area) => area.title.value)).toEqual([
      '河道堤防和水库塘坝安全情况',
      '在建工程度汛情况',
      '城市排涝设施情况',
    ]);
    expect(checklist?.source).toBe('通知“二、排查重点”');
  });

  it('prefers the section on what to inspect to an earlier 范围 section listing places', () => {
    const checklist = areas(
      notice(`一、检查范围
（一）河道堤防。各镇辖区内的河道。
（二）水库塘坝。各镇辖区内的水库。
二、检查重点
（一）防汛责任落实情况。责任人是否明确。
（二）防汛物资储备情况。物资是否充足。`),
    );
    expect(checklist?.areas.map((area) => area.title.value)).toEqual(['防汛责任落实情况', '防汛物资储备情况']);
  });

  it("proposes keywords from the areas' own words, not the campaign title's", () => {
    const checklist = areas(
      notice(`二、检查重点
（一）防汛安全责任制落实情况。重点检查防汛安全责任制和各级防汛责任人落实情况。
（二）防汛物资储备情况。重点检查防汛物资储备和抢险队伍情况。`),
    );
    const keywords = checklist?.areas[0]?.keywords.value ?? [];
    expect(keywords).toContain('责任制');
    for (const keyword of keywords) expect('汛前防汛安全隐患排查整治工作').not.toContain(keyword);
    expect(keywords.filter((keyword) => keyword.startsWith('防汛安全'))).toEqual([]);
  });

  it('still reads a 范围 section when it is the only one that lists areas', () => {
    const checklist = areas(
      notice(`一、工作目标
全面排查、及时整改。
二、排查范围
（一）河道堤防安全情况。堤防渗漏、坝体裂缝。
（二）在建工程度汛情况。深基坑、围堰。`),
    );
    expect(checklist?.areas.map((area) => area.title.value)).toEqual(['河道堤防安全情况', '在建工程度汛情况']);
  });
});

describe('the 附件 list', () => {
  const attachments = (text: string) =>
    deriveNotice('通知.docx', lines(text), 2030).attachments.map((attachment) => `${attachment.label} ${attachment.title}`);

  it('reads one typed on one line, or as lines of their own, or quoted', () => {
    expect(attachments('关于开展检查的通知\n附件：1.检查目录 2.《自查情况统计表》\n2013年8月5日')).toEqual([
      '附件1 检查目录',
      '附件2 自查情况统计表',
    ]);
    expect(attachments('关于开展检查的通知\n附件1：检查目录\n附件2：自查情况统计表。')).toEqual(['附件1 检查目录', '附件2 自查情况统计表']);
    expect(attachments('关于开展检查的通知\n附件：1、检查目录\n（2）自查情况统计表')).toEqual(['附件1 检查目录', '附件2 自查情况统计表']);
  });

  it('never takes a year or a number of the title for the 附件 number', () => {
    // A full line of text first, so that the short lines after it are paragraphs of their own.
    const only = (text: string) =>
      attachments(
        `关于报送台账的通知\n请各单位如实填写《2026年度保密教育培训台账》，于12月15日17:30前将台账和统计表发送至区保密办邮箱。\n${text}\n洛阳伊滨区保密委员会办公室\n2026年12月1日`,
      );
    expect(only('附件：2026年度保密教育培训台账')).toEqual(['附件 2026年度保密教育培训台账']);
    expect(only('附件：《2026年度保密教育培训台账》')).toEqual(['附件 2026年度保密教育培训台账']);
    expect(only('附件2026年度保密教育培训台账')).toEqual(['附件 2026年度保密教育培训台账']);
    expect(only('附件：12月份工作统计表')).toEqual(['附件 12月份工作统计表']);
    expect(only('附件：1. 2026年度保密教育培训台账')).toEqual(['附件1 2026年度保密教育培训台账']);
    expect(only('附件：1.2026年度保密教育培训台账')).toEqual(['附件1 2026年度保密教育培训台账']);
    expect(only('附件：1．2026年度政务公开工作年度统计表')).toEqual(['附件1 2026年度政务公开工作年度统计表']);
    expect(only('附件：1、2026年度保密教育培训台账')).toEqual(['附件1 2026年度保密教育培训台账']);
    expect(only('附件：（1）2026年度保密教育培训台账')).toEqual(['附件1 2026年度保密教育培训台账']);
    expect(only('附件：1 2026年度保密教育培训台账')).toEqual(['附件1 2026年度保密教育培训台账']);
    expect(only('附件1：2026年度保密教育培训台账')).toEqual(['附件1 2026年度保密教育培训台账']);
    expect(only('附件1 2026年度保密教育培训台账')).toEqual(['附件1 2026年度保密教育培训台账']);
    expect(only('附件1 检查目录')).toEqual(['附件1 检查目录']);
    expect(only('附件：1.2026年度保密教育培训台账\n2.2026年度保密工作统计表')).toEqual([
      '附件1 2026年度保密教育培训台账',
      '附件2 2026年度保密工作统计表',
    ]);
    expect(only('附件：1.2026年度保密教育培训台账 2.2026年度保密工作统计表')).toEqual([
      '附件1 2026年度保密教育培训台账',
      '附件2 2026年度保密工作统计表',
    ]);
    expect(only('附件1：2026年度保密教育培训台账\n附件2：2026年度保密工作统计表')).toEqual([
      '附件1 2026年度保密教育培训台账',
      '附件2 2026年度保密工作统计表',
    ]);
  });
});

describe('noticeDeadline', () => {
  const at = (text: string, context: DeadlineContext = { noticeDate: null, numberYear: 2026, currentYear: 2030 }) =>
    noticeDeadline([{ text: tidy(text), from: '第1段' }], context)?.deadline;

  it('reads the hour as notices write it', () => {
    expect(at('请于6月20日下午5点半前报送统计表')?.value).toBe('2026-06-20T17:30:00+08:00');
    expect(at('请于6月20日（星期五）17时前报送材料')?.value).toBe('2026-06-20T17:00:00+08:00');
    expect(at('报送截止时间为2026年6月20日')?.value).toBe('2026-06-20T18:00:00+08:00');
    expect(at('于六月二十日下班前报送书面报告')).toMatchObject({ value: '2026-06-20T18:00:00+08:00', confidence: 'guess' });
  });

  it('takes the year from the 成文日期, the next one for a deadline early in the year', () => {
    expect(at('请于1月10日前报送统计表', { noticeDate: '2025-12-20', numberYear: 2025, currentYear: 2030 })?.value).toBe(
      '2026-01-10T18:00:00+08:00',
    );
    expect(at('请于8月18日前报送统计表', { noticeDate: null, numberYear: null, currentYear: 2030 })).toMatchObject({
      value: '2030-08-18T18:00:00+08:00',
      confidence: 'guess',
    });
  });

  it('finds none where the notice names no date to send by', () => {
    expect(at('各单位要高度重视，认真组织自查。')).toBeUndefined();
  });
});

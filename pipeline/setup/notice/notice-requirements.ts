/**
 * What the notice asks units to send, and where: the mailbox address materials go to, the office
 * that receives them (the secretariat), the contact line, the written report (书面总结报告) and a
 * signed or sealed scan when asked for, the word the notice uses for all of it (自查材料), and the
 * tables it names in 《》. Pure.
 */
import { type Derived, likely, sure } from '../derived.js';
import type { NoticeParagraph } from './notice-text.js';

export interface NoticeRequirements {
  mailbox: Derived<string> | null;
  /** Other addresses in the notice (a contact's own): shown, not used. */
  otherAddresses: string[];
  secretariat: Derived<string> | null;
  contact: Derived<string> | null;
  /** The report as the notice calls it (书面总结报告, 自查报告, 工作总结). */
  report: Derived<string> | null;
  /** A scanned copy with signature or seal, when asked for. */
  scan: Derived<{ name: string; keywords: string[] }> | null;
  /** 自查材料, 排查材料: what the circular calls the whole. */
  materialsWord: Derived<string> | null;
  /** Names the notice gives in 《》 that look like tables (《检查情况统计表》). */
  namedTables: { name: string; from: string }[];
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/gu;
const SENDING_WORDS = /(邮箱|电子版|发送|报送|发至|送至|电子邮件|E-?mail)/iu;
const OFFICE =
  /(?:报送至?|报至|并报|报(?![告表送])|发送至|发至|送至|送交|交至)(区|县|市|镇|乡)?([\u4e00-\u9fa5]{2,24}?(?:科|处|股|室|中心|办公室|指挥部办公室|办))(?=[（(，,。；\s]|邮箱|电子|$)/u;
const REPORT = /(书面总结报告|书面自查报告|自查报告|总结报告|书面报告|工作总结|年度工作总结|情况报告)/u;
const SCAN = /(签字|签名|盖章|公章)[^。；]{0,12}扫描件|扫描件[^。；]{0,8}(签字|盖章|公章)/u;
const MATERIALS_WORD = /(?:报送|上报|提交|报)(?:上述)?([\u4e00-\u9fa5]{2,4}材料)|(?:上述)([\u4e00-\u9fa5]{2,4}材料)/u;

function mailbox(paragraphs: readonly NoticeParagraph[]): { mailbox: Derived<string> | null; others: string[] } {
  const found: { address: string; from: string; sending: boolean }[] = [];
  for (const paragraph of paragraphs)
    for (const match of paragraph.text.matchAll(EMAIL))
      found.push({ address: match[0].replace(/\.$/u, ''), from: paragraph.from, sending: SENDING_WORDS.test(paragraph.text) });
  const chosen = found.find((item) => item.sending) ?? found[0];
  const others = [...new Set(found.map((item) => item.address))].filter((address) => address !== chosen?.address);
  if (!chosen) return { mailbox: null, others };
  const note = chosen.sending ? '通知中材料发往的邮箱' : '通知中唯一的邮箱地址';
  return { mailbox: (chosen.sending ? sure : likely)(chosen.address.toLowerCase(), chosen.from, note), others };
}

function firstMatch<T>(paragraphs: readonly NoticeParagraph[], read: (text: string) => T | null): { value: T; from: string } | null {
  for (const paragraph of paragraphs) {
    const value = read(paragraph.text);
    if (value !== null) return { value, from: paragraph.from };
  }
  return null;
}

export function noticeRequirements(body: readonly NoticeParagraph[]): NoticeRequirements {
  const { mailbox: address, others } = mailbox(body);
  // The paragraph that says where to send comes first: the office named there is the secretariat.
  const sendingFirst = [...body].sort((a, b) => Number(SENDING_WORDS.test(b.text)) - Number(SENDING_WORDS.test(a.text)));
  const office = firstMatch(sendingFirst, (text) => {
    const match = OFFICE.exec(text);
    return match ? `${match[1] ?? ''}${match[2]}` : null;
  });
  const contact = firstMatch(body, (text) => (/^联系人/u.test(text) ? text.replace(/[。；]$/u, '') : null));
  const report = firstMatch(body, (text) => REPORT.exec(text)?.[1] ?? null);
  const scan = firstMatch(body, (text) => SCAN.exec(text)?.[0] ?? null);
  const word = firstMatch(body, (text) => {
    const match = MATERIALS_WORD.exec(text);
    return match ? (match[1] ?? match[2] ?? null) : null;
  });
  const namedTables = body.flatMap((paragraph) =>
    [...paragraph.text.matchAll(/《([^》]{2,30}(?:表|台账|清单|名单|名册))》/gu)].map((match) => ({
      name: match[1]!,
      from: paragraph.from,
    })),
  );
  return {
    mailbox: address,
    otherAddresses: others,
    secretariat: office ? likely(office.value, office.from, '通知中接收材料的部门') : null,
    contact: contact ? sure(contact.value, contact.from, '通知中的联系人') : null,
    report: report ? sure(report.value, report.from, '通知要求报送的书面报告') : null,
    scan: scan
      ? likely(
          { name: '签字盖章扫描件', keywords: ['扫描', '盖章', '签字'] },
          scan.from,
          `通知要求“${scan.value}”：按附件文件名中的“扫描”“盖章”“签字”认出`,
        )
      : null,
    materialsWord: word ? likely(word.value, word.from, '通知对所报材料的称呼，用于通报中的理由（如“逾期报送…”）') : null,
    namedTables,
  };
}

/**
 * Realistic mail for the IMAP tests: units' submissions with a real .xlsx table and .docx report
 * (examples/kit), ordinary office mail, all built deterministically from a few facts.
 */
import { createHash } from 'node:crypto';
import { buildMail, type FilenameStyle, type MailSpec } from '../../examples/kit/mime.js';
import { buildReportDocx } from '../../examples/kit/report-docx.js';
import { buildStatisticsTable, countValues } from '../../examples/kit/statistics-table.js';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';

export const beijing = (text: string) => new Date(`${text}+08:00`);

export function addressOf(campaign: Campaign, unit: string): string {
  const found = campaign.roster.find((item) => item.name === unit)?.emails[0];
  if (!found) throw new Error(`no address for ${unit}`);
  return found;
}

export interface SubmissionSpec {
  unit: string;
  /** The sender's clock (Date header). */
  sent: Date;
  /** A Received: header; none by default (IMAP INTERNALDATE is the server's time). */
  receivedHeader?: Date;
  from?: { name?: string; address: string };
  subject?: string;
  subjectCharset?: MailSpec['subjectCharset'];
  tableName?: string;
  reportName?: string;
  fileNameStyle?: FilenameStyle;
  /** The table's 填报区域或单位 text (default: the unit). */
  tableUnit?: string;
  numbers?: readonly number[];
}

export async function submission(campaign: Campaign, spec: SubmissionSpec): Promise<Buffer> {
  const numbers = spec.numbers ?? [6, 0, 2, 1, 20, 1, 30, 0, 0, 0, 1, 2, 0];
  const style = spec.fileNameStyle ? { filenameStyle: spec.fileNameStyle } : {};
  return buildMail({
    from: spec.from ?? { name: `${spec.unit}办公室`, address: addressOf(campaign, spec.unit) },
    subject: spec.subject ?? `${spec.unit}政府信息公开保密审查专项检查自查材料`,
    ...(spec.subjectCharset ? { subjectCharset: spec.subjectCharset } : {}),
    date: spec.sent,
    receivedAt: spec.receivedHeader ?? null,
    text: `秘书科：\n  附件是${spec.unit}的自查情况统计表和书面总结报告，请查收。`,
    attachments: [
      {
        filename: spec.tableName ?? `${spec.unit}自查情况统计表.xlsx`,
        content: await buildStatisticsTable(campaign, {
          unitName: spec.tableUnit ?? spec.unit,
          date: '2013年8月15日',
          values: countValues(campaign, numbers),
        }),
        ...style,
      },
      {
        filename: spec.reportName ?? `${spec.unit}自查报告.docx`,
        content: await buildReportDocx({ unitName: spec.unit, date: '2013年8月15日' }),
        ...style,
      },
    ],
  });
}

/** Ordinary office mail: no attachment, nothing about the campaign. */
export function officeMail(subject: string, from: string, sent: Date, text = '请各位准时参加。'): Buffer {
  return buildMail({ from: { address: from }, subject, date: sent, text });
}

/** A plain message (no attachment) with the given subject, e.g. a unit's question. */
export function note(spec: Pick<MailSpec, 'from' | 'subject' | 'subjectCharset' | 'date'> & { text?: string }): Buffer {
  return buildMail({ ...spec, text: spec.text ?? '请问统计表中的“检查网络数量”如何填写？' });
}

/** Many distinct small campaign messages from shared attachments (for volume tests). */
export function bulkSubmission(template: { table: Buffer; report: Buffer }, index: number, campaign: Campaign): Buffer {
  const unit = campaign.roster[index % campaign.roster.length]!.name;
  return buildMail({
    from: { address: addressOf(campaign, unit) },
    subject: `${unit}自查材料（第 ${index + 1} 份）`,
    date: new Date(Date.UTC(2013, 7, 15, 2, 0, index)),
    messageId: `<bulk-${index}-${createHash('sha1').update(String(index)).digest('hex').slice(0, 8)}@yibin-demo.gov.cn>`,
    text: `第 ${index + 1} 份`,
    attachments: [
      { filename: `${unit}自查情况统计表.xlsx`, content: template.table },
      { filename: `${unit}自查报告.docx`, content: template.report },
    ],
  });
}

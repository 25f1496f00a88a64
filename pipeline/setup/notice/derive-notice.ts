/**
 * A notice's text → everything campaign.yaml says about it: title, 文号, issuing office, 成文日期,
 * deadline, 主送, the mailbox and the office materials go to, the 附件 list, the checklist, what
 * units must send. Every value says where it was read and how sure it is. Pure.
 */
import type { Derived } from '../derived.js';
import type { DocumentLine } from '../read-setup-files.js';
import { type NoticeAttachment, noticeAttachments } from './notice-attachments.js';
import { type DraftChecklist, noticeChecklist } from './notice-checklist.js';
import { type DeadlineFound, noticeDeadline } from './notice-deadline.js';
import { campaignTitle, noticeHead } from './notice-head.js';
import { type NoticeRequirements, noticeRequirements } from './notice-requirements.js';
import { noticeText } from './notice-text.js';

export interface DraftNotice {
  file: string;
  title: Derived<string>;
  noticeTitle: Derived<string> | null;
  documentNumber: Derived<string> | null;
  issuingOffice: Derived<string> | null;
  noticeDate: Derived<string> | null;
  deadline: DeadlineFound | null;
  recipients: Derived<string> | null;
  attachments: NoticeAttachment[];
  checklist: DraftChecklist | null;
  requirements: NoticeRequirements;
}

export function deriveNotice(file: string, lines: readonly DocumentLine[], currentYear: number): DraftNotice {
  const text = noticeText(file, lines);
  const head = noticeHead(text.body);
  const attachments = noticeAttachments(text);
  const body = text.body.slice(head.afterTitle);
  const title = campaignTitle(head.noticeTitle, file.replace(/\.[A-Za-z0-9]{2,5}$/u, ''));
  return {
    file,
    title,
    noticeTitle: head.noticeTitle,
    documentNumber: head.documentNumber,
    issuingOffice: head.issuingOffice,
    noticeDate: head.noticeDate,
    deadline: noticeDeadline(body, { noticeDate: head.noticeDate?.value ?? null, numberYear: head.numberYear, currentYear }),
    recipients: head.recipients,
    attachments,
    checklist: noticeChecklist(body, attachments, title.value),
    requirements: noticeRequirements(body),
  };
}

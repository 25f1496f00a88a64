/**
 * A stored message → its facts: parse the MIME, read every attachment. Never throws for bad
 * input: an unreadable message becomes facts with a problem, so one bad mail never stops a run.
 */
import type { Campaign } from '../campaign/campaign.js';
import { parseMail } from '../../intake/mail/parse-mail.js';
import { error } from '../problems.js';
import { extractFile } from './extract-file.js';
import { ANALYZER_VERSION, type MessageFacts } from './facts.js';

export async function analyzeMessage(id: string, raw: Buffer, campaign: Campaign): Promise<MessageFacts> {
  const base: MessageFacts = {
    analyzerVersion: ANALYZER_VERSION,
    id,
    messageId: null,
    fromAddress: null,
    fromName: null,
    subject: '',
    dateHeader: null,
    receivedHeader: null,
    forwardedFrom: [],
    attachments: [],
    problems: [],
  };
  let parsed;
  try {
    parsed = await parseMail(raw);
  } catch (cause) {
    return { ...base, problems: [error('mail.unreadable', `邮件无法解析：${(cause as Error).message.slice(0, 200)}`)] };
  }
  const attachments = [];
  for (const attachment of parsed.attachments) {
    attachments.push(await extractFile({ name: attachment.name, content: attachment.content }, campaign));
  }
  return {
    ...base,
    messageId: parsed.messageId,
    fromAddress: parsed.fromAddress,
    fromName: parsed.fromName,
    subject: parsed.subject,
    dateHeader: parsed.dateHeader,
    receivedHeader: parsed.receivedHeader,
    forwardedFrom: parsed.forwardedFrom,
    attachments,
    problems: parsed.problems,
  };
}

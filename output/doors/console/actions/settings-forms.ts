/**
 * The 活动设置 forms as edits of campaign.yaml (applyCampaignEdits keeps its comments and layout):
 * the deadline from a date and an hour, the rules as lines, the reminder rounds as lines
 * ("截止前 2 天 09:00"), the checklist as lines ("键名 | 标题 | 关键词、关键词"), the materials as
 * lines, the mailbox and SMTP fields. Pure; the file, the lock and `check` are the caller's.
 */
import { parse as parseYaml, stringify } from 'yaml';
import type { CampaignFile } from '../../../../intake/kernel/campaign/campaign-schema.js';
import type { CampaignEdit } from '../../../../intake/kernel/campaign/campaign-yaml-edit.js';
import { deadlineFrom } from './new-campaign-review.js';

export type FormEdits = { ok: true; edits: CampaignEdit[] } | { ok: false; mistakes: string[] };

type Form = Readonly<Record<string, unknown>>;
const text = (form: Form, name: string): string => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');
const lines = (value: string): string[] =>
  value
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter((line) => line !== '');

export function deadlineEdits(form: Form): FormEdits {
  const value = deadlineFrom(text(form, 'date'), text(form, 'time'));
  if (value === null) return { ok: false, mistakes: ['截止时间应为日期和时:分，例如 2013-08-18 18:00'] };
  return { ok: true, edits: [{ kind: 'set', path: ['deadline'], value }] };
}

export function rulesEdits(form: Form): FormEdits {
  return { ok: true, edits: [{ kind: 'list', path: ['rules'], items: lines(text(form, 'rules')) }] };
}

export function roundsText(file: CampaignFile): string {
  return file.notify.rounds
    .map((round) => ('daysBefore' in round ? `截止前 ${round.daysBefore} 天 ${round.at}` : `截止后 ${round.daysAfter} 天 ${round.at}`))
    .join('\n');
}

export function roundsEdits(form: Form): FormEdits {
  const mistakes: string[] = [];
  const items = lines(text(form, 'rounds')).flatMap((line) => {
    const match = /^截止(前|后)\s*(\d{1,2})\s*天\s*(\d{1,2}:\d{2})?$/u.exec(line.replace(/：/gu, ':'));
    if (!match) {
      mistakes.push(`「${line}」应写成“截止前 2 天 09:00”或“截止后 1 天 09:00”`);
      return [];
    }
    const at = match[3] ?? '09:00';
    return [match[1] === '前' ? { daysBefore: Number(match[2]), at } : { daysAfter: Number(match[2]), at }];
  });
  if (mistakes.length > 0) return { ok: false, mistakes };
  return { ok: true, edits: [{ kind: 'list', path: ['notify', 'rounds'], items }] };
}

export function checklistText(file: CampaignFile): string {
  return file.checklist.map((area) => `${area.key} | ${area.title} | ${area.keywords.join('、')}`).join('\n');
}

export function checklistEdits(form: Form): FormEdits {
  const mistakes: string[] = [];
  const items = lines(text(form, 'checklist')).flatMap((line) => {
    const [key, title, words] = line.split(/\s*[|｜]\s*/u);
    const keywords = (words ?? '').split(/[、,，;；\s]+/u).filter((word) => word !== '');
    if (!key || !title || keywords.length === 0) {
      mistakes.push(`「${line}」应写成“键名 | 检查方面标题 | 关键词、关键词”`);
      return [];
    }
    return [{ key, title, keywords }];
  });
  if (mistakes.length > 0) return { ok: false, mistakes };
  return { ok: true, edits: [{ kind: 'list', path: ['checklist'], items }] };
}

/** Each material on its line: a plain name, or a YAML mapping such as { file: 盖章扫描件, keywords: [扫描] }. */
export function materialsText(file: CampaignFile): string {
  return (file.required ?? []).map((entry) => (typeof entry === 'string' ? entry : stringify(entry, { flow: true }).trim())).join('\n');
}

export function materialsEdits(form: Form): FormEdits {
  const mistakes: string[] = [];
  const items = lines(text(form, 'materials')).map((line) => {
    if (!line.startsWith('{')) return line;
    try {
      return parseYaml(line) as unknown;
    } catch {
      mistakes.push(`「${line}」不是有效的写法，例如 { file: 盖章扫描件, keywords: [扫描] }`);
      return line;
    }
  });
  if (mistakes.length > 0) return { ok: false, mistakes };
  return { ok: true, edits: [{ kind: 'list', path: ['required'], items }] };
}

/** The server fields of mailbox: or smtp: (an empty field removes its key: the default or the environment applies). */
export function serverEdits(section: 'mailbox' | 'smtp', form: Form): FormEdits {
  const fields = section === 'mailbox' ? ['host', 'user', 'folder'] : ['host', 'user', 'from'];
  const edits: CampaignEdit[] = fields.map((name) =>
    text(form, name) === '' ? { kind: 'delete', path: [section, name] } : { kind: 'set', path: [section, name], value: text(form, name) },
  );
  const port = text(form, 'port');
  if (port !== '' && !/^\d{1,5}$/u.test(port)) return { ok: false, mistakes: [`端口「${port}」应为数字，例如 993`] };
  edits.push(port === '' ? { kind: 'delete', path: [section, 'port'] } : { kind: 'set', path: [section, 'port'], value: Number(port) });
  edits.push({ kind: 'set', path: [section, 'tls'], value: text(form, 'tls') === 'on' });
  return { ok: true, edits };
}

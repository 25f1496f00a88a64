/**
 * What the CLI (`receipts`, `remind`, `outbox`) and the console call: plan (preview: nothing is
 * sent, nothing written), send, list the journal, confirm or resend an entry whose fate is
 * unknown. The caller holds the data lock while sending (one writer of the journal; an attempt
 * without a result found then is from a process that died, never from one still running).
 */
import { open } from 'node:fs/promises';
import { mailboxConfigured, resolveImapSettings } from '../../intake/imap/settings.js';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import type { Decisions } from '../../intake/kernel/campaign/decisions.js';
import { HuizongError } from '../../intake/kernel/errors.js';
import { withStoredPasswords } from '../../intake/kernel/stored-passwords.js';
import { RawStore } from '../../intake/store/raw-store.js';
import type { MergeResult } from '../../pipeline/merge/merge-result.js';
import { headerBlock, machineWritten } from './auto-reply.js';
import { campaignTag } from './compose.js';
import { loadMailTemplate } from './mail-templates.js';
import { entryState, type OutboxEntry, OutboxJournal, type OutboxKind, type OutboxState, retriesByItself } from './outbox-journal.js';
import { planReceipts } from './plan-receipts.js';
import { planReminders } from './plan-reminders.js';
import type { MailPlan } from './planned-mail.js';
import { currentRound, type Round, reminderRounds } from './reminder-rounds.js';
import { type BatchItem, type BatchReport, sendBatch } from './send-batch.js';
import { fileSentCopies } from './sent-copy.js';
import { resolveSmtpSettings, type SmtpSettings, smtpConfigured } from './smtp-settings.js';

export interface OutboxContext {
  campaign: Campaign;
  /** The campaign's data folder: its outbox journal. */
  dataDir: string;
  /** Where raw mail is stored (a workspace's store); default the data folder (a lone campaign). */
  storeDir?: string;
}

/** The campaign's state now (the front door computes it: computeMergeState). */
export interface MergedState {
  result: MergeResult;
  decisions: Decisions;
}

type Env = Readonly<Record<string, string | undefined>>;

export interface PlanView extends MailPlan {
  kind: Exclude<OutboxKind, 'documents'>;
  /** Reminders: the round now. */
  round?: Round;
  /** Journal entries this kind sends again by itself (4xx last time). */
  retries: OutboxEntry[];
  /** Entries the clerk must decide on (可能已发送, 被拒收). */
  needsClerk: OutboxEntry[];
}

const HEADER_BYTES = 64 * 1024;

async function readHeader(store: RawStore, id: string): Promise<string> {
  const handle = await open(store.emlPath(id), 'r');
  try {
    const buffer = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEADER_BYTES, 0);
    return headerBlock(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** What would be sent now, and why anything is left out. Sends nothing, writes nothing. */
export async function planMail(
  context: OutboxContext,
  state: MergedState,
  kind: PlanView['kind'],
  now: Date = new Date(),
): Promise<PlanView> {
  const { campaign, dataDir } = context;
  const journal = new OutboxJournal(dataDir);
  const entries = await journal.list();
  const { result, decisions } = state;
  const newDeadline = decisions.circular.newDeadline ?? null;
  const template = await loadMailTemplate(campaign.dir, kind);
  const ofKind = entries.filter((entry) => entry.kind === kind);
  const retries = ofKind.filter(retriesByItself);
  const needsClerk = ofKind.filter((entry) => entryState(entry) === '可能已发送' || entryState(entry) === '被拒收');
  if (kind === 'receipt') {
    const acknowledged = new Set(entries.flatMap((entry) => entry.covers));
    const store = new RawStore(context.storeDir ?? dataDir);
    const machine = new Map<string, string>();
    for (const message of result.messages) {
      if (message.unit === null || acknowledged.has(message.id) || message.files.length === 0) continue;
      const reason = machineWritten(await readHeader(store, message.id));
      if (reason) machine.set(message.id, reason);
    }
    const plan = planReceipts({ campaign, result, entries, machineWritten: machine, template, newDeadline, now: now.getTime() });
    return { kind, ...plan, retries, needsClerk };
  }
  const round = currentRound(reminderRounds(campaign.file.deadline, campaign.file.notify.rounds), now.getTime());
  const plan = planReminders({ campaign, result, entries, round, template, newDeadline, now: now.getTime() });
  return { kind, round, ...plan, retries, needsClerk };
}

export function smtpSettingsFor(campaign: Campaign, env: Env = process.env): SmtpSettings {
  if (!smtpConfigured(campaign.file.smtp, env)) {
    throw new HuizongError('CONFIG', '没有配置发信服务器，无法发送', {
      details: [
        `在 ${campaign.dir}/campaign.yaml 的 smtp: 中填写 host、user（或设置环境变量 HUIZONG_SMTP_HOST、HUIZONG_SMTP_USER），密码用环境变量 HUIZONG_SMTP_PASSWORD 或 HUIZONG_SMTP_PASSWORD_FILE 提供`,
      ],
    });
  }
  return resolveSmtpSettings(campaign.file.smtp, env);
}

export interface SendOptions {
  log: (line: string) => void;
  /** Told what is about to be sent, before the first message goes. */
  onPlan?: (plan: PlanView) => void;
  env?: Env;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export interface SendReport extends BatchReport {
  plan: PlanView;
  /** Copies filed in the Sent folder, and why filing failed (then retried next time). */
  copies: { filed: number; failure: string | null } | null;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function afterBatch(context: OutboxContext, settings: SmtpSettings, options: SendOptions): Promise<SendReport['copies']> {
  if (!settings.sentFolder) return null;
  const env = options.env ?? process.env;
  if (!mailboxConfigured(context.campaign.file.mailbox, env))
    return { filed: 0, failure: 'campaign.yaml 中没有配置收信邮箱（mailbox:），无法把副本存入已发送文件夹' };
  return fileSentCopies(
    new OutboxJournal(context.dataDir),
    resolveImapSettings(context.campaign.file.mailbox, env),
    settings.sentFolder,
    options.now ?? (() => new Date()),
  );
}

/** Sends what `planMail` shows (after the retries of this kind). The caller holds the data lock. */
export async function sendMail(
  context: OutboxContext,
  state: MergedState,
  kind: PlanView['kind'],
  options: SendOptions,
): Promise<SendReport> {
  const settings = smtpSettingsFor(context.campaign, withStoredPasswords(options.env ?? process.env, context.dataDir));
  const clock = options.now ?? (() => new Date());
  const plan = await planMail(context, state, kind, clock());
  if (plan.templateIssues.length > 0) throw new HuizongError('CONFIG', '邮件模板有误，未发送', { details: plan.templateIssues });
  options.onPlan?.(plan);
  const items: BatchItem[] = [
    ...plan.retries.map((entry) => ({ again: { entry, reason: '上次服务器暂时不接收，自动重试' } })),
    ...plan.planned.map((mail) => ({ mail })),
  ];
  const journal = new OutboxJournal(context.dataDir);
  const tag = campaignTag(context.campaign.dir);
  const report = await sendBatch({ journal, settings, items, clock, sleep: options.sleep ?? realSleep, log: options.log, tag });
  const copies = await afterBatch(context, settings, options);
  return { ...report, plan, copies };
}

export interface OutboxView {
  entry: OutboxEntry;
  state: OutboxState;
}

export async function listOutbox(dataDir: string): Promise<OutboxView[]> {
  return (await new OutboxJournal(dataDir).list()).map((entry) => ({ entry, state: entryState(entry) }));
}

async function findEntry(journal: OutboxJournal, idOrPrefix: string): Promise<OutboxEntry> {
  const matches = (await journal.list()).filter(
    (entry) => entry.id === idOrPrefix || entry.id.startsWith(idOrPrefix) || entry.id.split('-')[1]?.startsWith(idOrPrefix),
  );
  if (matches.length === 1) return matches[0]!;
  throw new HuizongError(
    'USAGE',
    matches.length === 0 ? `发信记录中没有「${idOrPrefix}」` : `「${idOrPrefix}」对应多条发信记录，请写完整的编号`,
  );
}

/** The clerk's word that a message of unknown fate did arrive: it becomes 已发送, never resent. */
export async function confirmSent(dataDir: string, idOrPrefix: string, now: Date = new Date()): Promise<OutboxEntry> {
  const journal = new OutboxJournal(dataDir);
  const entry = await findEntry(journal, idOrPrefix);
  if (entryState(entry) !== '可能已发送')
    throw new HuizongError('USAGE', `这条发信记录的状态是「${entryState(entry)}」，只有「可能已发送」的需要确认`);
  const confirmed = { ...entry, confirmedAt: now.toISOString() };
  await journal.save(confirmed);
  return confirmed;
}

/** Sends an entry again, the same bytes (可能已发送 after the clerk checked it did not arrive, 被拒收 after fixing the cause). */
export async function resendEntry(context: OutboxContext, idOrPrefix: string, options: SendOptions): Promise<SendReport> {
  const settings = smtpSettingsFor(context.campaign, withStoredPasswords(options.env ?? process.env, context.dataDir));
  const journal = new OutboxJournal(context.dataDir);
  const entry = await findEntry(journal, idOrPrefix);
  const state = entryState(entry);
  if (state === '已发送') throw new HuizongError('USAGE', '这一封已发送，不再重发');
  const report = await sendBatch({
    journal,
    settings,
    items: [{ again: { entry, reason: `秘书科要求重发（原状态：${state}）` } }],
    clock: options.now ?? (() => new Date()),
    sleep: options.sleep ?? realSleep,
    log: options.log,
    tag: campaignTag(context.campaign.dir),
  });
  const copies = await afterBatch(context, settings, options);
  return {
    ...report,
    plan: {
      kind: entry.kind === 'reminder' ? 'reminder' : 'receipt',
      planned: [],
      skipped: [],
      templateIssues: [],
      retries: [],
      needsClerk: [],
    },
    copies,
  };
}

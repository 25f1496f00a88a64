/**
 * The shape of campaign.yaml, validated with zod at start-up. Messages are Chinese: the IT
 * person or clerk reads them. Every constraint that a later step relies on (unique keys, rule
 * fields that exist, a deadline with an offset) is checked here, so later steps can trust the data.
 */
import * as z from 'zod';

z.config(z.locales.zhCN());

const nonEmpty = (what: string) =>
  z
    .string({ error: `应为${what}（文字）` })
    .trim()
    .min(1, { error: `${what}不能为空` });

const columnKey = z
  .string({ error: '应为列的英文键名' })
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, { error: '键名只能由英文字母、数字和下划线组成，且以字母开头' });

const leafColumnSchema = z.strictObject({
  key: columnKey,
  label: nonEmpty('列标题'),
  /** Unit of measure, e.g. 个 / 台 / 条; stripped from a value such as "12台". */
  unit: z.string().optional(),
  /** count = non-negative whole number (default); text = free text such as 备注. */
  type: z.enum(['count', 'text'], { error: '应为 count（非负整数）或 text（文字）' }).default('count'),
  /** Other header texts that mean the same column (units rename headers). */
  aliases: z.array(z.string()).default([]),
  /**
   * How close (0.5–1) a header a unit retyped must come to the label or an alias to be taken
   * for this column, when no text matches exactly (default 0.8; 1 = exact only).
   */
  similarity: z.number({ error: '应为 0.5 到 1 之间的数' }).min(0.5, { error: '不能小于 0.5' }).max(1, { error: '不能大于 1' }).optional(),
});

const subColumnSchema = z.strictObject({
  key: columnKey,
  label: nonEmpty('子列标题'),
  aliases: z.array(z.string()).default([]),
  /**
   * How close (0.5–1) a header a unit retyped must come to the label or an alias to be taken
   * for this column, when no text matches exactly (default 0.8; 1 = exact only).
   */
  similarity: z.number({ error: '应为 0.5 到 1 之间的数' }).min(0.5, { error: '不能小于 0.5' }).max(1, { error: '不能大于 1' }).optional(),
});

const groupColumnSchema = z.strictObject({
  group: nonEmpty('分组标题'),
  unit: z.string().optional(),
  aliases: z.array(z.string()).default([]),
  /**
   * How close (0.5–1) a header a unit retyped must come to the label or an alias to be taken
   * for this column, when no text matches exactly (default 0.8; 1 = exact only).
   */
  similarity: z.number({ error: '应为 0.5 到 1 之间的数' }).min(0.5, { error: '不能小于 0.5' }).max(1, { error: '不能大于 1' }).optional(),
  columns: z.array(subColumnSchema).min(2, { error: '分组至少要有两列（例如 涉密、非涉密）' }),
});

const columnEntrySchema = z.union([groupColumnSchema, leafColumnSchema], {
  error: (issue) => (issue.code === 'invalid_union' ? '每一列应写 key 和 label；分组列应写 group 和 columns' : undefined),
});

const ruleSchema = z.strictObject({
  type: z.literal('lte', { error: '规则类型目前只支持 lte（左列不大于右列）' }),
  left: columnKey,
  right: columnKey,
  /** Optional Chinese wording shown to the clerk instead of the generated one. */
  message: z.string().optional(),
});

const checklistAreaSchema = z.strictObject({
  key: columnKey,
  title: nonEmpty('检查方面标题'),
  keywords: z.array(z.string().min(1)).min(1, { error: '至少写一个关键词' }),
});

const mailboxSchema = z.strictObject({
  host: z.string().optional(),
  port: z.number().int().min(1).max(65535).optional(),
  tls: z.boolean().optional(),
  user: z.string().optional(),
  folder: z.string().optional(),
  /** Several folders, each with its own cursor; default INBOX and the server's \Junk folder. */
  folders: z
    .array(z.string().trim().min(1, { error: '文件夹名不能为空' }))
    .min(1, { error: '至少写一个文件夹' })
    .optional(),
  /** Optional: move taken-in campaign mail to this folder (off by default: the mailbox stays as found). */
  moveTo: z.string().optional(),
  /** Allow a server certificate that does not verify (self-signed office server). Off by default. */
  allowUntrustedCertificate: z.boolean().optional(),
  /** Campaign mail larger than this (MB) is not downloaded but reported. Default 50. */
  maxMessageMB: z.number().positive({ error: '应为正数（兆字节）' }).max(1024, { error: '不能超过 1024' }).optional(),
  /** Overall deadline of one poll, in seconds. Default 600. */
  timeoutSeconds: z.number().int().min(10, { error: '不能少于 10 秒' }).optional(),
});

/** Outbound mail (receipts, reminders, the clerk's copy): the SMTP server. Password never here. */
const smtpSchema = z.strictObject({
  host: z.string().optional(),
  port: z.number().int().min(1).max(65535).optional(),
  tls: z.boolean().optional(),
  user: z.string().optional(),
  /** The sender, "区综合办公室秘书科 <mishuke@163.com>"; default the user. */
  from: z.string().optional(),
  allowUntrustedCertificate: z.boolean().optional(),
  /** Optional IMAP folder (of the mailbox: settings) that gets a copy of every message sent. */
  sentFolder: z.string().optional(),
  /** At most this many messages per second (one connection). Default 1. */
  maxPerSecond: z.number().positive({ error: '应为正数' }).max(5, { error: '不能超过 5（每秒 5 封）' }).optional(),
});

const clockTime = z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, { error: '应为北京时间的时:分，例如 "09:00"' });

/** A reminder round: a day relative to the deadline's (Beijing) date, at a time of that day. */
const reminderRoundSchema = z.union(
  [
    z.strictObject({ daysBefore: z.number().int().min(0).max(60), at: clockTime.default('09:00') }),
    z.strictObject({ daysAfter: z.number().int().min(0).max(60), at: clockTime.default('09:00') }),
  ],
  { error: '每一轮催报写 daysBefore（截止日前几天）或 daysAfter（截止日后几天），以及 at（时:分）' },
);

const notifySchema = z.strictObject({
  /** off: never by itself; preview: watch lists what is waiting; auto: watch sends after each poll. */
  receipts: z.enum(['off', 'preview', 'auto'], { error: '应为 off、preview 或 auto' }).default('off'),
  reminders: z.enum(['off', 'preview', 'auto'], { error: '应为 off、preview 或 auto' }).default('off'),
  rounds: z.array(reminderRoundSchema).default([
    { daysBefore: 2, at: '09:00' },
    { daysAfter: 1, at: '09:00' },
  ]),
  /** How units reach the secretariat (person, telephone), written into reminders and receipts. */
  contact: z.string().default(''),
  /** Optional address that receives the workbook and documents whenever they change. */
  clerk: z.string().optional(),
});

export const NOTIFY_DEFAULTS = notifySchema.parse({});

/** Limits on what one message may make huizong read; the defaults suit mail of a few MB. */
const limitsSchema = z.strictObject({
  /** An attachment larger than this is not opened. */
  maxAttachmentMB: z.number().positive().default(30),
  /** Archives inside archives are opened this deep (1 = only archives attached directly). */
  maxArchiveDepth: z.number().int().min(1).max(10).default(3),
  /** Files taken out of the archives of one message, all archives together. */
  maxArchiveFiles: z.number().int().positive().default(200),
  /** Bytes taken out of the archives of one message, all archives together. */
  maxExpandedMB: z.number().positive().default(300),
  /** Time limit for converting one legacy file with LibreOffice. */
  conversionTimeoutSeconds: z.number().positive().max(3600).default(60),
  /**
   * Memory (V8 heap) of the worker that reads one message: a file needing more is stopped and
   * named in a problem, the run goes on. Two or three workers run at once (analyze-pool.ts).
   */
  analysisMemoryMB: z.number().int().min(64).max(8192).default(512),
  /** Time one file may take to read (after conversion): past it the reading is stopped, likewise. */
  analysisTimeoutSeconds: z.number().positive().max(3600).default(60),
  /**
   * The XML inside one .xlsx/.docx, inflated. A real 附件2 is well under 1 MB; a crafted file
   * that inflates beyond this is not parsed (it would fill memory).
   */
  maxOfficeXmlMB: z.number().positive().default(20),
});

export const LIMIT_DEFAULTS = limitsSchema.parse({});

const isoWithOffset = z.iso.datetime({ offset: true, error: '应为带时区的 ISO 8601 时间，例如 "2013-08-18T18:00:00+08:00"' });

export const campaignSchema = z
  .strictObject({
    title: nonEmpty('活动名称'),
    documentNumber: nonEmpty('文号'),
    issuingOffice: nonEmpty('发文机关'),
    secretariat: z.string().default(''),
    /** What units are asked to send, as the notice calls it ("自查材料"): used in the circular's reasons. */
    materials: z.string().min(1).default('材料'),
    noticeTitle: z.string().default(''),
    noticeDate: z.iso.date({ error: '应为日期，例如 "2013-08-05"' }).optional(),
    deadline: isoWithOffset,
    recipients: z.string().default(''),
    keywords: z.array(z.string().min(1)).default([]),
    table: z.strictObject({
      name: nonEmpty('统计表名称'),
      attachmentLabel: z.string().default(''),
      unitField: nonEmpty('填报单位栏的标题'),
      dateField: nonEmpty('填报日期栏的标题'),
      columns: z.array(columnEntrySchema).min(1, { error: '统计表至少要有一列' }),
    }),
    rules: z.array(ruleSchema).default([]),
    checklist: z.array(checklistAreaSchema).default([]),
    report: z
      .strictObject({
        minChars: z.number().int().nonnegative().default(500),
        problemKeywords: z.array(z.string().min(1)).default([]),
        rectificationKeywords: z.array(z.string().min(1)).default([]),
      })
      .default({ minChars: 500, problemKeywords: [], rectificationKeywords: [] }),
    mailbox: mailboxSchema.default({}),
    smtp: smtpSchema.default({}),
    notify: notifySchema.default(NOTIFY_DEFAULTS),
    limits: limitsSchema.default(LIMIT_DEFAULTS),
    /** Cron expression for `huizong watch` (Asia/Shanghai). */
    schedule: z.string().default('*/10 * * * *'),
  })
  .superRefine((campaign, ctx) => {
    const keys = new Map<string, number>();
    const countKeys = new Set<string>();
    campaign.table.columns.forEach((entry, index) => {
      const leaves =
        'group' in entry
          ? entry.columns.map((c, j) => ({ key: c.key, path: ['table', 'columns', index, 'columns', j, 'key'] }))
          : [{ key: entry.key, path: ['table', 'columns', index, 'key'] }];
      for (const leaf of leaves) {
        if (keys.has(leaf.key)) ctx.addIssue({ code: 'custom', path: leaf.path, message: `键名「${leaf.key}」重复，每一列的键名必须不同` });
        keys.set(leaf.key, index);
        if ('group' in entry || entry.type === 'count') countKeys.add(leaf.key);
      }
    });
    campaign.rules.forEach((rule, index) => {
      for (const side of ['left', 'right'] as const) {
        if (!countKeys.has(rule[side])) {
          ctx.addIssue({ code: 'custom', path: ['rules', index, side], message: `规则引用的列「${rule[side]}」不存在或不是数量列` });
        }
      }
    });
    const areaKeys = new Set<string>();
    campaign.checklist.forEach((area, index) => {
      if (areaKeys.has(area.key))
        ctx.addIssue({ code: 'custom', path: ['checklist', index, 'key'], message: `检查方面的键名「${area.key}」重复` });
      areaKeys.add(area.key);
    });
  });

export type CampaignFile = z.infer<typeof campaignSchema>;
export type Rule = CampaignFile['rules'][number];
export type ChecklistArea = CampaignFile['checklist'][number];
export type MailboxSettings = CampaignFile['mailbox'];
export type SmtpFileSettings = CampaignFile['smtp'];
export type NotifySettings = CampaignFile['notify'];
export type ReminderRound = NotifySettings['rounds'][number];
export type Limits = CampaignFile['limits'];

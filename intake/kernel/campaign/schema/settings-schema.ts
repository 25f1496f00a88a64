/**
 * The office's settings in campaign.yaml (and, for a workspace, the office's settings file): the
 * mailbox read, the SMTP server written to, what is sent by itself, and the limits on what one
 * message may make huizong read. Validated with zod; messages are Chinese (the IT person reads them).
 */
import * as z from 'zod';

export const mailboxSchema = z.strictObject({
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
export const smtpSchema = z.strictObject({
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

export const notifySchema = z.strictObject({
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
export const limitsSchema = z.strictObject({
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

/**
 * The office's settings for every campaign of a workspace (office.yaml in the workspace folder,
 * optional): the mailbox read, the SMTP server written to, and the intake schedule. A campaign
 * may override the mailbox or SMTP in its own campaign.yaml (campaign-settings.ts); the
 * HUIZONG_IMAP_* and HUIZONG_SMTP_* variables override both, as they do for one campaign.
 * Passwords are never here, as in campaign.yaml.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { mailboxSchema, smtpSchema } from '../campaign/schema/settings-schema.js';
import { issueLines } from '../campaign/yaml-issues.js';
import { parseYamlWithLines } from '../campaign/yaml-with-lines.js';
import { HuizongError } from '../errors.js';
import { decodeText } from '../text/decode-text.js';

export const OFFICE_FILE = 'office.yaml';
export const DEFAULT_SCHEDULE = '*/10 * * * *';

export const officeSchema = z.strictObject({
  mailbox: mailboxSchema.default({}),
  smtp: smtpSchema.default({}),
  /** Cron expression of `watch --workspace` (Asia/Shanghai): one schedule for every campaign. */
  schedule: z.string().default(DEFAULT_SCHEDULE),
});

export type OfficeSettings = z.output<typeof officeSchema>;

export const NO_OFFICE_SETTINGS: OfficeSettings = { mailbox: {}, smtp: {}, schedule: DEFAULT_SCHEDULE };

/** office.yaml's text checked: the settings, or a CONFIG error with one Chinese line per mistake. */
export function parseOfficeText(text: string): OfficeSettings {
  const yaml = parseYamlWithLines(OFFICE_FILE, text);
  // An empty file (or only comments) is no settings at all.
  const result = officeSchema.safeParse(yaml.data ?? {}, { reportInput: true });
  if (result.success) return result.data;
  const details = issueLines(OFFICE_FILE, yaml, result.error.issues);
  throw new HuizongError('CONFIG', `${OFFICE_FILE} 有 ${details.length} 处错误`, { details });
}

/** The workspace's office.yaml; the defaults when there is none (a folder of campaign folders is a workspace as it is). */
export async function loadOfficeSettings(workspaceDir: string): Promise<{ settings: OfficeSettings; file: string | null }> {
  const path = join(workspaceDir, OFFICE_FILE);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: NO_OFFICE_SETTINGS, file: null };
    throw new HuizongError('CONFIG', `无法读取办公室设置 ${path}：${(error as Error).message}`);
  }
  return { settings: parseOfficeText(decodeText(bytes).text), file: path };
}

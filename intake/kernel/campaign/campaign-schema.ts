/**
 * The shape of campaign.yaml, validated with zod at start-up. Messages are Chinese: the IT
 * person or clerk reads them. Every constraint that a later step relies on (unique keys, rules
 * that name existing columns, a deadline with an offset) is checked here, so later steps can
 * trust the data.
 *
 * A campaign has one or more tables (`tables:`); the first campaign's single `table:` keeps
 * working and is read as a list of one. Column shapes: schema/column-schema.ts; tables:
 * schema/table-schema.ts; rules: schema/rule-schema.ts and rules/; materials:
 * schema/material-schema.ts; the office's settings: schema/settings-schema.ts.
 */
import * as z from 'zod';
import { resolveMaterials } from './materials.js';
import { readRules } from './rules/read-rules.js';
import { columnKey, nonEmpty } from './schema/column-schema.js';
import { materialEntrySchema } from './schema/material-schema.js';
import { ruleEntrySchema } from './schema/rule-schema.js';
import { LIMIT_DEFAULTS, limitsSchema, mailboxSchema, NOTIFY_DEFAULTS, notifySchema, smtpSchema } from './schema/settings-schema.js';
import { type TableEntry, tableSchema } from './schema/table-schema.js';
import { checkTables } from './table-checks.js';
import { buildTable } from './tables.js';

export { LIMIT_DEFAULTS, NOTIFY_DEFAULTS } from './schema/settings-schema.js';

z.config(z.locales.zhCN());

const checklistAreaSchema = z.strictObject({
  key: columnKey,
  title: nonEmpty('检查方面标题'),
  keywords: z.array(z.string().min(1)).min(1, { error: '至少写一个关键词' }),
});

const isoWithOffset = z.iso.datetime({ offset: true, error: '应为带时区的 ISO 8601 时间，例如 "2013-08-18T18:00:00+08:00"' });

const campaignObject = z.strictObject({
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
  /** The first campaign's single table; a campaign with several writes `tables:`. */
  table: tableSchema.optional(),
  tables: z.array(tableSchema).min(1, { error: '至少要有一张表格' }).optional(),
  rules: z.array(ruleEntrySchema).default([]),
  /** What each unit must send; default every table and the written report. */
  required: z.array(materialEntrySchema).min(1, { error: '至少要求报送一项材料' }).optional(),
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
});

type CampaignObject = z.infer<typeof campaignObject>;

/** The tables as written, with the path prefix their mistakes are reported under. */
function writtenTables(campaign: CampaignObject): { entries: TableEntry[]; at: (index: number) => (string | number)[] } {
  if (campaign.tables) return { entries: campaign.tables, at: (index) => ['tables', index] };
  return { entries: campaign.table ? [campaign.table] : [], at: () => ['table'] };
}

export const campaignSchema = campaignObject
  .superRefine((campaign, ctx) => {
    if (campaign.table && campaign.tables) {
      ctx.addIssue({ code: 'custom', path: ['table'], message: '只写 tables:（几张表）或 table:（一张表）中的一个' });
      return;
    }
    if (!campaign.table && !campaign.tables) {
      ctx.addIssue({ code: 'custom', path: ['tables'], message: '缺少要求报送的表格（tables:，每张表写 name 和 columns）' });
      return;
    }
    const { entries, at } = writtenTables(campaign);
    for (const issue of checkTables(entries, at)) ctx.addIssue({ code: 'custom', ...issue });
    const tables = entries.map(buildTable);
    const { mistakes } = readRules(campaign.rules, tables);
    for (const mistake of mistakes) {
      ctx.addIssue({
        code: 'custom',
        path: mistake.side ? ['rules', mistake.index, mistake.side] : ['rules', mistake.index],
        message: mistake.message,
        ...(mistake.at !== undefined ? { params: { at: mistake.at } } : {}),
      });
    }
    for (const mistake of resolveMaterials(campaign.required, tables).mistakes)
      ctx.addIssue({ code: 'custom', path: ['required', mistake.index], message: mistake.message });
    const areaKeys = new Set<string>();
    campaign.checklist.forEach((area, index) => {
      if (areaKeys.has(area.key))
        ctx.addIssue({ code: 'custom', path: ['checklist', index, 'key'], message: `检查方面的键名「${area.key}」重复` });
      areaKeys.add(area.key);
    });
  })
  // One shape for the rest of the program: `tables` always; `table` kept as the first one
  // (what the first campaign's code reads until every reader takes `tables`).
  .transform(({ table, tables, ...rest }) => {
    const all = tables ?? (table ? [table] : []);
    return { ...rest, tables: all, table: all.find((entry) => entry.kind === 'row') ?? all[0]! };
  });

export type CampaignFile = z.output<typeof campaignSchema>;
export type ChecklistArea = CampaignFile['checklist'][number];
export type MailboxSettings = CampaignFile['mailbox'];
export type SmtpFileSettings = CampaignFile['smtp'];
export type NotifySettings = CampaignFile['notify'];
export type ReminderRound = NotifySettings['rounds'][number];
export type Limits = CampaignFile['limits'];

/**
 * The published shape of `huizong status --json` (other tools script against it): declared
 * once here, checked against real output and the README's example by the tests. `status` is the
 * Chinese label the clerk reads; `statusKey` the stable ASCII key of the same status.
 */
import { z } from 'zod';
import { PROBLEM_CODES } from '../../../intake/kernel/problem-codes.js';
import { UNIT_STATUS_LABEL, UNIT_STATUSES } from '../../../pipeline/merge/merge-result.js';

const isoInstant = z.iso.datetime({ offset: true });
const problemCodes = Object.keys(PROBLEM_CODES) as [keyof typeof PROBLEM_CODES, ...(keyof typeof PROBLEM_CODES)[]];

export const statusJsonProblemSchema = z.strictObject({
  severity: z.enum(['error', 'warning']),
  code: z.enum(problemCodes),
  message: z.string(),
  file: z.string().optional(),
  location: z.string().optional(),
  field: z.string().optional(),
});

/** A read value: a number, a date "YYYY-MM-DD", a choice or a text; null where blank or unreadable. */
const typedValue = z.union([z.number(), z.string()]).nullable();
const typedValues = z.record(z.string(), typedValue);

/** One table of one unit as adopted (the latest submission of that table). */
export const statusJsonUnitTableSchema = z.strictObject({
  kind: z.enum(['row', 'list']),
  /** The adopted file; null when the unit has not sent this table. */
  file: z.string().nullable(),
  receivedAt: isoInstant.nullable(),
  /** Sent without errors: counted in the totals. */
  counted: z.boolean(),
  /** 统计表: the unit's row, by column key; null for a list or a table not sent. */
  values: typedValues.nullable(),
  /** 统计表: each value's cell ("D7"). */
  cells: z.record(z.string(), z.string()),
  /** 明细表: every row in the unit's own order, with where it is and each value's cell. */
  rows: z.array(
    z.strictObject({
      location: z.string(),
      values: typedValues,
      cells: z.record(z.string(), z.string()),
      hasErrors: z.boolean(),
    }),
  ),
});

/** One table's district totals over the units whose table is counted. */
export const statusJsonTableSchema = z.strictObject({
  name: z.string(),
  kind: z.enum(['row', 'list']),
  /** By column key: a sum, a percentage computed by its rule, or null (not summed: dates, choices, text). */
  totals: z.record(z.string(), z.number().nullable()),
  included: z.array(z.string()),
  excluded: z.array(z.string()),
  /** 明细表: the rows of the counted units. */
  rows: z.number().int(),
});

export const statusJsonUnitSchema = z.strictObject({
  unit: z.string(),
  status: z.enum(Object.values(UNIT_STATUS_LABEL) as [string, ...string[]]),
  statusKey: z.enum(UNIT_STATUSES as [string, ...string[]]),
  late: z.boolean(),
  receivedAt: isoInstant.nullable(),
  firstReceivedAt: isoInstant.nullable(),
  values: z.record(z.string(), z.number()).nullable(),
  remarks: z.record(z.string(), z.string()).nullable(),
  countedInTotals: z.boolean(),
  tableFile: z.string().nullable(),
  reportFile: z.string().nullable(),
  report: z
    .strictObject({
      file: z.string(),
      chars: z.number().int().nullable(),
      areas: z.record(z.string(), z.boolean()),
      mentionsProblems: z.boolean(),
      mentionsRectification: z.boolean(),
      scanned: z.boolean(),
      flags: z.array(z.string()),
    })
    .nullable(),
  /** Short ids (12 hex digits) of the unit's messages, oldest first. */
  messages: z.array(z.string()),
  problems: z.array(statusJsonProblemSchema),
  /**
   * Every table of the campaign, by table key, with typed values and a list's rows; present when
   * the campaign has what `values`/`remarks` cannot carry (several tables, a list, a column neither
   * 整数 nor 文字), so the first campaign's document stays as it was.
   */
  tables: z.record(z.string(), statusJsonUnitTableSchema).optional(),
  /** The required materials the unit has not sent (with `tables`). */
  missing: z.array(z.string()).optional(),
});

export const statusJsonSchema = z.strictObject({
  asOf: isoInstant.nullable(),
  deadline: isoInstant,
  units: z.array(statusJsonUnitSchema),
  totals: z.record(z.string(), z.number()),
  totalsExcluded: z.array(z.string()),
  /** Every table's district totals, by table key (with the units' `tables`). */
  tables: z.record(z.string(), statusJsonTableSchema).optional(),
  unidentified: z.array(
    z.strictObject({
      message: z.string(),
      receivedAt: isoInstant.nullable(),
      from: z.string(),
      subject: z.string(),
      files: z.array(z.string()),
      claimedUnit: z.string().nullable(),
      candidates: z.array(z.string()),
      reason: z.string(),
    }),
  ),
});

export type StatusJson = z.infer<typeof statusJsonSchema>;

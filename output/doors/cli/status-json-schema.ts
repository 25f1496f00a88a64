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
});

export const statusJsonSchema = z.strictObject({
  asOf: isoInstant.nullable(),
  deadline: isoInstant,
  units: z.array(statusJsonUnitSchema),
  totals: z.record(z.string(), z.number()),
  totalsExcluded: z.array(z.string()),
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

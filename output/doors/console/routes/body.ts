/**
 * Form bodies, checked by zod schemas: each field cleaned as a clerk's text should be (control
 * characters out, trimmed, a long text cut rather than refused) and checked, the first mistake
 * answered in Chinese. Fields a form does not declare (the CSRF token, checked by the server's
 * hook) are dropped.
 */
import { z } from 'zod';

/** Anything but text is empty; control characters never belong in a reason. */
function cleaned(value: unknown, max: number): string {
  return typeof value === 'string'
    ? value
        .replace(/[\u0000-\u001f\u007f]/g, ' ')
        .trim()
        .slice(0, max)
    : '';
}

/** A short text field (a reason, a unit, a choice). */
export function text(max = 200) {
  return z.preprocess((value) => cleaned(value, max), z.string());
}

/** A text field kept exactly as sent (a template's source); missing is a mistake. */
export function rawText(mistake: string) {
  return z.string({ error: mistake });
}

/** A stored message's id as the pages show it (12 hex digits, or more). */
export const messageId = z.preprocess(
  (value) => cleaned(value, 200).toLowerCase(),
  z.string().regex(/^[0-9a-f]{8,64}$/, { error: '来信编号有误' }),
);

/** A unit of the roster as it is now. */
export function rosterUnit(roster: () => ReadonlySet<string>) {
  return text().refine((name) => roster().has(name), { error: '请选择名单中的一个单位' });
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; mistake: string };

export function parseBody<Schema extends z.ZodType>(schema: Schema, body: unknown): Parsed<z.output<Schema>> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, mistake: parsed.error.issues[0]?.message ?? '表单有误' };
}

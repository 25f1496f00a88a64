/**
 * A value read from the office's files, with where it was read and how sure the reading is:
 * nothing derived is silently trusted. The command line prints every value that is not `sure`,
 * and the console shows each with its source for the clerk to confirm or correct.
 */

/**
 * sure: the files say it in so many words (a data validation list, 文号 伊滨办〔2013〕62号).
 * likely: read from how the files are usually written (a type from "(个)" in a header).
 * guess: a proposal the files do not settle (the hour of a deadline that names only a day).
 * default: the files say nothing; huizong's default, written with a comment in campaign.yaml.
 */
export type Confidence = 'sure' | 'likely' | 'guess' | 'default';

export interface Derived<T> {
  value: T;
  /** Where it was read, as a clerk finds it: "通知第12段", "附件1.xlsx 工作表「排查统计」F7". */
  from: string;
  confidence: Confidence;
  /** Why, in Chinese, when it is not plain ("通知只写了日期，按当日下班时间 18:00 计"). */
  note?: string;
}

export function sure<T>(value: T, from: string, note?: string): Derived<T> {
  return { value, from, confidence: 'sure', ...(note ? { note } : {}) };
}

export function likely<T>(value: T, from: string, note?: string): Derived<T> {
  return { value, from, confidence: 'likely', ...(note ? { note } : {}) };
}

export function guess<T>(value: T, from: string, note: string): Derived<T> {
  return { value, from, confidence: 'guess', note };
}

export function byDefault<T>(value: T, note: string): Derived<T> {
  return { value, from: '默认', confidence: 'default', note };
}

/** A value the clerk set or confirmed (on the console's 新建活动 page): sure, from the clerk. */
export function byClerk<T>(value: T): Derived<T> {
  return { value, from: '秘书科', confidence: 'sure', note: '秘书科核定' };
}

/** How sure, in the clerk's words. */
export const CONFIDENCE_LABEL: Readonly<Record<Confidence, string>> = {
  sure: '确定',
  likely: '推断',
  guess: '猜测，请确认',
  default: '默认值',
};

/** Values the clerk should look at: every one that the files do not say in so many words. */
export function needsConfirming(value: Derived<unknown> | undefined): boolean {
  return value !== undefined && (value.confidence === 'guess' || value.confidence === 'default');
}

/**
 * What a column's name says about its values when campaign.yaml does not: the measure it counts
 * in when its label has no (单位) — 平均答复天数 is a number of 天, 参训人数 of 人, 培训学时 of 学时 —
 * and whether the units' values add up to a district total: an average, a score, a rank, an age or
 * a rate does not (a sum of averages or of exam scores is a false statistic). Pure.
 */
import { compact } from '../text/normalize.js';

/**
 * Measure words a count is named by (…天数 is the number of 天). Longest first, so that 小时数 is
 * 小时 and 人次数 is 人次, not 时 or 次. Words that also end everyday nouns are left out: 平台数,
 * 专家数, 干部数, 青年数, 市场数 are no numbers of 台, 家, 部, 年, 场.
 */
const MEASURE_WORDS = [
  '人次',
  '户次',
  '家次',
  '车次',
  '架次',
  '小时',
  '学时',
  '课时',
  '工时',
  ...'天 日 周 月 人 次 件 个 户 处 起 项 条 套 张 份 篇 座 辆 分'.split(' '),
];

/** Measures that are their quantity's own name: 培训学时, 参训人次 count in 学时, 人次. */
const SELF_NAMED_MEASURES = ['人次', '户次', '家次', '车次', '架次', '学时', '课时', '工时'];

/** A score named without 数: 考核得分, 综合评分 are in 分. */
const SCORE_ENDINGS = /(得分|评分)$/u;

/**
 * The measure a column's name counts in, for a label without a (单位): a name ending in a measure
 * word and 数 (平均答复天数 → 天, 参训人数 → 人, 小时数 → 小时, 考试分数 → 分), in a measure that is
 * its own quantity (培训学时 → 学时, 检查人次 → 人次), or in 得分 / 评分 (→ 分). Nothing else is
 * guessed: 培训时长 may be hours or days, so it has no unit.
 */
export function unitInName(name: string): string | undefined {
  const text = compact(name);
  // 百分数 is a percentage, not a number of 分.
  if (text.endsWith('数') && !text.endsWith('百分数')) {
    const word = MEASURE_WORDS.find((measure) => text.slice(0, -1).endsWith(measure));
    if (word !== undefined) return word;
  }
  const self = SELF_NAMED_MEASURES.find((measure) => text.endsWith(measure));
  if (self !== undefined) return self;
  return SCORE_ENDINGS.test(text) ? '分' : undefined;
}

/**
 * Words by which a name says its values do not add up across units, with what they are (for the
 * clerk's note in an `init --from` draft). An average or a per-head figure anywhere in the name;
 * the others at its end (考试成绩, 综合排名, 平均年龄, 整改率, 女性占比).
 */
const NOT_ADDITIVE: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /(平均|人均|户均|日均|月均|年均|均值)/u, what: '平均数' },
  { pattern: /(成绩|分数|得分|评分|分值)$/u, what: '分数' },
  { pattern: /(排名|名次|位次)$/u, what: '名次' },
  { pattern: /(年龄)$/u, what: '年龄' },
  { pattern: /(率|比例|占比|比重|比值)$/u, what: '比率' },
];

/**
 * Why a column's values do not add up into a district total, by its name (平均答复天数 →
 * { word: 平均, what: 平均数 }), or null when nothing in the name says so. `name` is the column's
 * name without its (单位); a grouped column passes its group's name and its own.
 */
export function notAdditiveByName(...names: readonly string[]): { word: string; what: string } | null {
  for (const name of names) {
    const text = compact(name);
    for (const { pattern, what } of NOT_ADDITIVE) {
      const word = pattern.exec(text)?.[1];
      if (word !== undefined) return { word, what };
    }
  }
  return null;
}

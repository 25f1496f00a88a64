/**
 * Words that name no campaign: the kinds of papers every campaign asks for (报告, 统计表, 台账…),
 * the steps of reporting (报送, 自查, 更正…) and the office's everyday words (工作, 情况, 材料…).
 * A unit's unrelated mail (关于安全生产月活动安排的报告) uses them as much as its submission does,
 * so a keyword made of nothing else is neither proposed by init --from nor counted by routing.
 * Language, not campaign data: the same for every campaign. Pure.
 */
import { looseKey } from './normalize.js';

const GENERIC_WORDS = [
  // papers
  '报告',
  '总结',
  '汇报',
  '统计',
  '统计表',
  '报表',
  '表格',
  '汇总表',
  '登记表',
  '明细表',
  '一览表',
  '台账',
  '清单',
  '名单',
  '名册',
  '花名册',
  '材料',
  '资料',
  '数据',
  '附件',
  '说明',
  '书面',
  '签字',
  '盖章',
  '扫描',
  '扫描件',
  '扫描版',
  '盖章版',
  '回执',
  '通知',
  '文件',
  '方案',
  '计划',
  // steps of reporting
  '报送',
  '上报',
  '填报',
  '补报',
  '补充',
  '更正',
  '修改',
  '自查',
  '排查',
  '检查',
  '专项',
  '登记',
  '汇总',
  '开展',
  '做好',
  '落实',
  '进度',
  '进展',
  '建设',
  '重点',
  // everyday words
  '工作',
  '情况',
  '活动',
  '项目',
  '有关',
  '相关',
  '关于',
  '年度',
  '全年',
  '上半年',
  '下半年',
  '全区',
  '全镇',
  '本单位',
];

/** Longest first, so that 统计表 goes whole rather than as 统计 and a stray 表. */
const GENERIC = new RegExp(
  [
    String.raw`\d+年度?`,
    String.raw`\d+月份?`,
    '第?[一二三四1-4]季度',
    String.raw`\d+`,
    ...[...GENERIC_WORDS].sort((a, b) => b.length - a.length),
  ].join('|'),
  'gu',
);

const SEGMENTER = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;

/** Characters that make one word with the step of reporting after them (大检查, 再排查, 总汇报, 专项…). */
const CLINGING = new Set(['大', '再', '总', '专', '各']);

/**
 * A run without the character that clung to the generic word after it (安全生产大 of
 * 安全生产大检查: 大检查 is one word to a reader); only where a word of its own (Intl.Segmenter) and
 * one of those few: a segmenter cuts rarer words wrong (背|街小巷), so nothing else is taken off.
 */
function unclung(run: string, cutAfter: boolean): string {
  if (!SEGMENTER || !cutAfter || !CLINGING.has(run.at(-1) ?? '')) return run;
  const words = [...SEGMENTER.segment(run)].map((part) => part.segment);
  return words.length > 1 && words.at(-1)!.length === 1 ? run.slice(0, -1) : run;
}

/** What is left of a text once its generic words are taken out: its runs of two characters or more, folded. */
export function specificWords(text: string): string[] {
  const runs = looseKey(text).replace(GENERIC, '|').split('|');
  return runs
    .map((run, index) => unclung(run, index < runs.length - 1))
    .map((run) => run.replace(/^[的和及与]+|[的和及与]+$/gu, ''))
    .filter((run) => run.length >= 2);
}

/** A word that could be any campaign's: nothing of it is left once its generic words are taken out. */
export function isGenericWord(text: string): boolean {
  return specificWords(text).length === 0;
}

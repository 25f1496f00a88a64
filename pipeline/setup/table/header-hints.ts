/**
 * What a column's header text says about its values, the way a clerk reads it: the unit in
 * brackets ((个) (台) (处) (人次) → 整数; (万元) (元) → 金额; (%) → 百分比; (公里) (亩) → 小数),
 * and the words (日期 / 时限 → 日期; 是否… → 是/否; 备注 / 名称 / 措施 / 责任人 → 文字; …率 → 百分比;
 * …数 → 整数). Pure; a hint, weaker than a cell's format or validation.
 */
import type { AmountUnit, FieldType } from '../../../intake/kernel/campaign/field-types.js';

export interface HeaderHint {
  type: FieldType;
  amountUnit?: AmountUnit;
  /** What in the header said it: "(处)", "是否". */
  because: string;
}

/** Units of things counted one by one. */
const COUNT_UNITS = new Set(
  '个 台 处 人 人次 次 条 家 项 件 户 起 座 辆 套 部 张 份 所 名 场 期 批 篇 本 间 栋 宗 笔 只 头 棵 株 艘 架 门 块 册 卷 类 处次 家次 户次 车次 班次 天 日 周 月 年 课时 学时'.split(
    ' ',
  ),
);
/** Units of measure that take decimals. */
const MEASURE_UNITS = new Set(
  '公里 千米 米 厘米 平方米 平方公里 亩 公顷 吨 千克 公斤 克 升 立方米 方 小时 千瓦 千瓦时 万千瓦时 度 万人 万吨 万亩 万平方米'.split(' '),
);

const TEXT_WORDS =
  /(备注|名称|措施|责任人|内容|情况说明|说明|原因|姓名|职务|职级|地点|地址|位置|部门|问题|类型|类别|方式|方法|结果|意见|描述|电话|手机|联系人|负责人|性别|民族|学历|职称|来源|依据|级别|编码|代码|号码|身份证|事项|对象|主体|整改要求|处理|处置|进展|隐患描述|存在问题|情况)$/u;
const DATE_WORDS = /(日期|时间|时限|期限|截止|时点|年月日|生日)$|^(出生|发现|完成|开始|结束|整改)(日期|时间)/u;
const RATE_WORDS = /(率|比例|占比|比重|百分比)$/u;
const AMOUNT_WORDS = /(金额|资金|经费|投入|费用|预算|支出|收入|产值|价值|投资|款|补助|补贴|罚款)/u;
const COUNT_WORDS = /(数|数量|次数|人数|个数|件数|户数|家数|处数|起数|项数|条数|人次)$/u;

/** The bracketed unit at the end of a header, folded: 数量（处） → 处. */
export function bracketUnit(label: string): string | undefined {
  return /[(（]\s*([^()（）]{1,6}?)\s*[)）]\s*$/u.exec(label.normalize('NFKC'))?.[1];
}

export function headerHint(label: string): HeaderHint | null {
  const text = label.normalize('NFKC').replace(/\s+/gu, '');
  const unit = bracketUnit(text);
  const bare = text.replace(/\([^()]{1,6}\)$/u, '');
  if (unit !== undefined) {
    if (unit === '%' || unit === '百分比') return { type: 'percent', because: `(${unit})` };
    if (unit === '万元' || unit === '元') return { type: 'amount', amountUnit: unit, because: `(${unit})` };
    if (/^(亿元|千元|美元)$/u.test(unit)) return { type: 'decimal', because: `(${unit})` };
    if (COUNT_UNITS.has(unit)) return { type: 'count', because: `(${unit})` };
    if (MEASURE_UNITS.has(unit)) return { type: 'decimal', because: `(${unit})` };
    if (/^(年月日|年-月-日|yyyy-mm-dd)$/iu.test(unit)) return { type: 'date', because: `(${unit})` };
  }
  if (/^是否/u.test(bare)) return { type: 'choice', because: '是否' };
  if (DATE_WORDS.test(bare)) return { type: 'date', because: bare.match(DATE_WORDS)![0] };
  if (RATE_WORDS.test(bare)) return { type: 'percent', because: bare.match(RATE_WORDS)![0] };
  if (TEXT_WORDS.test(bare)) return { type: 'text', because: bare.match(TEXT_WORDS)![0] };
  if (AMOUNT_WORDS.test(bare)) return { type: 'amount', because: bare.match(AMOUNT_WORDS)![0] };
  if (COUNT_WORDS.test(bare)) return { type: 'count', because: bare.match(COUNT_WORDS)![0] };
  return null;
}

/**
 * The markers of the template markup: every line of a template starts with one, in 【】 as a
 * Chinese input method types them (or in [] from an English keyboard), followed by its text:
 *
 *   【标题】关于……的通报
 *   【正文】为进一步加强……
 *
 * One table describes them all, so the parser, `huizong check` and the README agree.
 */

export const MARKERS = {
  发文机关标志: { content: 'required', help: '发文机关标志（红色版头），如“洛阳伊滨区管委会办公室文件”' },
  文号: { content: 'required', help: '发文字号，如“伊滨办〔2013〕62号”，其下自动加红色分隔线' },
  签发人: { content: 'required', help: '上行文的签发人姓名，写在【文号】的下一行：发文字号居左、“签发人：姓名”居右排在同一行，版头下移' },
  标题: { content: 'required', help: '公文标题（2号小标宋体，居中）；连续几行【标题】合成一个多行标题' },
  主送: { content: 'required', help: '主送机关，顶格，如“各镇党委、人民政府，区直各相关单位：”' },
  正文: { content: 'required', help: '正文段落（3号仿宋体，首行缩进两字）' },
  一级: { content: 'required', help: '一级标题，自动编号“一、”（黑体）' },
  二级: { content: 'required', help: '二级标题，自动编号“（一）”（楷体）' },
  三级: { content: 'required', help: '三级标题，自动编号“1.”（仿宋体）' },
  四级: { content: 'required', help: '四级标题，自动编号“（1）”（仿宋体）' },
  表格: { content: 'required', help: '插入程序生成的表格，写表格名称，如“【表格】合计表”' },
  表头: { content: 'required', help: '自定义表格的表头行，各栏用“｜”分隔' },
  表行: { content: 'required', help: '自定义表格的一行，各栏用“｜”分隔' },
  附件: { content: 'required', help: '附件说明，一行一个附件，多个时自动编号' },
  落款: { content: 'required', help: '发文机关署名' },
  日期: { content: 'required', help: '成文日期，如“{{date generatedAt}}”' },
  附注: { content: 'required', help: '附注，如“（此件公开发布）”' },
  空行: { content: 'none', help: '空一行' },
  分页: { content: 'none', help: '从下一页开始' },
  附件页: { content: 'required', help: '另起一页编排附件，写附件标识，如“附件”或“附件1”' },
  横向附件页: { content: 'required', help: '同【附件页】，但该页横向（适合列数多的表格）' },
  抄送: { content: 'required', help: '版记中的抄送机关' },
  印发: { content: 'required', help: '版记中的印发机关和印发日期，用“｜”分隔，如“区综合办公室｜2013年8月20日”' },
} as const satisfies Record<string, { content: 'required' | 'none'; help: string }>;

export type MarkerName = keyof typeof MARKERS;

/** Other names a clerk may reasonably write for the same marker. */
export const MARKER_ALIASES: Record<string, MarkerName> = {
  一级标题: '一级',
  二级标题: '二级',
  三级标题: '三级',
  四级标题: '四级',
  发文字号: '文号',
  成文日期: '日期',
  署名: '落款',
  附件说明: '附件',
  版头: '发文机关标志',
};

export function markerNamed(name: string): MarkerName | null {
  if (Object.hasOwn(MARKERS, name)) return name as MarkerName;
  return MARKER_ALIASES[name] ?? null;
}

export const MARKER_LIST = Object.keys(MARKERS)
  .map((name) => `【${name}】`)
  .join('');

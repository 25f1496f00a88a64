/**
 * 【附件页】 and 【横向附件页】: the attachment's label (附件 / 附件1) on the first line of its own
 * section (the layout starts the section): “附件”及顺序号用3号黑体字顶格编排在版心左上角第一行,
 * the attachment's title on the third line.
 */
import { LINE } from '../official-format.js';
import { type BlockBuilder, exact, paragraph } from './context.js';

export const attachmentPage: BlockBuilder<'attachmentPage'> = (block, context) => [
  paragraph('label', block.label, { spacing: { ...exact(LINE), after: context.next?.kind === 'title' ? LINE : 0 } }),
];

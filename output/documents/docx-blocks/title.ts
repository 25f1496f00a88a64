/** 【标题】: one paragraph per title line; 红色分隔线下空二行, 标题下空一行. */
import { LINE } from '../official-format.js';
import { type BlockBuilder, breakBefore, exact, paragraph } from './context.js';

export const title: BlockBuilder<'title'> = (block, context) => {
  const { previous, next } = context;
  return block.lines.map((line, index) => {
    const first = index === 0;
    const last = index === block.lines.length - 1;
    return paragraph('title', line, {
      ...breakBefore(context, first),
      spacing: {
        ...exact(LINE),
        before: first && previous?.kind === 'documentNumber' ? 2 * LINE : 0,
        after: last && next !== undefined && next.kind !== 'blank' && next.kind !== 'table' ? LINE : 0,
      },
    });
  });
};

/** 【标题】: one paragraph per printed title line (title-lines.ts); 红色分隔线下空二行, 标题下空一行. */
import { LINE } from '../official-format.js';
import { titleLines } from '../title-lines.js';
import { type BlockBuilder, breakBefore, exact, paragraph } from './context.js';

export const title: BlockBuilder<'title'> = (block, context) => {
  const { previous, next } = context;
  const lines = titleLines(block.lines);
  return lines.map((line, index) => {
    const first = index === 0;
    const last = index === lines.length - 1;
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

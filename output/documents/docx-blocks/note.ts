/** 【附注】: e.g. （此件公开发布）, as a body paragraph. */
import { type BlockBuilder, breakBefore, paragraph } from './context.js';

export const note: BlockBuilder<'note'> = (block, context) => [paragraph('body', block.text, breakBefore(context))];

/** 【空行】: one empty body line. */
import { type BlockBuilder, breakBefore, paragraph } from './context.js';

export const blank: BlockBuilder<'blank'> = (_block, context) => [paragraph('body', '', breakBefore(context))];

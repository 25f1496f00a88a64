/** 【主送】: the 主送机关, flush left. */
import { type BlockBuilder, breakBefore, paragraph } from './context.js';

export const recipient: BlockBuilder<'recipient'> = (block, context) => [paragraph('recipient', block.text, breakBefore(context))];

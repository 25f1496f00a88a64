/** 【一级】 to 【四级】: a heading, its number already in front of its text. */
import { type BlockBuilder, breakBefore, paragraph } from './context.js';

export const heading: BlockBuilder<'heading'> = (block, context) => [paragraph(`heading${block.level}`, block.text, breakBefore(context))];

/**
 * 【正文】: a body paragraph. GB/T 9704 7.3.5.4: the signature never stands alone on a page, so
 * the last body paragraph before the 附件说明 or the signature keeps with what follows.
 */
import type { Block } from '../document-model.js';
import { type BlockBuilder, breakBefore, paragraph } from './context.js';

/** The blocks that close a document's body: the 附件说明 and the signature. */
export const isClosing = (block: Block | undefined) => block?.kind === 'attachments' || block?.kind === 'signature';

export const bodyParagraph: BlockBuilder<'paragraph'> = (block, context) => [
  paragraph('body', block.text, {
    ...breakBefore(context),
    ...(isClosing(context.next) ? { keepNext: true } : {}),
    // A table's note never leaves a line of it alone on the next page (the table keeps with it, table-xml.ts).
    ...(block.withTable ? { keepLines: true } : {}),
  }),
];

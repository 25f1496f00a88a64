/**
 * One builder per kind of block (per template marker), as the docx library keeps one element
 * per file. A 【分页】 builds nothing: it marks the next block as starting a new page.
 */
import type { Block } from '../document-model.js';
import { attachmentPage } from './attachment-page.js';
import { attachments } from './attachments.js';
import { blank } from './blank.js';
import { bodyParagraph } from './body-paragraph.js';
import { colophon } from './colophon.js';
import type { BlockBuilder, BlockContext, BuiltItem } from './context.js';
import { documentNumber } from './document-number.js';
import { heading } from './heading.js';
import { issuer } from './issuer.js';
import { note } from './note.js';
import { recipient } from './recipient.js';
import { signature } from './signature.js';
import { table } from './table.js';
import { title } from './title.js';

export type { BlockContext, BuiltItem, TableXml } from './context.js';
export { hairline, isTableXml } from './context.js';
export { signatureIndents } from './signature.js';

const BUILDERS: { [K in Block['kind']]: BlockBuilder<K> } = {
  issuer,
  documentNumber,
  title,
  recipient,
  paragraph: bodyParagraph,
  heading,
  table,
  attachments,
  signature,
  note,
  blank,
  pageBreak: () => [],
  attachmentPage,
  colophon,
};

export function buildBlock(block: Block, context: BlockContext): BuiltItem[] {
  return (BUILDERS[block.kind] as BlockBuilder<Block['kind']>)(block as never, context);
}

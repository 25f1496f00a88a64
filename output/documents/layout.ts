/**
 * The document's blocks → sections of paragraphs and tables. Each block is built by its own
 * builder (docx-blocks/); this file only walks the blocks: a 【分页】 marks the next block as
 * starting a page, an attachment page starts a section of its own orientation, and a generated
 * table leaves a placeholder paragraph that packing replaces with the table's XML.
 */
import { Paragraph, type Table, TextRun } from 'docx';
import type { Block } from './document-model.js';
import { buildBlock, isTableXml } from './docx-blocks/index.js';
import { TEXT_WIDTH } from './official-format.js';

export interface SectionDraft {
  landscape: boolean;
  children: (Paragraph | Table)[];
}

/** Marks where a table's XML goes (private-use characters: never in a template or in data). */
const TABLE_MARK = '\u{F0E7}';
/** The placeholder paragraphs (a table's XML replaces each one when packing). */
const TABLE_PLACEHOLDERS = new WeakSet<Paragraph>();
export const TABLE_PLACEHOLDER = new RegExp(`<w:p>(?:(?!</w:p>).)*?${TABLE_MARK}(\\d+)${TABLE_MARK}(?:(?!</w:p>).)*?</w:p>`, 'gu');

/** A section's last element is a table (or a table's placeholder). */
export const isTable = (item: Paragraph | Table | undefined): boolean =>
  item !== undefined && (!(item instanceof Paragraph) || TABLE_PLACEHOLDERS.has(item));

function placeholder(xml: string, tables: string[]): Paragraph {
  const paragraph = new Paragraph({ children: [new TextRun({ text: `${TABLE_MARK}${tables.length}${TABLE_MARK}` })] });
  tables.push(xml);
  TABLE_PLACEHOLDERS.add(paragraph);
  return paragraph;
}

/** Blocks → sections; `tables` receives each generated table's XML, in placeholder order. */
export function layout(blocks: readonly Block[], tables: string[]): SectionDraft[] {
  const sections: SectionDraft[] = [{ landscape: false, children: [] }];
  let pageBreakBefore = false;
  blocks.forEach((block, index) => {
    if (block.kind === 'attachmentPage') {
      sections.push({ landscape: block.landscape, children: [] });
      pageBreakBefore = false;
    }
    const section = sections.at(-1)!;
    const items = buildBlock(block, {
      previous: blocks[index - 1],
      next: blocks[index + 1],
      width: section.landscape ? TEXT_WIDTH.landscape : TEXT_WIDTH.portrait,
      landscape: section.landscape,
      pageBreakBefore,
    });
    for (const item of items) section.children.push(isTableXml(item) ? placeholder(item.tableXml, tables) : item);
    if (block.kind === 'pageBreak') pageBreakBefore = true;
    else if (items.length > 0) pageBreakBefore = false;
  });
  return sections;
}

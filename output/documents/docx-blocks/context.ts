/**
 * What every block builder shares: where its block stands (the blocks around it, its section's
 * width and orientation, a page break before it) and the few paragraph helpers the builders use.
 * A builder is a pure function: one block and its context in, docx elements out.
 */
import { LineRuleType, Paragraph, type Table, TextRun } from 'docx';
import type { Block } from '../document-model.js';
import { STYLE, type StyleKey } from '../styles-xml.js';

export interface BlockContext {
  previous: Block | undefined;
  next: Block | undefined;
  /** The 版心 width of the block's section, in twips. */
  width: number;
  /** The block's section is a landscape (turned) page. */
  landscape: boolean;
  /** A 【分页】 came just before: the block starts a new page. */
  pageBreakBefore: boolean;
}

/** A generated table's WordprocessingML (table-xml.ts), spliced into the package where it goes. */
export interface TableXml {
  tableXml: string;
}

export type BuiltItem = Paragraph | Table | TableXml;

export type BlockBuilder<K extends Block['kind']> = (block: Extract<Block, { kind: K }>, context: BlockContext) => BuiltItem[];

export const isTableXml = (item: BuiltItem): item is TableXml => 'tableXml' in item;

/** Exact line spacing of `line` twips, nothing before or after. */
export const exact = (line: number) => ({ line, lineRule: LineRuleType.EXACT, before: 0, after: 0 });

export const text = (value: string, extra: ConstructorParameters<typeof TextRun>[0] & object = {}) =>
  new TextRun({ text: value, ...extra });

export type ParagraphOptions = Partial<ConstructorParameters<typeof Paragraph>[0] & object>;

/** A paragraph of one of the official styles (styles-xml.ts). */
export function paragraph(key: StyleKey, content: string, extra: ParagraphOptions = {}): Paragraph {
  return new Paragraph({ style: STYLE[key].id, children: content === '' ? [] : [text(content)], ...extra });
}

/**
 * The page break of a 【分页】 rides on the block's first paragraph, so the new page does not
 * start with an empty line.
 */
export const breakBefore = (context: BlockContext, first = true) => (context.pageBreakBefore && first ? { pageBreakBefore: true } : {});

/** A paragraph one point high: it takes no line (anchors, section ends, a page break before a table). */
export const hairline = () => new Paragraph({ spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 } });

/** A page break before a block that starts with a table (a table cannot carry one). */
export const tablePageBreak = (context: BlockContext): Paragraph[] =>
  context.pageBreakBefore ? [new Paragraph({ pageBreakBefore: true, spacing: { line: 20, lineRule: LineRuleType.EXACT } })] : [];

/** 【表格】, 【表头】 and 【表行】: a table as XML (table-xml.ts), as wide as its section's 版心. */
import { tableXml } from '../table-xml.js';
import { type BlockBuilder, tablePageBreak } from './context.js';

export const table: BlockBuilder<'table'> = (block, context) => [
  ...tablePageBreak(context),
  { tableXml: tableXml(block.table, context.width) },
];

/**
 * A Word document read for the set-up: its paragraphs (a notice's text) and its tables (a table
 * template, or the 附件 table printed at the end of a notice), with the same OOXML walker the
 * units' documents go through (pipeline/extract/docx-walk.ts). A Word table carries no number
 * formats or validations: its columns are typed from their header text alone.
 */
import { readDocumentXml } from '../../extract/docx-package.js';
import { type DocxParagraph, walkDocumentXml } from '../../extract/docx-walk.js';
import type { Grid } from '../../extract/grid.js';
import type { TemplateCell, TemplateSheet } from './template-sheet.js';

export interface WordContent {
  paragraphs: DocxParagraph[];
  tables: TemplateSheet[];
}

/** Merges as spans on their master cells: the walker marks covered cells, with the master's text. */
function withSpans(grid: Grid): TemplateCell[][] {
  const rows: TemplateCell[][] = grid.rows.map((row) =>
    row.map((cell) => ({ text: cell.text, address: cell.address, bordered: true, ...(cell.mergedCopy ? { mergedCopy: true } : {}) })),
  );
  rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (cell.mergedCopy) return;
      let columns = 1;
      while (row[c + columns]?.mergedCopy && row[c + columns]!.text === cell.text) columns++;
      let height = 1;
      while (rows[r + height]?.[c]?.mergedCopy && rows[r + height]![c]!.text === cell.text) height++;
      if (columns > 1 || height > 1) cell.span = { rows: height, columns };
    });
  });
  return rows;
}

export async function readWordContent(content: Buffer, file: string): Promise<WordContent> {
  const { grids, paragraphs } = walkDocumentXml(await readDocumentXml(content));
  const tables = grids
    .filter((grid) => grid.rows.length > 0)
    .map(
      (grid): TemplateSheet => ({
        file,
        place: grids.length > 1 ? grid.label : '',
        rows: withSpans(grid),
        above: grid.preamble ?? [],
        below: [],
        word: true,
      }),
    );
  return { paragraphs: paragraphs.filter((paragraph) => paragraph.table === null), tables };
}

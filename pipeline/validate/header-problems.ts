/**
 * What the header of a found table tells the clerk: columns not found, headers read by another
 * word or not read, columns the unit added, the 填报单位 line left blank. A 统计表 is called
 * 统计表 (as the first campaign said it) where the campaign has only one; any other table by its
 * name.
 */
import type { Campaign, TableDef } from '../../intake/kernel/campaign/campaign.js';
import { error, type Problem, warning } from '../../intake/kernel/problems.js';
import { BODY_FILE_NAME } from '../analyze/body-material.js';
import type { FoundTable, HeaderNote } from '../extract/find-table.js';

type Where = Pick<Problem, 'file' | 'location'>;

/** How problems name a table: 统计表, or 「重大隐患整改台账」. */
export function tableWord(table: TableDef, campaign: Pick<Campaign, 'tables'>): string {
  const rowTables = campaign.tables.filter((item) => item.kind === 'row');
  return table.kind === 'row' && rowTables.length === 1 ? '统计表' : `「${table.name}」`;
}

function headerProblem(note: HeaderNote, where: Where, word: string): Problem {
  const at = { ...where, location: note.address };
  switch (note.kind) {
    case 'matched':
      return warning(
        'table.header_matched',
        `表头「${note.header}」与通知中的「${note.column}」用词不同，已按「${note.column}」这一列读取`,
        { ...at, field: note.column!, found: note.header, expected: note.column! },
      );
    case 'unsure':
      return error(
        'table.header_unsure',
        `表头「${note.header}」与「${note.column}」相近，但不能确定就是这一列，未读取；请按通知附件的表头重新报送，或在 campaign.yaml 中为这一列加上别名（aliases）`,
        { ...at, field: note.column!, found: note.header, expected: note.column! },
      );
    case 'extra':
      return warning('table.extra_column', `${word}中多出一列「${note.header}」（通知附件中没有），这一列未读取`, {
        ...at,
        found: note.header,
      });
  }
}

/** Problems of the header, the columns and the 填报单位 line (the values are judged elsewhere). */
export function headerProblems(found: FoundTable, table: TableDef, campaign: Pick<Campaign, 'tables'>, where: Where): Problem[] {
  const word = tableWord(table, campaign);
  const problems: Problem[] = found.missingColumns.map((name) =>
    error('table.missing_column', `${word}中找不到「${name}」这一列`, { ...where, field: name, expected: '与通知附件一致的表头' }),
  );
  for (const note of found.headerNotes ?? []) problems.push(headerProblem(note, where, word));
  return problems;
}

/**
 * A blank 填报单位 line is said (a hint: the unit is known from the mail), except for a table
 * pasted into the mail body, which has no such line: the mail itself says who sent it.
 */
export function unitFieldProblem(found: FoundTable, table: TableDef, campaign: Pick<Campaign, 'tables'>, where: Where): Problem[] {
  if ((found.unitName && found.unitName.text !== '') || where.file === BODY_FILE_NAME) return [];
  return [
    warning('table.unit_field_blank', `${tableWord(table, campaign)}未填写「${table.unitField}」`, {
      ...where,
      field: table.unitField,
      expected: '本单位名称',
    }),
  ];
}

/**
 * 【落款】 and 【日期】: 发文机关署名 and 成文日期 without a seal (GB/T 9704 7.3.5.2): the office two
 * characters from the right, the date under it starting two characters further right; a date
 * longer than the office stays two characters from the right and pushes the office left.
 */
import type { Paragraph } from 'docx';
import { charWidth } from '../measure.js';
import { CHAR, LINE } from '../official-format.js';
import { type BlockBuilder, breakBefore, exact, paragraph } from './context.js';

export function signatureIndents(office: string | null, date: string | null): { office: number; date: number } {
  if (office === null) return { office: 0, date: 4 };
  if (date === null) return { office: 2, date: 0 };
  const officeWidth = charWidth(office);
  const dateWidth = charWidth(date);
  let officeRight = 2;
  let dateRight = officeRight + officeWidth - dateWidth - 2;
  if (dateRight < 2) {
    dateRight = 2;
    officeRight = dateRight + dateWidth + 2 - officeWidth;
  }
  return { office: officeRight, date: dateRight };
}

export const signature: BlockBuilder<'signature'> = (block, context) => {
  const indents = signatureIndents(block.office, block.date);
  const before = context.previous !== undefined && context.previous.kind !== 'blank' ? LINE : 0;
  const out: Paragraph[] = [];
  if (block.office !== null)
    out.push(
      paragraph('signature', block.office, {
        ...breakBefore(context),
        indent: { right: indents.office * CHAR },
        spacing: { ...exact(LINE), before },
      }),
    );
  if (block.date !== null)
    out.push(
      paragraph('signature', block.date, {
        ...breakBefore(context, out.length === 0),
        indent: { right: indents.date * CHAR },
        spacing: { ...exact(LINE), before: block.office === null ? before : 0 },
      }),
    );
  return out;
};

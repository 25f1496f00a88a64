/** 【发文机关标志】: the red letterhead, as large as 小初 allows on one line. */
import { LineRuleType, Paragraph } from 'docx';
import { charWidth } from '../measure.js';
import { mm, SIZE, TEXT_WIDTH } from '../official-format.js';
import { STYLE } from '../styles-xml.js';
import { type BlockBuilder, breakBefore, text } from './context.js';

/** The letterhead as large as 小初 allows while it fits on one line. */
function issuerSize(value: string): number {
  const fit = Math.floor(((TEXT_WIDTH.portrait / 20) * 0.95 * 2) / Math.max(charWidth(value), 1));
  return Math.min(SIZE.小初, fit);
}

export const issuer: BlockBuilder<'issuer'> = (block, context) => {
  const size = issuerSize(block.text);
  // An upward document (上行文) names its 签发人 beside the 文号; its letterhead sits lower.
  const next = context.next;
  const upward = next?.kind === 'documentNumber' && (next.signers?.length ?? 0) > 0;
  return [
    new Paragraph({
      style: STYLE.issuer.id,
      ...breakBefore(context),
      // The letterhead's top 35 mm under the top of the 版心 (下行文, GB/T 9704 7.2.3), 80 mm for a 上行文.
      spacing: { before: mm(upward ? 80 : 35), after: 0, line: Math.round(size * 10 * 1.25), lineRule: LineRuleType.EXACT },
      children: [text(block.text, { size })],
    }),
  ];
};

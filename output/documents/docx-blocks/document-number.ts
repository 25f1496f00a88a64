/**
 * 【文号】 (and 【签发人】): the 发文字号 with the red separator line 4 mm under it; in an upward
 * document the number one character in from the left and “签发人：names” one character in from
 * the right, on the same line (GB/T 9704 7.2.4–7.2.5).
 */
import { AlignmentType, BorderStyle, Paragraph, Tab, TabStopType, TextRun } from 'docx';
import { CHAR, FONT, LINE, RED, runFont } from '../official-format.js';
import { STYLE } from '../styles-xml.js';
import { type BlockBuilder, breakBefore, exact, text } from './context.js';

export const documentNumber: BlockBuilder<'documentNumber'> = (block, context) => {
  const common = {
    style: STYLE.documentNumber.id,
    ...breakBefore(context),
    // 发文机关标志下空二行; the red line 4 mm under the number.
    spacing: { ...exact(LINE), before: context.previous?.kind === 'issuer' ? 2 * LINE : 0 },
    border: { bottom: { style: BorderStyle.SINGLE, size: 8, color: RED, space: 11 } },
  };
  const signers = block.signers ?? [];
  if (signers.length === 0) return [new Paragraph({ ...common, children: [text(block.text)] })];
  // “签发人：” in 仿宋, the names in 楷体.
  return [
    new Paragraph({
      ...common,
      alignment: AlignmentType.LEFT,
      indent: { left: CHAR, right: CHAR },
      tabStops: [{ type: TabStopType.RIGHT, position: context.width - CHAR }],
      children: [
        text(block.text),
        new TextRun({ children: [new Tab()] }),
        text('签发人：'),
        text(signers.join('　'), { font: runFont(FONT.kaiti) }),
      ],
    }),
  ];
};

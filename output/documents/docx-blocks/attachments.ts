/**
 * 【附件】: 正文下空一行左空二字编排“附件”，多个附件编顺序号，回行与附件名称首字对齐. Each line keeps
 * with the next, the last with the signature when it follows.
 */
import { Paragraph } from 'docx';
import { charWidth } from '../measure.js';
import { CHAR, LINE } from '../official-format.js';
import { STYLE } from '../styles-xml.js';
import { isClosing } from './body-paragraph.js';
import { type BlockBuilder, breakBefore, exact, text } from './context.js';

export const attachments: BlockBuilder<'attachments'> = (block, context) => {
  const numbered = block.items.length > 1;
  return block.items.map((item, index) => {
    const number = numbered ? `${index + 1}.` : '';
    const numberWidth = numbered ? Math.ceil(charWidth(number) * CHAR) + CHAR / 2 : 0;
    const label = index === 0 ? '附件：' : '';
    return new Paragraph({
      style: STYLE.body.id,
      ...breakBefore(context, index === 0),
      indent: { left: 5 * CHAR + numberWidth, hanging: (index === 0 ? 3 * CHAR : 0) + numberWidth },
      keepNext: index < block.items.length - 1 || isClosing(context.next),
      spacing: { ...exact(LINE), before: index === 0 && context.previous !== undefined ? LINE : 0 },
      children: [text(`${label}${number}${numbered ? ' ' : ''}${item.replace(/[。；;，,]$/u, '')}`)],
    });
  });
};

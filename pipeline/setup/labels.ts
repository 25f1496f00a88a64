/**
 * Header and line texts as an office types them, made into the labels campaign.yaml keeps: a
 * line break or a space inside a word removed ("检查计算机数\n量(台)" → "检查计算机数量(台)"),
 * full-width brackets folded ("（万元）" → "(万元)"), a space between two Latin words kept.
 */

export function cleanLabel(text: string): string {
  const folded = text.normalize('NFKC').replace(/[\u00a0\u200b\ufeff]/gu, ' ');
  let out = '';
  const parts = folded.split(/\s+/u).filter((part) => part !== '');
  for (const part of parts) {
    const last = out.at(-1);
    // Only a space between two Latin words or numbers is meant; one beside an ideograph is a slip.
    if (last !== undefined && /[A-Za-z0-9]/u.test(last) && /^[A-Za-z0-9]/u.test(part)) out += ' ';
    out += part;
  }
  return out;
}

/** A text with no ideograph, letter or digit (a lone "—", a blank). */
export function isBlankText(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text);
}

/** 1, 2, 3… or 甲, 乙, 丙… or (1), (2)…: a row of column numbers under a header. */
export function isColumnNumber(text: string): boolean {
  return /^[(（]?\d{1,2}[)）]?$|^[甲乙丙丁戊己庚辛壬癸]$/u.test(text.normalize('NFKC').trim());
}

/** 序号, 编号: the running number of a list's rows, not a value units fill in. */
export function isSerialLabel(label: string): boolean {
  return /^(序号|编号|序|No\.?|NO\.?)$/iu.test(label);
}

/** A line of explanation under or below a table (填报说明, 注：). */
export function isNoteText(text: string): boolean {
  return /^(填报说明|填表说明|说明|注意事项|注|备注)\s*\d?\s*[:：]|^填报说明|^填表说明|^注[:：\d]/u.test(text.normalize('NFKC').trim());
}

/** 附件, 附件2, 附件 2: the label an office puts above a table or on its attachment page. */
export function attachmentLabelOf(text: string): string | null {
  const match = /^附\s*件\s*(\d{1,2})?\s*[:：]?$/u.exec(text.normalize('NFKC').trim());
  if (!match) return null;
  return match[1] ? `附件${match[1]}` : '附件';
}

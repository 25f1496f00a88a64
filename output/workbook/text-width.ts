/**
 * displayWidth (intake/kernel/text/display-width.ts) by character codes instead of a regular
 * expression per character: the row heights of a list of tens of thousands of rows measure
 * every text, and the expression was most of that time. The same ranges, the same result
 * (a test holds the two together); a character outside the Basic Multilingual Plane counts one.
 */
const wide = (code: number): boolean =>
  (code >= 0x1100 && code <= 0x115f) ||
  (code >= 0x2e80 && code <= 0xa4cf) ||
  (code >= 0xac00 && code <= 0xd7a3) ||
  (code >= 0xf900 && code <= 0xfaff) ||
  (code >= 0xfe30 && code <= 0xfe4f) ||
  (code >= 0xff00 && code <= 0xff60) ||
  (code >= 0xffe0 && code <= 0xffe6);

export function textWidth(text: string): number {
  let width = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      // A surrogate pair is one character.
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index++;
      width += 1;
    } else width += wide(code) ? 2 : 1;
  }
  return width;
}

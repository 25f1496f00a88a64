/** Measuring text as the official layout needs it. */

/** Width of text in characters of its own size: Chinese and full-width count 1, the rest ½. */
export function charWidth(text: string): number {
  let width = 0;
  for (const char of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u2014\u2026\u201c\u201d\u2018\u2019]/u.test(
        char,
      )
        ? 1
        : 0.5;
  return width;
}

/**
 * The measures of GB/T 9704-2012 (党政机关公文格式) in the units Word uses: twips (1/20 pt)
 * for lengths, half-points for font sizes. Kept in one place so the builder reads as the
 * standard does.
 */

/** Millimetres → twips, rounded (docx's own helper floors). */
export const mm = (value: number): number => Math.round(value * 56.6929);

/** A4 portrait, in twips. */
export const PAGE = { width: 11906, height: 16838 } as const;

/** 天头 37 mm, 下白边 35 mm, 订口 28 mm, 翻口 26 mm (版心 156 mm × 225 mm). */
export const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } as const;

/** The footer's page number sits 7 mm under the text area (一字线上距版心下边缘 7 mm). */
export const FOOTER_DISTANCE = mm(35 - 7 - 6);
export const HEADER_DISTANCE = mm(15);

/**
 * A landscape (横排) attachment page is the portrait sheet turned a quarter clockwise, the table
 * head at the left edge of the sheet (GB/T 9704: 单页码表头在订口一边，双页码表头在切口一边 — with
 * the same margins on odd and even pages both are the sheet's left edge). So the 版心 stays where
 * it is on the sheet: the 订口 28 mm becomes the top, the 天头 37 mm the right, the 翻口 26 mm the
 * bottom and the 下白边 35 mm the left; 版心 225 mm × 156 mm.
 */
export const LANDSCAPE_MARGIN = { top: MARGIN.left, right: MARGIN.top, bottom: MARGIN.right, left: MARGIN.bottom } as const;

/** 版心 widths in twips: portrait 156 mm; a landscape attachment page 225 mm (the sheet turned). */
export const TEXT_WIDTH = {
  portrait: PAGE.width - MARGIN.left - MARGIN.right,
  landscape: PAGE.height - LANDSCAPE_MARGIN.left - LANDSCAPE_MARGIN.right,
} as const;

/** 页码 one character (4号, 14 pt) in from the 版心's side, in twips. */
export const PAGE_NUMBER_INDENT = 280;

/**
 * 22 lines of 28 characters. The line grid: 225 mm of text height / 22 = 579 twips, with every
 * body line exactly that high. The 28 characters come from the characters themselves: 16 pt
 * type narrowed by ¼ pt (w:spacing -5) advances 15.75 pt, and 28 × 15.75 pt fits the 156 mm
 * (442 pt) line where 29 do not. Word's own character grid (linesAndChars, charSpace -849)
 * gives 28 in Word, but LibreOffice and WPS put each 16 pt character into two 15.8 pt grid cells
 * and print 14 characters a line, so it is not used.
 */
export const GRID = { linePitch: 579 } as const;

/** Character spacing of 3号 text in twentieths of a point (see GRID). */
export const BODY_CHARACTER_SPACING = -5;

/** Exact line height of body text (one grid line). */
export const LINE = GRID.linePitch;

/** Font sizes in half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 小四 12 pt, 五号 10.5 pt. */
export const SIZE = { 初号: 84, 小初: 72, 一号: 52, 二号: 44, 三号: 32, 四号: 28, 小四: 24, 五号: 21 } as const;

/** One character of 3号 text, in twips (for indents written as “空二字”). */
export const CHAR = 320;

/** Red of the letterhead and separator line. */
export const RED = 'FF0000';

export interface OfficialFont {
  /** The font GB/T 9704 names, as installed on office machines. */
  name: string;
  /** What Word uses where that font is missing (w:altName), a font every Chinese Windows has. */
  altName: string;
}

export const FONT = {
  /** 仿宋: body text. */
  fangsong: { name: '仿宋_GB2312', altName: '仿宋' },
  /** 小标宋: titles and the letterhead. */
  xiaobiaosong: { name: '方正小标宋简体', altName: '宋体' },
  /** 黑体: level-1 headings, attachment labels. */
  heiti: { name: '黑体', altName: 'SimHei' },
  /** 楷体: level-2 headings. */
  kaiti: { name: '楷体_GB2312', altName: '楷体' },
  /** 宋体: page numbers. */
  songti: { name: '宋体', altName: 'SimSun' },
} as const satisfies Record<string, OfficialFont>;

/** Latin letters and Arabic numerals. */
export const LATIN_FONT = 'Times New Roman';

/** Run fonts: the official font for Chinese, Times New Roman for Latin text and numbers. */
export function runFont(font: OfficialFont) {
  return { ascii: LATIN_FONT, hAnsi: LATIN_FONT, eastAsia: font.name, cs: font.name, hint: 'eastAsia' } as const;
}

/**
 * word/fontTable.xml declaring each official font as a GB2312 font with its stand-in, so Word
 * shows 仿宋 where 仿宋_GB2312 is not installed instead of an arbitrary default.
 */
export function fontTableXml(): string {
  const entries = Object.values(FONT)
    .map(
      (font) =>
        `<w:font w:name="${font.name}"><w:altName w:val="${font.altName}"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>`,
    )
    .join('');
  const latin = `<w:font w:name="${LATIN_FONT}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${entries}${latin}</w:fonts>`;
}

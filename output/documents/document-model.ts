/**
 * The document as the markup describes it: a list of blocks in reading order, free of any
 * layout detail. The docx builder decides how each kind of block looks (GB/T 9704-2012).
 */

export type Alignment = 'left' | 'center' | 'right';

export interface TableCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
  align?: Alignment;
}

export interface TableModel {
  /** Header rows, repeated on every page the table spans. */
  header: TableCell[][];
  body: TableCell[][];
  /** Relative width of each grid column; the builder scales them to the text width. */
  columnWeights: number[];
  /** Printed under the table as a body paragraph (注：…): what the rows and the 合计 leave unsaid. */
  note?: string;
}

export type HeadingLevel = 1 | 2 | 3 | 4;

export type Block =
  /** 发文机关标志 (red letterhead). */
  | { kind: 'issuer'; text: string }
  /**
   * 发文字号 with the red separator line under it: centred, or — in an upward document (上行文)
   * with 签发人 — one character in from the left, with “签发人：names” one character in from the right.
   */
  | { kind: 'documentNumber'; text: string; signers?: string[] }
  /** 标题: consecutive title lines form one title. */
  | { kind: 'title'; lines: string[] }
  /** 主送机关. */
  | { kind: 'recipient'; text: string }
  /** `withTable`: a table's note (TableModel.note): its lines kept together and with the table above. */
  | { kind: 'paragraph'; text: string; withTable?: boolean }
  /** A heading with its number (一、 （一） 1. （1）) already in front of the text. */
  | { kind: 'heading'; level: HeadingLevel; text: string }
  | { kind: 'table'; table: TableModel }
  /** 附件说明: one or more attachment names. */
  | { kind: 'attachments'; items: string[] }
  /** 发文机关署名 and 成文日期 (either may be missing). */
  | { kind: 'signature'; office: string | null; date: string | null }
  /** 附注, e.g. （此件公开发布）. */
  | { kind: 'note'; text: string }
  | { kind: 'blank' }
  | { kind: 'pageBreak' }
  /** Starts an attachment on a new page: its label (附件 / 附件1), portrait or landscape. */
  | { kind: 'attachmentPage'; label: string; landscape: boolean }
  /** 版记: 抄送 and 印发 lines between separator lines. */
  | { kind: 'colophon'; copyTo: string | null; issuedBy: string | null; issuedOn: string | null };

export interface DocumentModel {
  blocks: Block[];
}

/**
 * 163/126/QQ "超大附件" (cloud attachments): webmail puts a file over its attachment limit on
 * its own server and writes a download block into the body — file name, size, expiry and a link
 * such as mail.163.com/large-attachment-download/…, fs.mail.163.com/fs/service?op=fs_dl_f_a…
 * or wx.mail.qq.com/ftn/… — while the only real attachment is the block's icon
 * (ico-bfile-6.gif). The table is then not in the mail at all: the clerk must hear which file,
 * which link and until when, never "材料不全" without a reason.
 *
 * Pure: body HTML or text in, the files the block announces out.
 */
import { type HtmlNode as Node, parseHtml } from './html-node.js';

export interface LargeAttachment {
  /** File name as the block shows it; null when only a link was found. */
  name: string | null;
  /** Size as written ("35.62M"). */
  size: string | null;
  /** Expiry as written ("2013年9月2日 16:49 到期", "30天后过期"). */
  expires: string | null;
  url: string;
}

/** Links of webmail cloud attachments (163/126/yeah Coremail, QQ and Tencent exmail, Sina, Aliyun). */
const LARGE_LINK =
  /(large-attachment|bigattach|big_attach|\/ftn\/|ftnExs|ftn_handler|fs\/service\?[^ ]*op=fs_dl|\/fs\/download|cloudattach|attach_big|netdisk\/share)/i;
/** The heading webmail writes above the block. */
const HEADING = /超大附件|超大文件|大附件|文件中转站|云附件/;
const FILE_NAME = /[^\s/\\:*?"<>|（）()]+?\.(?:xlsx|xlsm|xls|et|docx|docm|doc|wps|pdf|zip|rar|7z|ofd|txt|csv|png|jpe?g)\b/iu;
const SIZE = /[(（]\s*(\d+(?:\.\d+)?\s*(?:[KMGT]i?B?|字节))\s*[,，)）]/iu;
const EXPIRY =
  /(\d{4}\s*[年/-]\s*\d{1,2}\s*[月/-]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:到期|过期|失效))|((?:有效期至|到期时间[:：]?|过期时间[:：]?)\s*\d{4}\s*[年/-]\s*\d{1,2}\s*[月/-]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2})?)|(\d+\s*天后?(?:过期|到期|失效))|(永久有效|无限期)/u;
const URL_IN_TEXT = /https?:\/\/[^\s"'<>）)]+/gi;

type Token = { kind: 'text'; text: string } | { kind: 'link'; href: string; text: string };

function linkText(node: Node): string {
  if (node.type === 'text') return node.data ?? '';
  return (node.children ?? []).map(linkText).join('');
}

function tokens(node: Node, out: Token[] = []): Token[] {
  if (node.type === 'text') out.push({ kind: 'text', text: node.data ?? '' });
  else if (node.type === 'tag' || node.type === 'root') {
    if (node.name === 'a' && node.attribs?.href) {
      out.push({ kind: 'link', href: node.attribs.href.trim(), text: linkText(node).replace(/\s+/g, ' ').trim() });
      return out;
    }
    if (node.name === 'style' || node.name === 'script' || node.name === 'head') return out;
    for (const child of node.children ?? []) tokens(child, out);
    out.push({ kind: 'text', text: ' ' });
  }
  return out;
}

/** Plain text → the same tokens: URLs become links, the rest text. */
function textTokens(text: string): Token[] {
  const out: Token[] = [];
  let at = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    out.push({ kind: 'text', text: text.slice(at, match.index) }, { kind: 'link', href: match[0], text: '' });
    at = match.index! + match[0].length;
  }
  out.push({ kind: 'text', text: text.slice(at) });
  return out;
}

const expiryIn = (text: string) => EXPIRY.exec(text)?.[0].replace(/\s+/g, ' ').trim() ?? null;

function collect(stream: readonly Token[]): LargeAttachment[] {
  const files: LargeAttachment[] = [];
  let current: LargeAttachment | null = null;
  let textBefore = '';
  for (const token of stream) {
    if (token.kind === 'text') {
      textBefore = (textBefore + token.text).slice(-300);
      if (current) {
        current.size ??= SIZE.exec(token.text)?.[1]?.replace(/\s+/g, '') ?? null;
        current.expires ??= expiryIn(token.text);
      }
      continue;
    }
    if (!LARGE_LINK.test(token.href)) {
      textBefore += ` ${token.text}`;
      continue;
    }
    const named = FILE_NAME.exec(token.text)?.[0] ?? null;
    // A link without a name (the icon, "下载"): the file is the one being described, or the
    // name written just before the link (plain-text mail: "统计表.xlsx (35M) 下载：http…").
    if (named === null && current && (current.url === token.href || !current.url || files.at(-1) === current)) {
      if (current.name !== null || !FILE_NAME.test(textBefore)) {
        textBefore = '';
        continue;
      }
    }
    const before = named ?? [...textBefore.matchAll(new RegExp(FILE_NAME.source, 'giu'))].at(-1)?.[0] ?? null;
    const existing = before ? files.find((file) => file.name === before) : undefined;
    if (existing) {
      current = existing;
    } else {
      current = {
        name: before,
        size: SIZE.exec(textBefore)?.[1]?.replace(/\s+/g, '') ?? null,
        expires: named ? null : expiryIn(textBefore),
        url: token.href,
      };
      files.push(current);
    }
    textBefore = '';
  }
  // An icon link before the named link of the same file leaves a nameless twin: drop it.
  return files.filter(
    (file, index) => file.name !== null || !files.some((other, at) => at !== index && other.name !== null && other.url === file.url),
  );
}

/** The cloud attachments a mail body announces; empty for ordinary mail. */
export function findLargeAttachments(body: { html?: string | null; text?: string | null }): LargeAttachment[] {
  const html = body.html ?? '';
  const text = body.text ?? '';
  if (!LARGE_LINK.test(html) && !LARGE_LINK.test(text) && !HEADING.test(html) && !HEADING.test(text)) return [];
  const found = html !== '' ? collect(tokens(parseHtml(html))) : [];
  return found.length > 0 ? found : collect(textTokens(text));
}

/** True when the body speaks of a cloud attachment (heading), whether or not a link was found. */
export function mentionsLargeAttachment(body: { html?: string | null; text?: string | null }): boolean {
  return HEADING.test(body.html ?? '') || HEADING.test(body.text ?? '');
}

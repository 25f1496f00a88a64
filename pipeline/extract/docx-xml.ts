/**
 * A small element tree for WordprocessingML, built with saxes (a conformant streaming XML
 * parser). document.xml is at most a few megabytes, and the walker needs to look ahead (a
 * cell's properties before its content, a row's before its cells), so a tree is simpler than
 * walking events. Names stay prefixed ("w:tbl"): Word always writes the w: prefix for the main
 * namespace, and so do LibreOffice and WPS.
 */
import type * as Saxes from 'saxes';
import { requirePackage } from '../../intake/kernel/require-package.js';

// Required, not imported: an import of a CommonJS package first scans it for its exports (require-package.ts).
const { SaxesParser } = requirePackage('saxes') as typeof Saxes;

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const root: XmlElement = { name: '#document', attributes: {}, children: [] };
  const stack: XmlElement[] = [root];
  let failure: Error | null = null;
  parser.on('opentag', (tag) => {
    const element: XmlElement = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [] };
    stack.at(-1)!.children.push(element);
    if (!tag.isSelfClosing) stack.push(element);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  parser.on('text', (text) => stack.at(-1)!.children.push(text));
  parser.on('cdata', (text) => stack.at(-1)!.children.push(text));
  parser.on('error', (cause) => {
    failure ??= cause;
  });
  parser.write(xml).close();
  if (failure) throw failure;
  const top = root.children.find((node): node is XmlElement => typeof node !== 'string');
  if (!top) throw new Error('XML 中没有元素');
  return top;
}

export const isElement = (node: XmlNode): node is XmlElement => typeof node !== 'string';

export function childElements(element: XmlElement, name?: string): XmlElement[] {
  return element.children.filter((node): node is XmlElement => isElement(node) && (name === undefined || node.name === name));
}

export function firstChild(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((node): node is XmlElement => isElement(node) && node.name === name);
}

/** The text content of an element (its text nodes, all levels). */
export function textOf(element: XmlElement): string {
  return element.children.map((node) => (typeof node === 'string' ? node : textOf(node))).join('');
}

/**
 * The few DOM shapes the HTML readers use, typed structurally: linkedom's own types need the DOM
 * lib, which the project does not load, so its values are typed through these instead.
 */
import { parseHTML } from 'linkedom';

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  parentNode: DomNode | null;
}

export interface DomElement extends DomNode {
  tagName: string;
  children: ArrayLike<DomElement>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  remove(): void;
}

export interface DomDocument {
  documentElement: DomElement;
  head: DomElement | null;
  body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export const isElement = (n: DomNode): n is DomElement => n.nodeType === ELEMENT_NODE;

/** Parses an HTML page; a fragment (no `<html>` or `<body>`) is wrapped in a document first. */
export function parseDocument(html: string): DomDocument {
  const head = html.slice(0, 4096);
  const page = /<(?:html|body|head)[\s>]/i.test(head) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  return (parseHTML(page) as { document: DomDocument }).document;
}

/** The elements of a selector result, as an array. */
export const all = (list: ArrayLike<DomElement>): DomElement[] => Array.from(list);

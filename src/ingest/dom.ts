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

/**
 * Parses an HTML page; a fragment (no `<html>` or `<body>`) is wrapped in a document first. Elements
 * nested deeper than {@link MAX_DEPTH} are unwrapped first (their text kept): the parser, Readability
 * and the text walk are all superlinear or recursive in depth, and no real page nests that deep.
 */
export function parseDocument(html: string): DomDocument {
  const flat = flattenDeepNesting(html);
  const head = flat.slice(0, 4096);
  const page = /<(?:html|body|head)[\s>]/i.test(head) ? flat : `<!DOCTYPE html><html><head></head><body>${flat}</body></html>`;
  return (parseHTML(page) as { document: DomDocument }).document;
}

/** The deepest element nesting kept (real pages stay under 60). */
export const MAX_DEPTH = 200;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen']);

/**
 * The HTML with the tags of elements nested deeper than `maxDepth` removed (their contents stay, one
 * level up). Linear: one scan over the tags; comments, scripts and styles are skipped whole. A page
 * with fewer than `maxDepth` tags is returned as it is without scanning.
 */
export function flattenDeepNesting(html: string, maxDepth = MAX_DEPTH): string {
  let tags = 0;
  for (let i = html.indexOf('<'); i >= 0 && tags <= maxDepth; i = html.indexOf('<', i + 1)) tags++;
  if (tags <= maxDepth) return html;
  const out: string[] = [];
  const stack: string[] = [];
  const dropped = new Map<string, number>();
  let last = 0;
  const tag = /<!--|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*?(\/?)>/g;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    if (m[0] === '<!--') {
      const end = html.indexOf('-->', m.index + 4);
      tag.lastIndex = end < 0 ? html.length : end + 3;
      continue;
    }
    const name = m[2]!.toLowerCase();
    const closing = m[1] === '/';
    if (!closing && (name === 'script' || name === 'style' || name === 'textarea')) {
      const end = html.toLowerCase().indexOf(`</${name}`, tag.lastIndex);
      tag.lastIndex = end < 0 ? html.length : end;
      continue;
    }
    let drop = false;
    if (!closing) {
      if (VOID.has(name) || m[3] === '/') continue;
      if (stack.length >= maxDepth) {
        dropped.set(name, (dropped.get(name) ?? 0) + 1);
        drop = true;
      } else stack.push(name);
    } else if ((dropped.get(name) ?? 0) > 0) {
      dropped.set(name, dropped.get(name)! - 1);
      drop = true;
    } else {
      const at = stack.lastIndexOf(name);
      if (at >= 0) stack.length = at;
    }
    if (drop) {
      out.push(html.slice(last, m.index));
      last = tag.lastIndex;
    }
  }
  if (last === 0) return html;
  out.push(html.slice(last));
  return out.join('');
}

/** The elements of a selector result, as an array. */
export const all = (list: ArrayLike<DomElement>): DomElement[] => Array.from(list);

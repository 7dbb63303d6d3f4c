/**
 * Position semantics, written down once: offsets are 0-based UTF-16 code-unit indices into the
 * ORIGINAL text, `end` is exclusive, and `text === original.slice(start, end)` always holds.
 * Spans are plain data: they survive `JSON.parse(JSON.stringify(span))`.
 */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/** The span `[start, end)` of `text`. Throws a RangeError when it lies outside `text`. */
export function span(text: string, start: number, end: number): Span {
  if (!(start >= 0 && start <= end && end <= text.length) || !Number.isInteger(start) || !Number.isInteger(end)) {
    throw new RangeError(`ISNAD_SPAN_RANGE: span [${start}, ${end}) is outside the text (length ${text.length})`);
  }
  return { start, end, text: text.slice(start, end) };
}

/** The span with surrounding white space (and invisible marks) removed; `undefined` when nothing is left. */
export function trimSpan(text: string, start: number, end: number): Span | undefined {
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return start < end ? span(text, start, end) : undefined;
}

function isBlank(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x85 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200f) ||
    (c >= 0x2028 && c <= 0x202f) ||
    c === 0x205f ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0x3000 ||
    c === 0xfeff ||
    c === 0x061c
  );
}

/** True when `s` is a well-formed span of `text`. */
export function isSpanOf(text: string, s: Span): boolean {
  return Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= text.length && text.slice(s.start, s.end) === s.text;
}

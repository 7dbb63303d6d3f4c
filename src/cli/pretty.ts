/** A readable, colored terminal view of an analyzed document: blocks, their sentences, attributions. */
import type { Doc } from '../doc/index.js';
import type { BlockType } from '../doc/index.js';

export interface Style {
  color: boolean;
}

const CODES: Record<string, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  gray: [90, 39],
};

export function paint(style: Style, name: keyof typeof CODES, s: string): string {
  if (!style.color) return s;
  const [a, b] = CODES[name]!;
  return `\x1b[${a}m${s}\x1b[${b}m`;
}

const BLOCK_COLORS: Record<BlockType, keyof typeof CODES> = {
  headline: 'bold',
  dateline: 'cyan',
  byline: 'cyan',
  body: 'green',
  subhead: 'blue',
  caption: 'yellow',
  related: 'magenta',
  boilerplate: 'gray',
};

export function renderPretty(doc: Doc, style: Style): string {
  const out: string[] = [];
  const title = doc.meta.title ? ` — ${doc.meta.title}` : '';
  out.push(paint(style, 'bold', `${doc.id}${title}`));
  const counts = new Map<string, number>();
  for (const b of doc.blocks ?? []) counts.set(b.type, (counts.get(b.type) ?? 0) + 1);
  out.push(
    paint(style, 'dim', `${doc.text.length} characters · ${doc.tokens?.length ?? 0} tokens · ${doc.sentences?.length ?? 0} sentences · ` + [...counts].map(([t, n]) => `${n} ${t}`).join(', ')),
  );
  out.push('');
  const sentencesByBlock = new Map<number, number[]>();
  (doc.sentences ?? []).forEach((s, i) => {
    const list = sentencesByBlock.get(s.block) ?? [];
    list.push(i);
    sentencesByBlock.set(s.block, list);
  });
  (doc.blocks ?? []).forEach((b, bi) => {
    const label = paint(style, BLOCK_COLORS[b.type], `[${b.type}]`.padEnd(14));
    const where = paint(style, 'dim', `${b.start}–${b.end}`);
    if (b.type !== 'body') {
      out.push(`${label} ${where}  ${b.text}`);
      return;
    }
    out.push(`${label} ${where}`);
    for (const si of sentencesByBlock.get(bi) ?? []) {
      const s = doc.sentences![si]!;
      out.push(`   ${paint(style, 'dim', String(si + 1).padStart(3) + '.')} ${s.text}`);
    }
  });
  const atts = doc.attributions ?? [];
  if (atts.length > 0) {
    out.push('', paint(style, 'bold', `${atts.length} attributions`));
    for (const a of atts) {
      const who = a.speaker?.text ?? a.source?.text ?? '—';
      const via = a.via.length ? ` ${paint(style, 'dim', 'via')} ${a.via.map((v) => v.text).join(' ← ')}` : '';
      const medium = a.medium ? ` ${paint(style, 'dim', `(${a.medium.text})`)}` : '';
      const hedge = a.hedge ? ` ${paint(style, 'red', `[${a.hedge.text}]`)}` : '';
      out.push(`• ${paint(style, 'cyan', who)} ${paint(style, 'yellow', a.cue.text)}${via}${medium}${hedge} ${paint(style, 'dim', a.type)}`);
      out.push(`    ${a.content.text}`);
    }
  }
  return out.join('\n') + '\n';
}

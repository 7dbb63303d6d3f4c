/**
 * Data check for article structure on real text in ISNAD_DATA (used by the data tests and CI):
 * - the seed article (corpus/seed/aleppo-2016.txt): its paragraphs (lines of 30+ words) must all be
 *   `body`, and at least 32 of its short lines (photo captions) must be `caption`;
 * - the Egyptian same-day articles: every line after the article's last paragraph (links,
 *   "اقرأ أيضًا" lists, copyright) and every short line before its first paragraph must not be
 *   `body`; the paragraphs (lines of 12+ words closed by a full stop) must be `body`.
 * Lines are told apart by length only; no text of the data is written here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../analyze/index.js';
import type { Block } from '../doc/index.js';
import { dataDir, readCorpus } from '../ingest/corpus/index.js';

export interface StructureReport {
  seed: { paragraphs: number; paragraphsBody: number; shortLines: number; captions: number; ok: boolean };
  egyptian: { articles: number; paragraphs: number; paragraphsBody: number; trailing: number; trailingNotBody: number; leading: number; leadingNotBody: number; ok: boolean };
}

const words = (s: string): number => s.trim().split(/\s+/).filter(Boolean).length;

function blockOfLine(blocks: Block[], start: number, end: number): Block[] {
  return blocks.filter((b) => b.start < end && b.end > start);
}

function lines(text: string): Array<{ start: number; end: number; text: string }> {
  const out: Array<{ start: number; end: number; text: string }> = [];
  let i = 0;
  for (const raw of text.split('\n')) {
    const t = raw.trim();
    if (t) {
      const start = i + raw.indexOf(t);
      out.push({ start, end: start + t.length, text: t });
    }
    i += raw.length + 1;
  }
  return out;
}

export async function checkStructure(data: string): Promise<StructureReport> {
  const seedText = readFileSync(join(data, 'corpus/seed/aleppo-2016.txt'), 'utf8');
  const seedDoc = analyze(seedText, { id: 'seed' });
  const seedLines = lines(seedText);
  const paras = seedLines.filter((l) => words(l.text) >= 30);
  const shorts = seedLines.filter((l) => words(l.text) < 25);
  const seed = {
    paragraphs: paras.length,
    paragraphsBody: paras.filter((l) => blockOfLine(seedDoc.blocks!, l.start, l.end).every((b) => b.type === 'body')).length,
    shortLines: shorts.length,
    captions: shorts.filter((l) => blockOfLine(seedDoc.blocks!, l.start, l.end).every((b) => b.type === 'caption')).length,
    ok: false,
  };
  seed.ok = seed.paragraphs === 5 && seed.paragraphsBody === 5 && seed.captions >= 32;

  const eg = { articles: 0, paragraphs: 0, paragraphsBody: 0, trailing: 0, trailingNotBody: 0, leading: 0, leadingNotBody: 0, ok: false };
  for await (const r of readCorpus('egyptian')) {
    eg.articles++;
    const doc = analyze(r.text, { id: r.id, meta: { title: r.meta.title } });
    const ls = lines(r.text);
    // a paragraph: a sentence-long line closed by a full stop
    const isPara = (l: { text: string }): boolean => words(l.text) >= 12 && /[.]$/.test(l.text);
    const first = ls.findIndex(isPara);
    let last = -1;
    ls.forEach((l, i) => (isPara(l) ? (last = i) : undefined));
    ls.forEach((l, i) => {
      const types = blockOfLine(doc.blocks!, l.start, l.end).map((b) => b.type);
      if (isPara(l)) {
        eg.paragraphs++;
        if (types.includes('body')) eg.paragraphsBody++;
      } else if (i > last) {
        eg.trailing++;
        if (!types.includes('body')) eg.trailingNotBody++;
      } else if (i < first) {
        eg.leading++;
        if (!types.includes('body')) eg.leadingNotBody++;
      }
    });
  }
  eg.ok = eg.articles === 6 && eg.paragraphs === eg.paragraphsBody && eg.trailing === eg.trailingNotBody && eg.leading === eg.leadingNotBody && eg.trailing > 0;
  return { seed, egyptian: eg };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const data = dataDir();
  if (!data) {
    console.log('check-structure: no shared data (ISNAD_DATA or ../shared): skipped');
  } else {
    const r = await checkStructure(data);
    console.log(`seed: ${r.seed.paragraphsBody}/${r.seed.paragraphs} paragraphs are body; ${r.seed.captions}/${r.seed.shortLines} short lines are captions (need ≥ 32) → ${r.seed.ok ? 'ok' : 'FAIL'}`);
    console.log(
      `egyptian (${r.egyptian.articles} articles): ${r.egyptian.paragraphsBody}/${r.egyptian.paragraphs} paragraphs body; ` +
        `${r.egyptian.trailingNotBody}/${r.egyptian.trailing} trailing lines (links, اقرأ أيضًا, copyright) not body; ` +
        `${r.egyptian.leadingNotBody}/${r.egyptian.leading} leading lines not body → ${r.egyptian.ok ? 'ok' : 'FAIL'}`,
    );
    process.exitCode = r.seed.ok && r.egyptian.ok ? 0 : 1;
  }
}

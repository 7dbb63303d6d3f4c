/**
 * Varied search queries drawn from a collection itself (seeded): what bench:search times and
 * bench:api loads the server with. Single words drawn from a random article's distinct words minus
 * the collection's 150 most frequent keys (function words, a class of their own: 'common word'),
 * two words, phrases of 2–3 consecutive words of running text, a word with an exclusion, words
 * with outlet:/date: filters, entity:, speaker:, and filter-only queries, in the shares of MIX.
 */
import type Database from 'better-sqlite3';
import { rng } from '../ner/hash.js';
import { compileQuery } from '../search/query.js';
import { tokenize } from '../text/index.js';

export type Kind = 'word' | 'common word' | 'two words' | 'phrase' | 'exclusion' | 'word + filter' | 'entity:' | 'speaker:' | 'filters only';
export const MIX: Array<[Kind, number]> = [
  ['word', 0.27],
  ['common word', 0.03],
  ['two words', 0.2],
  ['phrase', 0.15],
  ['exclusion', 0.08],
  ['word + filter', 0.1],
  ['entity:', 0.07],
  ['speaker:', 0.05],
  ['filters only', 0.05],
];


/** A generator of queries over the SQLite collection open in `raw` (read-only is enough). */
export function queryGenerator(raw: Database.Database, seed: number): { makeQueries: (n: number) => Array<{ kind: Kind; q: string }>; randomText: () => string } {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const maxId = raw.prepare('SELECT max(id) FROM articles').pluck().get() as number;
  const textOf = raw.prepare('SELECT text FROM article_texts WHERE id = ?').pluck();
  const randomText = (): string => {
    for (;;) {
      const t = textOf.get(1 + Math.floor(rand() * maxId)) as string | undefined;
      if (t) return t;
    }
  };
  const words = (text: string): string[] => tokenize(text).filter((t) => t.kind === 'word').map((t) => text.slice(t.start, t.end));
  const outlets = raw.prepare('SELECT outlet FROM articles WHERE outlet IS NOT NULL GROUP BY outlet').pluck().all() as string[];
  const months = raw.prepare('SELECT month FROM articles WHERE month IS NOT NULL GROUP BY month').pluck().all() as string[];
  const entityIds = raw.prepare('SELECT max(id) FROM entities').pluck().get() as number;
  const speakerIds = raw.prepare('SELECT max(id) FROM speakers').pluck().get() as number;
  const entityKey = raw.prepare('SELECT key FROM entities WHERE id >= ? ORDER BY id LIMIT 1').pluck();
  const speakerKey = raw.prepare('SELECT key FROM speakers WHERE id >= ? ORDER BY id LIMIT 1').pluck();
  const quoted = (s: string): string => `"${s.replace(/"/g, '')}"`;

  // The collection's most frequent search keys (function words: في، من، على، أن، قال …). Users search
  // content words; drawing words by their share of running text would make ~40% of queries function
  // words. So words are drawn from a random article's distinct words minus these, and the most
  // frequent ones make a class of their own ('common word'), reported apart: the worst case.
  raw.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.keys_vocab USING fts5vocab(main, article_fts, 'row')");
  const commonSet = new Set(raw.prepare('SELECT term FROM temp.keys_vocab ORDER BY doc DESC LIMIT 150').pluck().all() as string[]);
  const isCommon = (w: string): boolean => {
    try {
      const p = compileQuery(w).phrases;
      return p.length === 1 && p[0]!.length === 1 && commonSet.has(p[0]![0]!);
    } catch {
      return true;
    }
  };
  const commonForms: string[] = [];

  function makeQuery(kind: Kind): string {
    const ws = (): string[] => {
      for (;;) {
        const all = [...new Set(words(randomText()))];
        for (const w of all) if (commonForms.length < 2000 && isCommon(w)) commonForms.push(w);
        const w = all.filter((x) => !isCommon(x));
        if (w.length >= 4) return w;
      }
    };
    switch (kind) {
      case 'word':
        return pick(ws());
      case 'common word':
        while (commonForms.length < 20) ws();
        return pick(commonForms);
      case 'two words': {
        const w = ws();
        return `${pick(w)} ${pick(w)}`;
      }
      case 'phrase': {
        const w = words(randomText()); // running text: phrases keep their function words
        const n = 2 + Math.floor(rand() * 2);
        if (w.length < n + 1) return quoted(pick(ws()));
        const i = Math.floor(rand() * (w.length - n));
        return quoted(w.slice(i, i + n).join(' '));
      }
      case 'exclusion': {
        const w = ws();
        return `${pick(w)} -${pick(words(randomText()).concat(['روسيا']))}`;
      }
      case 'word + filter': {
        const w = pick(ws());
        return rand() < 0.5 ? `${w} outlet:${quoted(pick(outlets))}` : `${w} date:${pick(months)}`;
      }
      case 'entity:': {
        const k = entityKey.get(1 + Math.floor(rand() * entityIds)) as string;
        return rand() < 0.5 ? `entity:${quoted(k)}` : `entity:${quoted(k)} ${pick(ws())}`;
      }
      case 'speaker:': {
        const k = (speakerKey.get(1 + Math.floor(rand() * speakerIds)) as string).split(' ');
        return `speaker:${quoted(k.slice(-2).join(' '))}${rand() < 0.5 ? ' type:direct' : ''}`;
      }
      case 'filters only': {
        const m = pick(months);
        return rand() < 0.5 ? `outlet:${quoted(pick(outlets))} date:${m}` : `type:direct date:${m}..${pick(months)}`;
      }
    }
  }

  function makeQueries(n: number): Array<{ kind: Kind; q: string }> {
    const out: Array<{ kind: Kind; q: string }> = [];
    while (out.length < n) {
      let r = rand();
      let kind: Kind = 'word';
      for (const [k, w] of MIX) {
        if (r < w) {
          kind = k;
          break;
        }
        r -= w;
      }
      const q = makeQuery(kind);
      try {
        compileQuery(q);
        out.push({ kind, q });
      } catch {
        // a drawn word that is only punctuation, a reversed date range: draw again
      }
    }
    return out;
  }

  return { makeQueries, randomText };
}

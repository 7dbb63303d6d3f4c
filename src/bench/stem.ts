/**
 * bench:stem — our light stemmer against Snowball Arabic (@orama/stemmers) after our `match`
 * normalization: agreement on hand-written variant groups (data/bench/stem-groups.txt), how much
 * each conflates a real news vocabulary, and speed.
 *
 * Usage: npm run bench:stem [-- --limit 10000]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { stemmer as snowball } from '@orama/stemmers/arabic';
import { lightStem, normalize, parseLexicon, tokenize } from '../text/index.js';
import { fmt, loadArticles, table } from './util.js';

const { values } = parseArgs({ options: { limit: { type: 'string' } } });
const limit = Number(values.limit ?? 10_000);

type Stemmer = (w: string) => string;
const stemmers: Array<[string, Stemmer]> = [
  ['isnad light stem', (w) => lightStem(w)],
  ['isnad light stem, no vocabulary', (w) => lightStem(w, null)],
  ['Snowball Arabic (after match normalization)', (w) => snowball(normalize(w, 'match'))],
  ['match normalization only', (w) => normalize(w, 'match')],
];

const groups = parseLexicon(readFileSync(new URL('../../data/bench/stem-groups.txt', import.meta.url), 'utf8')).map((l) => l.split(/\s+/));

function quality(stem: Stemmer): { within: number; apart: number } {
  let pairs = 0;
  let same = 0;
  const keys: string[] = [];
  for (const g of groups) {
    const ks = g.map(stem);
    for (let i = 0; i < ks.length; i++) for (let j = i + 1; j < ks.length; j++) {
      pairs++;
      if (ks[i] === ks[j]) same++;
    }
    // the group's most common key stands for it
    const counts = new Map<string, number>();
    for (const k of ks) counts.set(k, (counts.get(k) ?? 0) + 1);
    keys.push([...counts].sort((a, b) => b[1] - a[1])[0]![0]);
  }
  let groupPairs = 0;
  let apart = 0;
  for (let i = 0; i < keys.length; i++) for (let j = i + 1; j < keys.length; j++) {
    groupPairs++;
    if (keys[i] !== keys[j]) apart++;
  }
  return { within: pairs ? same / pairs : 1, apart: apart / groupPairs };
}

const articles = await loadArticles('saudinewsnet', limit);
const words: string[] = [];
for (const a of articles) for (const t of tokenize(a.text)) if (t.kind === 'word') words.push(a.text.slice(t.start, t.end));
const forms = [...new Set(words.map((w) => normalize(w, 'match')))];
console.log(`bench:stem — ${groups.length} variant groups; ${fmt(words.length)} word tokens, ${fmt(forms.length)} distinct match forms from ${fmt(articles.length)} SaudiNewsNet articles`);

const rows = stemmers.map(([name, stem]) => {
  const q = quality(stem);
  // speed over the distinct forms (no cache effects between stemmers: each sees every form once)
  const t0 = performance.now();
  const keys = new Set<string>();
  for (const f of forms) keys.add(stem(f));
  const s = (performance.now() - t0) / 1000;
  return {
    stemmer: name,
    'variants agree': fmt(q.within * 100, 1) + '%',
    'groups apart': fmt(q.apart * 100, 1) + '%',
    'distinct keys': keys.size,
    'keys/forms': fmt(keys.size / forms.length, 3),
    'words/s': Math.round(forms.length / s),
  };
});
console.log(table(rows));

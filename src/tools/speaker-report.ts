/**
 * Reads a SQLite collection as a user would: its most frequent speakers, and the writer's notes
 * that were taken for attributions. A check that the figures mean something: if "إلى" is the top
 * speaker, they do not.
 *
 *   node dist/tools/speaker-report.js --db isnad.db [--top 30]
 *
 * Each of the top speakers is flagged when it is a function word or pronoun, an anaphor that was
 * never resolved (المصدر نفسه), opens with a preposition, is a reporting word alone (قائلا) or is cut
 * inside a quotation (مراسل "الجوهرة). A writer's note is a record whose cue
 * is a note's own verb (يذكر، يشار) or stands right after "الجدير بالذكر / تجدر الإشارة".
 */
import Database from 'better-sqlite3';
import { parseArgs } from 'node:util';
import { isAnaphoric } from '../analyze/attribution/invariants.js';
import { attributionLexicons, isTrigger } from '../analyze/attribution/lexicon.js';
import { isFunctionWord, normalize } from '../text/index.js';

const NOTE_BEFORE = /(?:^|[\s.،])[وف]?(?:يذكر|يشار|الجدير\s+بالذكر|تجدر\s+الاشارة|جدير\s+بالذكر|يجدر\s+الذكر)\s*(?:الي\s*)?$/;
const NOTE_CUE = /^[وف]?(?:يذكر|يشار|يجدر)/;

function main(): void {
  const { values } = parseArgs({ options: { db: { type: 'string' }, top: { type: 'string' } } });
  if (!values.db) {
    console.error('usage: node dist/tools/speaker-report.js --db FILE.db [--top 30]');
    process.exit(2);
  }
  const top = Number(values.top ?? 30);
  const db = new Database(values.db, { readonly: true });
  const rows = db
    .prepare('SELECT s.text AS text, count(*) AS n, count(DISTINCT a.article) AS articles FROM attributions a JOIN speakers s ON s.id = a.speaker GROUP BY s.id ORDER BY n DESC LIMIT ?')
    .all(top) as Array<{ text: string; n: number; articles: number }>;
  const total = db.prepare('SELECT count(*) AS n, sum(speaker IS NULL) AS none FROM attributions').get() as { n: number; none: number };
  const arts = db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number };
  console.log(`${arts.n} articles, ${total.n} attributions (${total.none} without a speaker)\n`);
  console.log('| # | speaker | records | articles | flag |');
  console.log('|---|---|---|---|---|');
  let flagged = 0;
  rows.forEach((r, i) => {
    const words = normalize(r.text, 'match').replace(/["«»“”]/g, '').trim().split(/\s+/);
    const quotes = (r.text.match(/["«»“”]/g) ?? []).length;
    const flag = words.every((w) => isFunctionWord(w))
      ? 'function word'
      : isAnaphoric(r.text)
        ? 'unresolved anaphor'
        : isFunctionWord(words[0]!)
          ? 'opens with a function word'
          : words.length === 1 && isTrigger(attributionLexicons(), words[0]!.replace(/^[وف]/, ''))
            ? 'a reporting word'
            : quotes % 2 === 1
              ? 'cut inside a quotation'
              : '';
    if (flag) flagged++;
    console.log(`| ${i + 1} | ${r.text} | ${r.n} | ${r.articles} | ${flag} |`);
  });
  // writer's notes: the text before each record's cue, in its sentence
  const recs = db.prepare('SELECT a.cue_start AS cs, a.cue_end AS ce, t.text AS text FROM attributions a JOIN article_texts t ON t.id = a.article').iterate() as Iterable<{ cs: number; ce: number; text: string }>;
  let notes = 0;
  for (const r of recs) {
    const cue = normalize(r.text.slice(r.cs, r.ce), 'match');
    const before = normalize(r.text.slice(Math.max(0, r.cs - 40), r.cs), 'match');
    if (NOTE_CUE.test(cue) || NOTE_BEFORE.test(before)) notes++;
  }
  console.log(`\n${flagged} of the top ${rows.length} speakers flagged; ${notes} writer's notes attributed`);
}

main();

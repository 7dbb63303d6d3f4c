/**
 * Tools for annotating attribution gold by ../shared/gold/ATTRIBUTION.md, without putting article
 * text in the repository.
 *
 *   node dist/tools/annotate.js sample --out DIR [--seed N] [--snn 4] [--ant 9] [--jaw 20]
 *       draws articles from SaudiNewsNet (per outlet), ANT multi-source (per outlet) and Jawhara FM
 *       that are not in the shared gold, writes DIR/<n>.txt (the text as the corpus reader gives it)
 *       and DIR/manifest.tsv (n, corpus key, outlet, length). DIR must be outside the repository.
 *   node dist/tools/annotate.js text KEY
 *       prints one article (KEY = corpus:id).
 *   node dist/tools/annotate.js check FILE.json… [--write OUT.jsonl] [--annotator NAME]
 *       resolves an annotation written with quoted snippets (format below) into offsets, prints
 *       every problem, and with --write stores offsets + corpus key + SHA-1 of the text (no text).
 *
 * Snippet format (a JSON array, one object per article):
 *   [{"key": "ant-multisource:AL-economy-12-20180301",
 *     "attributions": [{"cue": "قال", "at": "وقال وزير الخارجية", "source": "وزير الخارجية",
 *        "speaker": "وزير الخارجية الأمريكي مايك بومبيو", "content": "…", "type": "indirect",
 *        "medium": null, "via": [], "hedge": null}]}]
 * Every value is copied exactly from the text. `at` is a longer snippet, found once in the text,
 * that contains the cue: needed only when the cue's words occur more than once. The content,
 * source, medium, via and hedge are found nearest the cue (or inside `content_at`, `source_at`,
 * `medium_at`, `hedge_at` when given); the speaker at its first occurrence in the text unless
 * `speaker_at` (a snippet found once, containing it) says where.
 */
import { mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readCorpus, type CorpusName } from '../ingest/corpus/index.js';
import { corpusTexts, parseStored, sha1, storedGoldFiles, storeRecord, type StoredDoc } from '../eval/gold-store.js';
import type { AttributionRecord, GoldSpan } from '../eval/attribution-score.js';
import { hashString } from '../dedup/hash.js';

interface SnippetRecord {
  cue: string;
  at?: string | null;
  source?: string | null;
  speaker?: string | null;
  speaker_at?: string | null;
  content: string;
  type: 'direct' | 'indirect' | 'mixed';
  medium?: string | null;
  via?: string[] | null;
  hedge?: string | null;
}

interface SnippetDoc {
  key: string;
  attributions: SnippetRecord[];
}

/** All occurrences of a snippet in a text, whitespace runs matching any whitespace run. */
export function occurrences(text: string, snippet: string): GoldSpan[] {
  const s = snippet.trim();
  if (!s) return [];
  const out: GoldSpan[] = [];
  let i = text.indexOf(s);
  while (i >= 0) {
    out.push({ start: i, end: i + s.length, text: s });
    i = text.indexOf(s, i + 1);
  }
  if (out.length) return out;
  const re = new RegExp(s.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'g');
  for (const m of text.matchAll(re)) out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  return out;
}

const distance = (a: GoldSpan, b: GoldSpan): number => (a.end <= b.start ? b.start - a.end : b.end <= a.start ? a.start - b.end : 0);

/** Resolves one article's snippet records to spans; problems are returned, not thrown. */
export function resolveDoc(text: string, doc: SnippetDoc): { records: AttributionRecord[]; problems: string[] } {
  const problems: string[] = [];
  const records: AttributionRecord[] = [];
  doc.attributions.forEach((r, k) => {
    const where = `${doc.key} #${k + 1} [${r.cue}]`;
    const bad = (m: string): void => void problems.push(`${where}: ${m}`);
    if (typeof r.cue !== 'string' || typeof r.content !== 'string') return bad('cue and content are required strings');
    if (!['direct', 'indirect', 'mixed'].includes(r.type)) return bad(`type "${String(r.type)}" is not direct, indirect or mixed`);
    let cue: GoldSpan | undefined;
    if (r.at) {
      const at = occurrences(text, r.at);
      if (at.length !== 1) return bad(`"at" snippet found ${at.length} times (must be once): «${r.at}»`);
      const inside = occurrences(text.slice(at[0]!.start, at[0]!.end), r.cue);
      if (!inside.length) return bad(`cue not inside its "at" snippet`);
      cue = { start: at[0]!.start + inside[0]!.start, end: at[0]!.start + inside[0]!.end, text: inside[0]!.text };
    } else {
      const all = occurrences(text, r.cue);
      if (all.length === 0) return bad('cue not found in the text');
      if (all.length > 1) return bad(`cue found ${all.length} times: add "at", a longer snippet found once that contains it`);
      cue = all[0]!;
    }
    const near = (name: string, s: string | null | undefined): GoldSpan | null | undefined => {
      if (s == null || s === '') return null;
      const atSnippet = (r as unknown as Record<string, unknown>)[`${name}_at`];
      if (typeof atSnippet === 'string' && atSnippet) {
        const at = occurrences(text, atSnippet);
        const inside = at.length === 1 ? occurrences(text.slice(at[0]!.start, at[0]!.end), s) : [];
        if (at.length !== 1 || !inside.length) {
          bad(`"${name}_at" must be found once and contain the ${name}`);
          return undefined;
        }
        return { start: at[0]!.start + inside[0]!.start, end: at[0]!.start + inside[0]!.end, text: inside[0]!.text };
      }
      const all = occurrences(text, s);
      if (!all.length) {
        bad(`${name} not found in the text: «${s.slice(0, 80)}»`);
        return undefined;
      }
      return all.reduce((best, o) => (distance(o, cue) < distance(best, cue) ? o : best));
    };
    const content = near('content', r.content);
    const source = near('source', r.source);
    const medium = near('medium', r.medium);
    const hedge = near('hedge', r.hedge);
    const via = (r.via ?? []).map((v) => near('via', v));
    let speaker: GoldSpan | null | undefined = null;
    if (r.speaker) {
      if (r.speaker_at) {
        const at = occurrences(text, r.speaker_at);
        const inside = at.length === 1 ? occurrences(text.slice(at[0]!.start, at[0]!.end), r.speaker) : [];
        if (at.length !== 1 || !inside.length) bad(`"speaker_at" must be found once and contain the speaker`);
        else speaker = { start: at[0]!.start + inside[0]!.start, end: at[0]!.start + inside[0]!.end, text: inside[0]!.text };
      } else {
        const all = occurrences(text, r.speaker);
        if (!all.length) bad(`speaker not found in the text: «${r.speaker.slice(0, 80)}»`);
        else speaker = all[0]!;
      }
    }
    if (!content || source === undefined || medium === undefined || hedge === undefined || speaker === undefined || via.some((v) => !v)) return;
    for (const [name, s] of [['cue', cue], ['content', content], ['source', source], ['speaker', speaker], ['medium', medium], ['hedge', hedge]] as const) {
      if (s && /^\s|\s$/.test(s.text)) bad(`${name} has leading or trailing spaces`);
    }
    const quoted = /["«»“”]/.test(content.text);
    if (r.type === 'indirect' && quoted) problems.push(`${where}: warning: content has quotation marks but type is indirect (mixed?)`);
    records.push({ cue, source, speaker, content, type: r.type, medium, via: via as GoldSpan[], hedge });
  });
  return { records, problems };
}

const CUEISH = /(?:^|[\s،.«"(])(?:و|ف)?(?:قال|قالت|أكد|أكدت|أعلن|أعلنت|أوضح|أوضحت|أشار|أشارت|ذكر|ذكرت|صرح|كشف|أضاف|أضافت|بحسب|حسب|وفق|يقول|تقول|مؤكدا|مشيرا)/;

async function sample(out: string, seed: number, perSnn: number, perAnt: number, jaw: number): Promise<void> {
  if (resolve(out).startsWith(resolve('.'))) throw new Error('--out must be outside the repository: article text never goes into it');
  const dataGold = ['attribution-dev.jsonl', 'attribution-dev2.jsonl'].flatMap((f) => {
    try {
      return readFileSync(resolve(process.env.ISNAD_DATA || '../shared', 'gold', f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; url?: string; text: string });
    } catch {
      return [];
    }
  });
  const goldUrls = new Set(dataGold.map((g) => g.url).filter(Boolean));
  const goldIds = new Set(dataGold.map((g) => g.id.replace(/^JAW-/, '')));
  const goldHeads = new Set(dataGold.map((g) => g.text.slice(0, 120)));
  // articles annotated here already
  for (const f of storedGoldFiles()) for (const d of parseStored(f)) goldIds.add(d.id);
  const picks: Array<{ key: string; outlet: string; text: string }> = [];
  const plan: Array<[CorpusName, number]> = [['saudinewsnet', perSnn], ['ant-multisource', perAnt], ['ant-jawharafm', jaw]];
  for (const [corpus, per] of plan) {
    const byOutlet = new Map<string, Array<{ h: number; key: string; text: string }>>();
    for await (const r of readCorpus(corpus)) {
      const n = r.text.length;
      if (n < 600 || n > 3500 || !CUEISH.test(r.text)) continue;
      if (goldIds.has(r.id) || (r.meta.url && goldUrls.has(r.meta.url)) || goldHeads.has(r.text.slice(0, 120))) continue;
      const outlet = r.meta.outlet ?? '';
      if (corpus === 'saudinewsnet' && ['arreyadi', 'arriyadiyah'].includes(outlet)) continue;
      let l = byOutlet.get(outlet);
      if (!l) byOutlet.set(outlet, (l = []));
      l.push({ h: hashString(`${seed}:${corpus}:${r.id}`), key: `${corpus}:${r.id}`, text: r.text });
    }
    for (const [outlet, l] of [...byOutlet].sort()) {
      l.sort((a, b) => a.h - b.h);
      const seen = new Set<string>();
      let k = 0;
      for (const x of l) {
        if (k >= per) break;
        const head = x.text.slice(0, 200);
        if (seen.has(head)) continue; // syndicated copies: one of each
        seen.add(head);
        picks.push({ key: x.key, outlet, text: x.text });
        k++;
      }
    }
  }
  mkdirSync(out, { recursive: true });
  const lines = ['n\tkey\toutlet\tchars'];
  picks.forEach((p, i) => {
    writeFileSync(`${out}/${i + 1}.txt`, p.text);
    lines.push(`${i + 1}\t${p.key}\t${p.outlet}\t${p.text.length}`);
  });
  writeFileSync(`${out}/manifest.tsv`, lines.join('\n') + '\n');
  console.log(`wrote ${picks.length} articles to ${out}`);
}

async function check(files: string[], write: string | undefined, annotator: string): Promise<number> {
  const docs = files.flatMap((file) => JSON.parse(readFileSync(file, 'utf8')) as SnippetDoc[]);
  const texts = await corpusTexts(docs.map((d) => {
    const i = d.key.indexOf(':');
    return { corpus: d.key.slice(0, i) as CorpusName, id: d.key.slice(i + 1) };
  }));
  let errors = 0;
  let n = 0;
  const stored: StoredDoc[] = [];
  for (const d of docs) {
    const t = texts.get(d.key);
    if (!t) {
      console.log(`${d.key}: no such article`);
      errors++;
      continue;
    }
    const { records, problems } = resolveDoc(t.text, d);
    for (const p of problems) console.log(p);
    errors += problems.filter((p) => !p.includes(': warning:')).length;
    n += records.length;
    const i = d.key.indexOf(':');
    stored.push({ corpus: d.key.slice(0, i) as CorpusName, id: d.key.slice(i + 1), sha1: sha1(t.text), annotator, outlet: t.outlet, attributions: records.map(storeRecord) });
  }
  console.log(`${docs.length} articles, ${n} records resolved, ${errors} errors`);
  if (write && errors === 0) {
    appendFileSync(write, stored.map((s) => JSON.stringify(s)).join('\n') + '\n');
    console.log(`stored in ${write}`);
  } else if (write) console.log('nothing stored: fix the errors first');
  return errors;
}

async function main(): Promise<void> {
  const [cmd, ...rest] = process.argv.slice(2);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { out: { type: 'string' }, seed: { type: 'string' }, snn: { type: 'string' }, ant: { type: 'string' }, jaw: { type: 'string' }, write: { type: 'string' }, annotator: { type: 'string' } },
  });
  if (cmd === 'sample') {
    if (!values.out) throw new Error('sample needs --out DIR');
    await sample(values.out, Number(values.seed ?? 1), Number(values.snn ?? 4), Number(values.ant ?? 9), Number(values.jaw ?? 20));
  } else if (cmd === 'text') {
    const key = positionals[0] ?? '';
    const i = key.indexOf(':');
    const t = await corpusTexts([{ corpus: key.slice(0, i) as CorpusName, id: key.slice(i + 1) }]);
    const v = t.get(key);
    if (!v) throw new Error(`no article ${key}`);
    console.log(v.text);
  } else if (cmd === 'check') {
    const errors = await check(positionals, values.write, values.annotator ?? 'unknown');
    process.exitCode = errors ? 1 : 0;
  } else {
    console.log('usage: node dist/tools/annotate.js sample --out DIR | text KEY | check FILE.json [--write OUT.jsonl --annotator NAME]');
    process.exitCode = cmd ? 2 : 0;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

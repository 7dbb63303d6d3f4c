/** `isnad analyze`: one article (file or stdin) or a JSON-lines collection. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { analyze } from '../analyze/index.js';
import type { Doc, Meta } from '../doc/index.js';
import { CliError } from './errors.js';
import { DEFAULT_MAX_BYTES, decode, readBytes, requireArabic } from './input.js';
import { renderPretty } from './pretty.js';

export interface AnalyzeCliOptions {
  format: 'json' | 'pretty' | 'compact';
  jsonl: boolean;
  id?: string;
  title?: string;
  encoding?: string;
  maxBytes: number;
  force: boolean;
  layers?: string[];
  color: boolean;
}

const LAYERS = ['blocks', 'sentences', 'tokens', 'entities', 'attributions'];

export function parseLayers(value: string | undefined): string[] | undefined {
  if (!value) return undefined;
  const layers = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = layers.filter((l) => !LAYERS.includes(l));
  if (bad.length) throw new CliError('ISNAD_USAGE', `unknown layer ${bad.join(', ')} in --layers; choose from ${LAYERS.join(', ')}`);
  return layers;
}

function toJSON(doc: Doc, layers: string[] | undefined): Record<string, unknown> {
  const json = doc.toJSON() as Record<string, unknown>;
  if (layers) for (const l of LAYERS) if (!layers.includes(l)) delete json[l];
  return json;
}

export async function analyzeCommand(input: string, o: AnalyzeCliOptions, write: (s: string) => void, warn: (s: string) => void): Promise<number> {
  if (o.jsonl) return analyzeJsonl(input, o, write, warn);
  const name = input === '-' ? 'standard input' : `"${input}"`;
  const text = decode(await readBytes(input, o.maxBytes), name, o.encoding);
  if (!o.force) requireArabic(text, name);
  const id = o.id ?? (input === '-' ? 'stdin' : input.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, ''));
  const meta: Meta = o.title ? { title: o.title } : {};
  const doc = analyze(text, { id, meta });
  if (o.format === 'pretty') write(renderPretty(doc, { color: o.color }));
  else write(JSON.stringify(toJSON(doc, o.layers), null, o.format === 'compact' ? undefined : 2) + '\n');
  return 0;
}

/** Reads JSON lines with at least `id` and `text`; other string fields go to `meta`. One output line per input line. */
async function analyzeJsonl(input: string, o: AnalyzeCliOptions, write: (s: string) => void, warn: (s: string) => void): Promise<number> {
  const stream = input === '-' ? process.stdin : createReadStream(input);
  const opened = new Promise<void>((resolve, reject) => {
    if (input === '-') resolve();
    else {
      stream.once('open', () => resolve());
      stream.once('error', (e: NodeJS.ErrnoException) =>
        reject(new CliError('ISNAD_INPUT_NOT_FOUND', e.code === 'ENOENT' ? `cannot read "${input}": no such file` : `cannot read "${input}": ${e.message}`)),
      );
    }
  });
  await opened;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let n = 0;
  let ok = 0;
  let failed = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    try {
      if (line.length > o.maxBytes) throw new Error(`line is longer than --max-bytes (${o.maxBytes})`);
      let rec: unknown;
      try {
        rec = JSON.parse(line);
      } catch {
        throw new Error('not valid JSON');
      }
      if (!rec || typeof rec !== 'object' || Array.isArray(rec)) throw new Error('not a JSON object');
      const r = rec as Record<string, unknown>;
      if (typeof r.text !== 'string' || r.text.trim() === '') throw new Error('no "text" string');
      const id = typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : `line-${n}`;
      const meta: Meta = typeof r.meta === 'object' && r.meta !== null ? { ...(r.meta as Meta) } : {};
      for (const [k, v] of Object.entries(r)) {
        if (k !== 'id' && k !== 'text' && k !== 'meta' && k !== 'attributions' && k !== 'entities' && (typeof v === 'string' || typeof v === 'number')) meta[k] = v;
      }
      const doc = analyze(r.text, { id, meta });
      write(JSON.stringify(toJSON(doc, o.layers)) + '\n');
      ok++;
    } catch (e) {
      failed++;
      warn(`isnad: line ${n}: skipped: ${(e as Error).message}`);
    }
  }
  warn(`isnad: analyzed ${ok} document${ok === 1 ? '' : 's'}${failed ? `, skipped ${failed}` : ''}`);
  return failed > 0 ? 1 : 0;
}

export { DEFAULT_MAX_BYTES };

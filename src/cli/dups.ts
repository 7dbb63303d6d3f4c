/** `isnad dups`: the collection's near-duplicate groups, largest first, with their outlets. */
import type { DupGroup, DupMember } from '../store/store.js';
import { CliError } from './errors.js';
import { DB_HELP, Output, asCliError, choiceOption, clip, intOption, openForReading, parseCommand, type CommandIo } from './collection.js';
import { formatCount } from './progress.js';

export const DUPS_HELP = `Usage: isnad dups [options]

Lists the collection's near-duplicate groups, largest first: copies of one text
(trimmed, edited, filed again, or republished by other outlets), grouped as the
articles were ingested. For each group: how many articles, the original (its
earliest copy, by date), the outlets that carried it in the order they first
ran it, and how many copies came from another outlet (cross-outlet: republished)
or from an outlet that already had one (within-outlet: filed again or rewritten).

Options:
${DB_HELP}
  --format table|jsonl  a table (default) or one JSON object per group
  --min-size N          only groups of at least N articles (default 2)
  --limit N             at most N groups (default 20 for the table, all for jsonl)
  --offset N            skip the first N groups
  --members             list every copy under its group (table; jsonl always has them)
  -h, --help            show this help

JSON lines give each group as {id (the original's doc id), size, original,
outlets [{outlet, copies, first}], crossOutlet, withinOutlet, members [{docId,
title, outlet, date, url, kind}]}.

Examples:
  isnad dups --db news.db
  isnad dups --min-size 5 --members
  isnad dups --format jsonl --db news.db > groups.jsonl
`;

const OPTIONS = {
  db: { type: 'string' },
  format: { type: 'string', short: 'f' },
  'min-size': { type: 'string' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  members: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface GroupSummary {
  id: string;
  size: number;
  original: Omit<DupMember, 'id' | 'kind'>;
  outlets: Array<{ outlet: string | null; copies: number; first: string }>;
  crossOutlet: number;
  withinOutlet: number;
  members: Array<Omit<DupMember, 'id'>>;
}

/** A stored group as listed: its outlets in the order they first ran the copy, the counts of kinds. */
export function summarize(g: DupGroup): GroupSummary {
  const members = g.members.map(({ id: _id, ...m }) => m);
  const original = members.find((m) => m.kind === 'original') ?? members[0]!;
  const outlets = new Map<string, { outlet: string | null; copies: number; first: string }>();
  for (const m of members) {
    const k = m.outlet ?? `\u0000${m.docId}`;
    const o = outlets.get(k);
    if (o) o.copies++;
    else outlets.set(k, { outlet: m.outlet, copies: 1, first: m.docId });
  }
  const { kind: _kind, ...orig } = original;
  return {
    id: original.docId,
    size: g.size,
    original: orig,
    outlets: [...outlets.values()],
    crossOutlet: members.filter((m) => m.kind === 'cross-outlet').length,
    withinOutlet: members.filter((m) => m.kind === 'within-outlet').length,
    members,
  };
}

function tableGroup(s: GroupSummary, n: number, withMembers: boolean): string {
  const lines: string[] = [];
  const day = (d: string | null): string => (d ?? '').slice(0, 10);
  lines.push(
    `${String(n).padStart(4)}. ${formatCount(s.size)} copies · ${s.outlets.length} outlet${s.outlets.length === 1 ? '' : 's'} ` +
      `(${s.crossOutlet} cross-outlet, ${s.withinOutlet} within-outlet)  ${day(s.original.date)}`,
  );
  lines.push(`      original  ${s.original.docId}  ${clip(s.original.outlet ?? '—', 20)}  ${clip(s.original.title ?? '', 70)}`);
  lines.push(`      outlets   ${clip(s.outlets.map((o) => `${o.outlet ?? '—'}${o.copies > 1 ? ` ×${o.copies}` : ''}`).join(' · '), 110)}`);
  if (withMembers) {
    for (const m of s.members) lines.push(`        ${m.kind.padEnd(13)}  ${day(m.date).padEnd(10)}  ${clip(m.outlet ?? '—', 20).padEnd(20)}  ${m.docId}  ${clip(m.title ?? '', 60)}`);
  }
  return lines.join('\n') + '\n';
}

export async function dupsCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommand(args, OPTIONS);
  if (values.help) {
    io.out(DUPS_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new CliError('ISNAD_USAGE', `dups takes options only, got "${positionals.join(' ')}"`);
  const format = choiceOption(values.format, 'format', ['table', 'jsonl'] as const, 'table');
  const minSize = intOption(values['min-size'], 'min-size', 2, 2)!;
  const limit = intOption(values.limit, 'limit', format === 'table' ? 20 : undefined);
  const offset = intOption(values.offset, 'offset', 0, 0)!;
  const store = await openForReading(values.db);
  const out = new Output(io);
  try {
    const opts: { minSize: number; offset: number; limit?: number } = { minSize, offset };
    if (limit !== undefined) opts.limit = limit;
    const r = await store.dupGroups(opts);
    if (format === 'table') {
      await out.write(
        r.total === 0
          ? `no near-duplicate groups of ${minSize} or more articles\n`
          : `${formatCount(r.total)} near-duplicate group${r.total === 1 ? '' : 's'} of ${minSize} or more articles, largest first\n\n`,
      );
    }
    let n = offset;
    for (const g of r.groups) {
      const s = summarize(g);
      if (format === 'jsonl') await out.write(JSON.stringify(s) + '\n');
      else await out.write(tableGroup(s, ++n, values.members === true));
    }
    if (format === 'table' && r.total > n) await out.write(`\n… ${formatCount(r.total - n)} more (--offset ${n})\n`);
    await out.flush();
    return 0;
  } catch (e) {
    throw asCliError(e);
  } finally {
    await store.close();
  }
}

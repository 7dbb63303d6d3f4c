/**
 * Syndication within a group of copies: which copy came first, which outlets republished it, and
 * which copies are an outlet re-running or rewriting its own copy.
 *
 * The original is the earliest dated copy (ties by id; undated copies come after the dated ones).
 * Every later copy is `cross-outlet` when it is the first copy of its outlet in the group (the
 * outlet republished the story), `within-outlet` when its outlet already had a copy (the same
 * article filed twice, or rewritten by its own outlet). A copy without an outlet counts as its own
 * outlet. Pure; no I/O.
 */

export interface CopyInfo {
  id: string;
  outlet?: string;
  /** epoch milliseconds; NaN when unknown */
  time: number;
}

export type CopyKind = 'original' | 'cross-outlet' | 'within-outlet';

export interface SyndicatedCopy extends CopyInfo {
  kind: CopyKind;
}

export interface OutletCopies {
  outlet: string;
  /** the outlet's first copy */
  first: string;
  time: number;
  copies: number;
}

export interface Syndication {
  /** id of the earliest copy */
  original: string;
  /** copies in time order, each with its kind */
  copies: SyndicatedCopy[];
  /** outlets in the order they first carried the copy; the original's outlet first */
  outlets: OutletCopies[];
  crossOutlet: number;
  withinOutlet: number;
}

const byTime = (a: CopyInfo, b: CopyInfo): number => {
  const ta = Number.isFinite(a.time) ? a.time : Infinity;
  const tb = Number.isFinite(b.time) ? b.time : Infinity;
  return ta - tb || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
};

/** The syndication of a group's copies (at least one). */
export function syndication(members: readonly CopyInfo[]): Syndication {
  if (members.length === 0) throw new RangeError('ISNAD_SYNDICATION_EMPTY: a group has at least one copy');
  const sorted = [...members].sort(byTime);
  const outlets = new Map<string, OutletCopies>();
  const copies: SyndicatedCopy[] = [];
  let crossOutlet = 0;
  let withinOutlet = 0;
  sorted.forEach((c, i) => {
    const key = c.outlet ?? `\u0000${c.id}`;
    const seen = outlets.get(key);
    let kind: CopyKind;
    if (i === 0) kind = 'original';
    else if (seen) kind = 'within-outlet';
    else kind = 'cross-outlet';
    if (kind === 'cross-outlet') crossOutlet++;
    if (kind === 'within-outlet') withinOutlet++;
    if (seen) seen.copies++;
    else outlets.set(key, { outlet: c.outlet ?? '', first: c.id, time: c.time, copies: 1 });
    copies.push({ ...c, kind });
  });
  return { original: sorted[0]!.id, copies, outlets: [...outlets.values()], crossOutlet, withinOutlet };
}

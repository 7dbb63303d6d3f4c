/**
 * Near-duplicate groups kept by a store through ingest (src/collection/dups.ts), run against every
 * Store implementation: groups across runs (a later, earlier-dated copy becomes the original; a
 * compilation page merges two groups), the same groups whatever the run boundaries, after a failed
 * batch and re-run, and for articles stored without fingerprints (filled in by the next run).
 * The articles are invented for these tests.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../src/collection/ingest.js';
import type { DupGroup, Store } from '../src/store/store.js';

const FLOOD =
  'أعلنت هيئة الأرصاد الجوية في بيان صباح اليوم أن موجة من الأمطار الغزيرة ستضرب المناطق الساحلية خلال الأيام الثلاثة المقبلة، ودعت المواطنين إلى تجنب الأودية ومجاري السيول. ' +
  'وقال المتحدث باسم الهيئة خالد الزهراني إن فرق الطوارئ رفعت درجة الاستعداد في المحافظات الجنوبية، وإن المدارس قد تعلق الدراسة يوم الخميس إذا اشتدت العواصف. ' +
  'وأضاف أن سرعة الرياح قد تتجاوز ستين كيلومترا في الساعة على الشريط الساحلي، وأن الأمطار ستتراجع تدريجيا مع نهاية الأسبوع.';
const DATES =
  'وقعت وزارة التجارة اتفاقية مع اتحاد الغرف الصناعية لتنظيم صادرات التمور إلى الأسواق الآسيوية، في خطوة تهدف إلى مضاعفة حجم الصادرات خلال خمس سنوات. ' +
  'وقال وزير التجارة سامي العتيبي في مؤتمر صحفي إن الاتفاقية تشمل إنشاء مراكز للفرز والتغليف في ثلاث مدن، وتدريب مئات الشباب على معايير الجودة الدولية. ' +
  'وأشار رئيس الاتحاد فهد المالكي إلى أن المصانع المحلية مستعدة لزيادة طاقتها الإنتاجية قبل موسم الحصاد المقبل.';
const MATCH =
  'فاز فريق النجوم على ضيفه فريق الساحل بثلاثة أهداف مقابل هدف في المباراة التي أقيمت مساء أمس على الملعب البلدي أمام آلاف المشجعين. ' +
  'وسجل المهاجم ياسر القحطاني هدفين في الشوط الثاني، فيما قلص الضيوف الفارق من ركلة جزاء. وقال مدرب الفريق إن اللاعبين قدموا أداء يليق بسمعة النادي.';

export interface Rec {
  id: string;
  title: string;
  outlet: string;
  date: string;
  text: string;
}

const rec = (id: string, outlet: string, date: string, title: string, body: string): Rec => ({ id, title, outlet, date, text: `${title}\n${body}` });

/** Copies of the flood bulletin and the trade agreement, one unrelated article, then later arrivals. */
export const RUN1: Rec[] = [
  rec('flood-a', 'صحيفة الشمال', '2023-11-02T10:00:00Z', 'أمطار غزيرة على السواحل', FLOOD),
  rec('trade-a', 'صحيفة الشمال', '2023-11-02T11:00:00Z', 'اتفاقية لتصدير التمور', DATES),
  rec('flood-b', 'موقع الجنوب', '2023-11-02T12:00:00Z', 'الأرصاد تحذر من السيول', FLOOD.replace('ستين كيلومترا', 'سبعين كيلومترا').replace(/، وأن الأمطار ستتراجع.*$/, '.')),
  rec('trade-b', 'موقع الجنوب', '2023-11-02T13:00:00Z', 'التجارة توقع اتفاقية', DATES.replace('ثلاث مدن', 'أربع مدن')),
  rec('match', 'صحيفة الشمال', '2023-11-02T20:00:00Z', 'النجوم يفوز على الساحل', MATCH),
];
export const RUN2: Rec[] = [
  // the same outlet files the bulletin again, rewritten at the top: within-outlet
  rec('flood-c', 'صحيفة الشمال', '2023-11-02T14:00:00Z', 'تحديث: أمطار غزيرة', 'عاجل: ' + FLOOD.replace('صباح اليوم', 'مساء اليوم')),
  // a copy dated before every other: it becomes the group's original
  rec('flood-wire', 'وكالة الأنباء', '2023-11-02T08:00:00Z', 'الأرصاد: أمطار غزيرة', FLOOD.replace('الأيام الثلاثة المقبلة', 'الأيام المقبلة')),
];
export const RUN3: Rec[] = [
  // a page that carries both stories whole: it joins one group and bridges nothing
  rec('digest', 'نشرة المساء', '2023-11-02T18:00:00Z', 'أبرز أخبار اليوم', `${FLOOD}\n${DATES}`),
];

/** The groups as doc ids: original → members with kinds, sorted. */
function shape(groups: readonly DupGroup[]): Array<{ original: string; members: string[] }> {
  return groups
    .map((g) => ({ original: g.members.find((m) => m.kind === 'original')!.docId, members: g.members.map((m) => `${m.docId}:${m.kind}`).sort() }))
    .sort((a, b) => (a.original < b.original ? -1 : 1));
}

export function dupsSuite(name: string, openFresh: () => Promise<Store>, skip?: string): void {
  describe.skipIf(skip !== undefined)(`Near-duplicate groups at ingest: ${name}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'isnad-dups-'));
    const stores: Store[] = [];
    afterAll(async () => {
      for (const s of stores) await s.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const file = (n: string, recs: readonly Rec[]): string => {
      const p = join(dir, `${n}.jsonl`);
      writeFileSync(p, recs.map((r) => JSON.stringify(r)).join('\n') + '\n');
      return p;
    };
    const fresh = async (): Promise<Store> => {
      const s = await openFresh();
      stores.push(s);
      return s;
    };
    const run = (store: Store, path: string, batchSize = 2, dedup = true) => ingest([path], store, { workers: 0, batchSize, dedup });

    // the digest copies both stories: it joins the older group (both originals are verified matches
    // and cover it alike) and the trade copies stay a group of their own
    const EXPECTED = [
      {
        original: 'flood-wire',
        // in time order: the wire 08:00, الشمال 10:00, الجنوب 12:00, الشمال 14:00 (within), the digest 18:00
        members: ['digest:cross-outlet', 'flood-a:cross-outlet', 'flood-b:cross-outlet', 'flood-c:within-outlet', 'flood-wire:original'].sort(),
      },
      { original: 'trade-a', members: ['trade-a:original', 'trade-b:cross-outlet'] },
    ];

    it('groups copies run after run: kinds, a later original, a page of two stories that bridges nothing', async () => {
      const store = await fresh();
      const r1 = await run(store, file('run1', RUN1));
      expect(r1.ingested).toBe(5);
      expect(r1.dups).toMatchObject({ indexed: 5, restored: 0, backfilled: 0, added: 5, joined: 2 });
      expect(r1.dups!.addMs.p95).toBeLessThan(50);
      expect(shape((await store.dupGroups()).groups)).toEqual([
        { original: 'flood-a', members: ['flood-a:original', 'flood-b:cross-outlet'] },
        { original: 'trade-a', members: ['trade-a:original', 'trade-b:cross-outlet'] },
      ]);

      const r2 = await run(store, file('run2', RUN2));
      expect(r2.dups).toMatchObject({ indexed: 7, restored: 5, added: 2, joined: 2 });
      const g2 = await store.dupGroups();
      expect(shape(g2.groups)).toEqual([
        { original: 'flood-wire', members: ['flood-a:cross-outlet', 'flood-b:cross-outlet', 'flood-c:within-outlet', 'flood-wire:original'].sort() },
        { original: 'trade-a', members: ['trade-a:original', 'trade-b:cross-outlet'] },
      ]);
      // largest first; the group id is its original's id; members original first, then by date
      expect(g2.total).toBe(2);
      expect(g2.groups[0]!.size).toBe(4);
      expect(g2.groups[0]!.group).toBe(g2.groups[0]!.members[0]!.id);
      expect(g2.groups[0]!.members.map((m) => m.docId)).toEqual(['flood-wire', 'flood-a', 'flood-b', 'flood-c']);

      await run(store, file('run3', RUN3));
      const g3 = await store.dupGroups();
      expect(shape(g3.groups)).toEqual(EXPECTED);
      expect((await store.dupGroups({ minSize: 8 })).groups).toEqual([]);
      expect((await store.dupGroups({ limit: 1, offset: 5 })).total).toBe(2);

      // what search and quotes read
      const all = await store.dupGroupsOf(['flood-a', 'match', 'digest']);
      expect(all.get('flood-a')).toBe(g3.groups[0]!.group);
      expect(all.get('digest')).toBe(g3.groups[0]!.group);
      expect(all.has('match')).toBe(false);
      expect((await store.dupGroupsOf(['trade-a'])).get('trade-a')).not.toBe(g3.groups[0]!.group);
      const members = await store.dupMembers([g3.groups[0]!.group]);
      expect(members.get(g3.groups[0]!.group)!.length).toBe(5);

      // re-running adds nothing and changes nothing
      const again = await run(store, file('run3', RUN3));
      expect(again.ingested).toBe(0);
      expect(again.dups).toMatchObject({ indexed: 8, restored: 8, added: 0 });
      expect(shape((await store.dupGroups()).groups)).toEqual(EXPECTED);
    });

    it('gives the same groups in one run', async () => {
      const store = await fresh();
      await run(store, file('one', [...RUN1, ...RUN2, ...RUN3]), 3);
      expect(shape((await store.dupGroups()).groups)).toEqual(EXPECTED);
    });

    it('gives the same groups after a failed batch and a re-run', async () => {
      const store = await fresh();
      let batches = 0;
      // the third batch fails inside its transaction, after the index has grouped its articles
      const failing: Store = Object.create(store, {
        writeBatch: {
          value: (items: Parameters<Store['writeBatch']>[0], options: Parameters<Store['writeBatch']>[1] = {}) => {
            if (++batches !== 3 || !options.dedup) return store.writeBatch(items, options);
            const hook = options.dedup;
            return store.writeBatch(items, {
              dedup: (fresh) => {
                hook(fresh);
                throw new Error('disk full');
              },
            });
          },
        },
      }) as Store;
      const path = file('crash', [...RUN1, ...RUN2, ...RUN3]);
      await expect(run(failing, path)).rejects.toThrow(/disk full/);
      expect((await store.counts()).articles).toBe(4);
      const r = await run(store, path);
      expect(r.ingested).toBe(4);
      expect(r.dups).toMatchObject({ restored: 4, added: 4 });
      expect(shape((await store.dupGroups()).groups)).toEqual(EXPECTED);
    });

    it('fingerprints and groups articles stored without the index at the next run', async () => {
      const store = await fresh();
      await run(store, file('plain', [...RUN1, ...RUN2]), 2, false);
      expect((await store.dupGroups()).groups).toEqual([]);
      const r = await run(store, file('run3b', RUN3));
      expect(r.dups).toMatchObject({ restored: 0, backfilled: 7, added: 1 });
      expect(shape((await store.dupGroups()).groups)).toEqual(EXPECTED);
      const next = await run(store, file('run3b', RUN3));
      expect(next.dups).toMatchObject({ restored: 8, backfilled: 0 });
    });
  });
}

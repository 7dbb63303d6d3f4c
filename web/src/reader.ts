/**
 * The reader view: an article with its entities highlighted by type and its attributions marked
 * (cue, content, source or speaker, medium, relays, hedge); captions, related links and site
 * boilerplate are shown apart from the story. Selecting an attribution — a click on its cue or
 * content, Enter or Space on its cue, or its button in the list — marks its parts and shows its
 * chain: outlet → relay(s) → speaker, with its medium and any hedge.
 */
import type { AttributionJSON, BlockJSON, EntityJSON } from '../../src/doc/schema.js';
import { h, route, type Child } from './dom.js';
import { ATTRIBUTION_TYPE, BLOCK_TYPE, ENTITY_TYPE, ROLE, dayLabel } from './labels.js';
import { runs, type Mark } from './segments.js';

export interface ReaderDoc {
  id: string;
  text: string;
  meta: { title?: string; outlet?: string; date?: string; url?: string; [k: string]: unknown };
  blocks?: BlockJSON[];
  entities?: EntityJSON[];
  attributions?: AttributionJSON[];
}

const APART = new Set(['caption', 'related', 'boilerplate']);

interface Line {
  blocks: BlockJSON[];
  type: string;
}

/** Blocks on one line of the text stay together (a dateline and the body it opens). */
function lines(doc: ReaderDoc): Line[] {
  const out: Line[] = [];
  let prev: BlockJSON | undefined;
  for (const b of doc.blocks ?? []) {
    const sameLine = prev !== undefined && !doc.text.slice(prev.end, b.start).includes('\n');
    if (sameLine) {
      const line = out[out.length - 1]!;
      line.blocks.push(b);
      if (b.type !== 'dateline' && b.type !== 'byline') line.type = b.type;
    } else out.push({ blocks: [b], type: b.type });
    prev = b;
  }
  return out;
}

const excerpt = (s: string, n = 90): string => (s.length > n ? s.slice(0, n).trimEnd() + '…' : s);

export function speakerName(a: AttributionJSON): string {
  return a.speaker?.text ?? a.source?.text ?? 'متحدث غير محدد';
}

/** The chain of an attribution, outermost first: the outlet, its relays, the speaker. */
export function chainOf(a: AttributionJSON, outlet: string | undefined): Array<{ role: 'outlet' | 'via' | 'speaker'; text: string }> {
  return [{ role: 'outlet' as const, text: outlet || 'الناشر' }, ...a.via.map((v) => ({ role: 'via' as const, text: v.text })), { role: 'speaker' as const, text: speakerName(a) }];
}

function detail(a: AttributionJSON, index: number, outlet: string | undefined): HTMLElement {
  const row = (label: string, value: Child, cls?: string) => [h('dt', {}, label), h('dd', { class: cls }, value)];
  return h(
    'div',
    { class: 'attr-card', 'data-attr': index },
    h('h3', {}, `الإسناد ${index + 1}`),
    h(
      'ol',
      { class: 'chain', 'aria-label': 'سلسلة الإسناد' },
      chainOf(a, outlet).map((c) => h('li', { 'data-role': c.role }, h('span', { class: 'chain-role' }, c.role === 'via' ? ROLE.via : c.role === 'outlet' ? ROLE.outlet : ROLE.speaker), h('span', { class: 'chain-text' }, c.text))),
    ),
    h(
      'dl',
      { class: 'attr-facts' },
      row(ROLE.cue!, a.cue.text),
      row('النوع', ATTRIBUTION_TYPE[a.type] ?? a.type),
      a.source && a.speaker && a.source.text !== a.speaker.text ? row(ROLE.source!, a.source.text) : null,
      row(ROLE.medium!, a.medium?.text ?? '—', 'medium'),
      row(ROLE.hedge!, a.hedge?.text ?? '—', 'hedge'),
      row(ROLE.content!, h('q', {}, a.content.text), 'content'),
    ),
    h('p', {}, h('a', { href: route('/quotes', { speaker: speakerName(a) }) }, 'كل أقوال هذا المتحدث')),
  );
}

/** Renders the reader view of `doc`. */
export function renderReader(doc: ReaderDoc, options: { outlet?: string; sources?: ReadonlyArray<{ outlet: string | null; url: string | null }> } = {}): HTMLElement {
  const entities = doc.entities ?? [];
  const attrs = doc.attributions ?? [];
  const outlet = options.outlet ?? doc.meta.outlet;
  const marked: Array<{ el: HTMLElement; marks: Mark[] }> = [];
  const cueSeen = new Set<number>();
  let selected = -1;

  const listButtons: HTMLButtonElement[] = [];
  const detailBox = h('div', { class: 'attr-detail', 'aria-live': 'polite' }, h('p', { class: 'hint' }, 'اختر إسنادا من النص أو من القائمة لعرض سلسلته.'));

  const select = (i: number, focusCue = false): void => {
    selected = i;
    for (const { el, marks } of marked) {
      el.classList.remove('sel', ...marks.map((m) => `sel-${m.role}`));
      const mine = marks.filter((m) => m.attr === i);
      if (mine.length > 0) el.classList.add('sel', ...mine.map((m) => `sel-${m.role}`));
    }
    listButtons.forEach((b, k) => b.setAttribute('aria-pressed', String(k === i)));
    detailBox.replaceChildren(i >= 0 ? detail(attrs[i]!, i, outlet) : h('p', { class: 'hint' }, 'اختر إسنادا من النص أو من القائمة لعرض سلسلته.'));
    const cue = i >= 0 ? marked.find(({ marks }) => marks.some((m) => m.attr === i && m.role === 'cue'))?.el : undefined;
    if (cue) {
      cue.scrollIntoView?.({ block: 'nearest' });
      if (focusCue) cue.focus();
    }
  };

  /** The attribution a click on marked text means: a cue first, then the innermost content. */
  const pick = (marks: Mark[]): number | undefined => marks.find((m) => m.role === 'cue')?.attr ?? marks.find((m) => m.role === 'content')?.attr;

  const textOf = (start: number, end: number): Child[] =>
    runs(start, end, entities, attrs).map((r) => {
      const piece = doc.text.slice(r.start, r.end);
      const ent = r.entity !== undefined ? entities[r.entity] : undefined;
      if (!ent && r.marks.length === 0) return piece;
      const roles = [...new Set(r.marks.map((m) => m.role))];
      const cueOf = r.marks.find((m) => m.role === 'cue')?.attr;
      const firstCue = cueOf !== undefined && !cueSeen.has(cueOf);
      if (firstCue) cueSeen.add(cueOf);
      // an entity's mention leads to its page, unless the run is a cue (one control, one action)
      const asLink = ent?.key && !firstCue && cueOf === undefined;
      const el: HTMLElement = h(
        asLink ? 'a' : 'span',
        {
          href: asLink && ent ? route('/entity', { type: ent.type, key: ent.key }) : undefined,
          class: ['mk', ent && `ent ent-${ent.type}`, ...roles.map((role) => `m-${role}`)],
          title: ent ? ENTITY_TYPE[ent.type] : undefined,
          'data-entity': ent?.type,
          'data-cue': cueOf,
          ...(firstCue ? { tabindex: 0, role: 'button', 'aria-label': `الإسناد ${cueOf + 1}: ${piece}` } : {}),
        },
        piece,
      );
      if (r.marks.length > 0) {
        marked.push({ el, marks: r.marks });
        el.addEventListener('click', (e) => {
          if ((e.target as Element).closest('a')) return;
          const i = pick(r.marks);
          if (i !== undefined) select(i);
        });
        if (firstCue) {
          el.addEventListener('keydown', (e: KeyboardEvent) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              select(cueOf);
            }
          });
        }
      }
      return el;
    });

  const story: Child[] = [];
  const apart = new Map<string, Child[]>();
  for (const line of lines(doc)) {
    const parts = line.blocks.map((b) =>
      b.type === 'dateline' || b.type === 'byline' ? h('span', { class: `blk-${b.type}`, title: BLOCK_TYPE[b.type] }, textOf(b.start, b.end)) : textOf(b.start, b.end),
    );
    // the text between blocks of one line (a dash after a dateline) stays in place
    const withGaps: Child[] = [];
    line.blocks.forEach((b, k) => {
      if (k > 0) withGaps.push(doc.text.slice(line.blocks[k - 1]!.end, b.start));
      withGaps.push(parts[k]);
    });
    if (APART.has(line.type)) {
      const list = apart.get(line.type) ?? [];
      list.push(h('li', {}, withGaps));
      apart.set(line.type, list);
    } else if (line.type === 'headline') story.push(h('h2', { class: 'headline' }, withGaps));
    else if (line.type === 'subhead') story.push(h('h3', { class: 'subhead' }, withGaps));
    else story.push(h('p', { class: `line line-${line.type}` }, withGaps));
  }

  const meta = h(
    'p',
    { class: 'doc-meta' },
    outlet ? h('span', { class: 'outlet' }, outlet) : null,
    doc.meta.date ? h('span', { class: 'date' }, dayLabel(doc.meta.date)) : null,
    options.sources && options.sources.length > 1
      ? h('span', { class: 'also' }, 'نُشر أيضا في: ', options.sources.filter((s) => s.outlet && s.outlet !== outlet).map((s) => s.outlet).join('، '))
      : null,
  );

  const list = h(
    'ol',
    { class: 'attr-list' },
    attrs.map((a, i) => {
      const b = h(
        'button',
        { type: 'button', 'aria-pressed': 'false', 'data-attr': i, on: { click: () => select(i, false) } },
        h('span', { class: 'who' }, speakerName(a)),
        ' ',
        h('span', { class: 'cue' }, a.cue.text),
        ': ',
        h('span', { class: 'what' }, excerpt(a.content.text)),
      );
      listButtons.push(b);
      return h('li', {}, b);
    }),
  );

  const legend = h(
    'ul',
    { class: 'legend', 'aria-label': 'مفتاح الألوان' },
    Object.entries(ENTITY_TYPE).map(([t, label]) => h('li', {}, h('span', { class: `mk ent ent-${t}` }, label))),
    h('li', {}, h('span', { class: 'mk m-cue' }, ROLE.cue)),
    h('li', {}, h('span', { class: 'mk m-content' }, ROLE.content)),
  );

  const root = h(
    'section',
    { class: 'reader', 'aria-label': 'قارئ المقال' },
    h(
      'div',
      { class: 'reader-main' },
      h('article', { class: 'doc', lang: 'ar', dir: 'rtl' }, meta, story),
      apart.size > 0
        ? h(
            'aside',
            { class: 'apart', 'aria-label': 'خارج المتن' },
            h('h2', {}, 'خارج المتن'),
            [...apart].map(([type, items]) => h('section', { 'data-block': type }, h('h3', {}, BLOCK_TYPE[type]), h('ul', {}, items))),
          )
        : null,
      legend,
    ),
    h(
      'aside',
      { class: 'attr-panel', 'aria-label': 'الإسنادات' },
      h('h2', {}, `الإسنادات (${attrs.length})`),
      detailBox,
      attrs.length > 0 ? list : h('p', { class: 'hint' }, 'لم يُعثر على إسنادات في هذا النص.'),
    ),
  );
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && selected >= 0) select(-1);
  });
  return root;
}

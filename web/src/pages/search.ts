/**
 * The search page (#/ and #/search?q=…): the query form, ranked hits with snippets and "also
 * published by", facets; without a query, what the collection holds. Near-duplicates come
 * collapsed (one hit per group of copies, the other outlets under it); #/search?q=…&all=1 lists
 * every copy.
 */
import type { Facets, SearchHit, StatsResponse } from '../../../src/server/schemas.js';
import { api } from '../api.js';
import { h, route, type Child } from '../dom.js';
import { ENTITY_TYPE, dayLabel, fmt, monthLabel } from '../labels.js';
import { errorBox, go, type Page } from '../router.js';

const SIZE = 10;

/** A facet value as a query field value: quoted, without quotation marks of its own. */
const quoted = (v: string): string => `"${v.replace(/["“”«»]/g, ' ').trim()}"`;

/** The query with one more filter; a month replaces the query's date. */
export function refine(q: string, field: 'outlet' | 'speaker' | 'entity' | 'date', value: string): string {
  if (field === 'date') return `${q.replace(/(^|\s)date:\S+/gi, ' ').trim()} date:${value}`.trim();
  return `${q} ${field}:${quoted(value)}`.trim();
}

function snippetNode(hit: SearchHit): Child {
  const s = hit.snippet;
  if (!s) return null;
  const out: Child[] = [];
  let at = s.start;
  for (const m of s.highlights) {
    if (m.start > at) out.push(s.text.slice(at - s.start, m.start - s.start));
    out.push(h('mark', {}, m.text));
    at = m.end;
  }
  if (at < s.end) out.push(s.text.slice(at - s.start));
  return h('p', { class: 'snippet' }, s.start > 0 ? '… ' : '', out, ' …');
}

/** Outlets listed under a hit before "and N more". */
const ALSO_SHOWN = 8;

/** "Also published by": one entry per other outlet (its first copy linked when stored apart), then how many more copies. */
function alsoNode(hit: SearchHit): Child {
  if (hit.also.length === 0) return null;
  const byOutlet = new Map<string, SearchHit['also'][number]>();
  for (const a of hit.also) {
    const k = a.outlet ?? a.id ?? a.url ?? '—';
    if (a.outlet !== null && a.outlet === hit.outlet) continue; // the hit's own outlet filed it again
    if (!byOutlet.has(k)) byOutlet.set(k, a);
  }
  const shown = [...byOutlet.values()].slice(0, ALSO_SHOWN);
  const copies = hit.copies + hit.also.filter((a) => a.kind === 'source').length;
  const rest = copies - shown.length;
  return h(
    'p',
    { class: 'also' },
    'نُشر أيضًا في: ',
    shown.length === 0 ? 'المصدر نفسه' : null,
    shown.map((a, i) => [i > 0 ? '، ' : '', a.id ? h('a', { href: route(`/article/${encodeURIComponent(a.id)}`) }, a.outlet ?? a.id) : (a.outlet ?? '—')]),
    rest > 0 ? h('span', { class: 'also-more' }, ` (${fmt.format(copies)} ${copies === 1 ? 'نسخة أخرى' : 'نسخ أخرى'})`) : null,
  );
}

function hitNode(hit: SearchHit): HTMLElement {
  const title = hit.title ?? hit.snippet?.text.split('\n')[0] ?? hit.id;
  return h(
    'li',
    { class: 'hit' },
    h('h3', {}, h('a', { href: route(`/article/${encodeURIComponent(hit.id)}`) }, title)),
    h('p', { class: 'hit-meta' }, hit.outlet ? h('span', { class: 'outlet' }, hit.outlet) : null, hit.date ? h('span', { class: 'date' }, dayLabel(hit.date)) : null),
    snippetNode(hit),
    alsoNode(hit),
  );
}

function facetList(title: string, items: Array<{ label: string; count: number; href: string; note?: string }>): Child {
  if (items.length === 0) return null;
  return h(
    'section',
    { class: 'facet' },
    h('h3', {}, title),
    h(
      'ul',
      {},
      items.map((it) => h('li', {}, h('a', { href: it.href }, it.label, it.note ? h('small', {}, ` (${it.note})`) : null), h('span', { class: 'count' }, fmt.format(it.count)))),
    ),
  );
}

function facetsNode(q: string, f: Facets, link: (q: string) => string): HTMLElement {
  return h(
    'aside',
    { class: 'facets', 'aria-label': 'تصفية النتائج' },
    facetList('الناشر', f.outlet.map((o) => ({ label: o.value, count: o.count, href: link(refine(q, 'outlet', o.value)) }))),
    facetList('الشهر', f.month.map((m) => ({ label: monthLabel(m.value), count: m.count, href: link(refine(q, 'date', m.value)) }))),
    facetList('المتحدثون', f.speaker.map((s) => ({ label: s.value, count: s.count, href: link(refine(q, 'speaker', s.value)) }))),
    facetList('الأعلام', f.entity.map((e) => ({ label: e.value, count: e.count, note: e.type ? ENTITY_TYPE[e.type] : undefined, href: link(refine(q, 'entity', e.value)) }))),
  );
}

function form(q: string): HTMLElement {
  const input = h('input', { type: 'search', name: 'q', id: 'q', value: q, dir: 'auto', autocomplete: 'off', 'aria-describedby': 'q-help', required: true, maxlength: 500 });
  return h(
    'form',
    {
      role: 'search',
      class: 'search-form',
      on: {
        submit: (e) => {
          e.preventDefault();
          const v = input.value.trim();
          if (v) go(route('/search', { q: v }));
        },
      },
    },
    h('label', { for: 'q' }, 'ابحث في الأخبار'),
    h('div', { class: 'row' }, input, h('button', { type: 'submit' }, 'بحث')),
    h(
      'details',
      { id: 'q-help', class: 'help' },
      h('summary', {}, 'لغة البحث'),
      h(
        'ul',
        { dir: 'auto' },
        h('li', {}, h('code', {}, 'سوريا حلب'), ' كل الكلمات'),
        h('li', {}, h('code', {}, '"الجيش السوري"'), ' عبارة بعينها'),
        h('li', {}, h('code', {}, '-روسيا'), ' استبعاد'),
        h('li', {}, h('code', {}, 'speaker:منصور'), ' ما قاله متحدث'),
        h('li', {}, h('code', {}, 'entity:حلب'), ' مقالات تذكر علما'),
        h('li', {}, h('code', {}, 'outlet:الأهرام'), ' وسيلة بعينها'),
        h('li', {}, h('code', {}, 'type:direct'), ' نوع الإسناد (direct, indirect, mixed)'),
        h('li', {}, h('code', {}, 'date:2024-01..2024-03'), ' التاريخ'),
      ),
    ),
  );
}

function overview(s: StatsResponse): HTMLElement {
  const link = (q: string) => route('/search', { q });
  const c = s.counts;
  return h(
    'section',
    { class: 'overview', 'aria-label': 'محتوى المجموعة' },
    h(
      'ul',
      { class: 'counts' },
      h('li', {}, h('strong', {}, fmt.format(c.articles)), ' مقال'),
      h('li', {}, h('strong', {}, fmt.format(c.sources)), ' مصدر'),
      h('li', {}, h('strong', {}, fmt.format(c.attributions)), ' إسناد'),
      h('li', {}, h('strong', {}, fmt.format(c.entities)), ' علم'),
    ),
    h('div', { class: 'overview-grid' }, [...facetsNode('', s.facets, link).childNodes]),
  );
}

export const homePage: Page = async ({ signal }) => {
  const stats = await api.stats(signal);
  return { title: 'البحث', nav: 'search', node: h('div', { class: 'page page-search' }, h('h1', {}, 'من قال ماذا في الأخبار العربية'), form(''), overview(stats)) };
};

export const searchPage: Page = async ({ query, signal }) => {
  const q = query.get('q')?.trim() ?? '';
  const pageNo = Math.max(1, Number(query.get('page') ?? 1) || 1);
  const all = query.get('all') === '1';
  if (!q) {
    go('#/');
    return { title: 'البحث', nav: 'search', node: form('') };
  }
  // the hits first; the facets, slower to count on a broad query, fill their column when they come
  const facets = api.facets(q, signal);
  facets.catch(() => {});
  const r = await api.search(q, pageNo, signal, all);
  const facetsBox = h('div', { class: 'facets-box', 'aria-busy': 'true' }, h('p', { class: 'status' }, 'جارٍ عدّ النتائج…'));
  facets.then(
    (f) => {
      facetsBox.replaceChildren(facetsNode(q, f, link));
      facetsBox.removeAttribute('aria-busy');
    },
    (e: unknown) => {
      if (!signal.aborted) facetsBox.replaceChildren(errorBox(e));
      facetsBox.removeAttribute('aria-busy');
    },
  );
  const link = (query: string) => route('/search', { q: query });
  const pages = Math.ceil(r.total / SIZE);
  const pager = h(
    'nav',
    { class: 'pager', 'aria-label': 'الصفحات' },
    pageNo > 1 ? h('a', { href: route('/search', { q, page: pageNo - 1, all: all ? 1 : undefined }), rel: 'prev' }, 'السابق') : null,
    pages > 1 ? h('span', {}, `صفحة ${fmt.format(pageNo)} من ${fmt.format(pages)}`) : null,
    pageNo < pages ? h('a', { href: route('/search', { q, page: pageNo + 1, all: all ? 1 : undefined }), rel: 'next' }, 'التالي') : null,
  );
  // the switch between one hit per group of copies and every copy
  const toggle = h(
    'a',
    { class: 'collapse-toggle', href: route('/search', { q, all: all ? undefined : 1 }) },
    all ? 'جمّع النسخ المتشابهة' : 'اعرض كل النسخ',
  );
  return {
    title: `بحث: ${q}`,
    nav: 'search',
    node: h(
      'div',
      { class: 'page page-search' },
      form(q),
      h(
        'p',
        { class: 'summary', role: 'status' },
        r.total === 0 ? 'لا نتائج.' : `${fmt.format(r.total)} نتيجة${r.collapsed ? ' (النسخ المتشابهة مجمّعة)' : ' (كل النسخ)'}`,
        r.total > 0 ? [' · ', toggle] : null,
      ),
      h('div', { class: 'results-layout' }, h('section', { class: 'hits-wrap', 'aria-label': 'النتائج' }, h('ol', { class: 'hits' }, r.hits.map(hitNode)), pager), facetsBox),
    ),
  };
};

/**
 * Who said what (#/quotes?speaker=…&entity=…&outlet=…&type=…&date=…): attributions in a table that
 * sorts by any column (the rows of the page shown), filters through the API, and downloads every
 * matching row as CSV.
 */
import type { Quote } from '../../../src/server/schemas.js';
import { api, apiUrl } from '../api.js';
import { h, route, type Child } from '../dom.js';
import { ATTRIBUTION_TYPE, dayLabel, fmt } from '../labels.js';
import { go, type Page } from '../router.js';
import { speakerName } from '../reader.js';

const SIZE = 50;
const FILTERS = ['speaker', 'entity', 'outlet', 'type', 'date'] as const;

interface Column {
  key: string;
  label: string;
  value: (q: Quote) => string;
  cell?: (q: Quote) => Child;
}

const COLUMNS: Column[] = [
  { key: 'date', label: 'التاريخ', value: (q) => dayLabel(q.date) },
  { key: 'outlet', label: 'الناشر', value: (q) => q.outlet ?? '' },
  { key: 'speaker', label: 'المتحدث', value: (q) => speakerName(q), cell: (q) => h('a', { href: route('/quotes', { speaker: speakerName(q) }) }, speakerName(q)) },
  { key: 'cue', label: 'الفعل', value: (q) => q.cue.text },
  { key: 'content', label: 'القول', value: (q) => q.content.text, cell: (q) => h('a', { href: route(`/article/${encodeURIComponent(q.docId)}`) }, q.content.text) },
  { key: 'type', label: 'النوع', value: (q) => ATTRIBUTION_TYPE[q.type] ?? q.type },
  { key: 'via', label: 'عبر', value: (q) => q.via.map((v) => v.text).join(' ← ') },
  { key: 'medium', label: 'الوسيلة', value: (q) => q.medium?.text ?? '' },
  { key: 'hedge', label: 'تحفّظ', value: (q) => q.hedge?.text ?? '' },
];

const collator = new Intl.Collator('ar');

/** A sortable table of attributions. */
export function quotesTable(rows: readonly Quote[], caption: string): HTMLElement {
  let sortKey = '';
  let dir: 1 | -1 = 1;
  const body = h('tbody');
  const headers = new Map<string, HTMLTableCellElement>();
  const fill = (): void => {
    const col = COLUMNS.find((c) => c.key === sortKey);
    const sorted = col ? [...rows].sort((a, b) => dir * collator.compare(col.value(a), col.value(b))) : rows;
    body.replaceChildren(...sorted.map((q) => h('tr', {}, COLUMNS.map((c) => h('td', { class: `col-${c.key}` }, c.cell ? c.cell(q) : c.value(q))))));
    for (const [k, th] of headers) th.setAttribute('aria-sort', k === sortKey ? (dir === 1 ? 'ascending' : 'descending') : 'none');
  };
  const head = h(
    'tr',
    {},
    COLUMNS.map((c) => {
      const th = h(
        'th',
        { scope: 'col', 'aria-sort': 'none' },
        h(
          'button',
          {
            type: 'button',
            class: 'sort',
            'data-sort': c.key,
            on: {
              click: () => {
                dir = sortKey === c.key ? ((-dir) as 1 | -1) : 1;
                sortKey = c.key;
                fill();
              },
            },
          },
          c.label,
        ),
      );
      headers.set(c.key, th);
      return th;
    }),
  );
  fill();
  return h('div', { class: 'table-wrap' }, h('table', { class: 'quotes' }, h('caption', {}, caption), h('thead', {}, head), body));
}

function filterForm(values: Record<string, string>): HTMLElement {
  const field = (name: string, label: string, input: HTMLElement) => h('div', { class: 'field' }, h('label', { for: `f-${name}` }, label), input);
  const text = (name: string, placeholder = '') => h('input', { id: `f-${name}`, name, type: 'text', value: values[name] ?? '', placeholder, dir: 'auto', maxlength: 500 });
  const type = h(
    'select',
    { id: 'f-type', name: 'type' },
    h('option', { value: '' }, 'الكل'),
    Object.entries(ATTRIBUTION_TYPE).map(([v, label]) => h('option', { value: v, selected: values.type === v }, label)),
  );
  const form = h(
    'form',
    {
      class: 'filters',
      on: {
        submit: (e) => {
          e.preventDefault();
          const data = new FormData(form);
          const q: Record<string, string> = {};
          for (const f of FILTERS) {
            const v = String(data.get(f) ?? '').trim();
            if (v) q[f] = v;
          }
          go(route('/quotes', q));
        },
      },
    },
    field('speaker', 'المتحدث', text('speaker')),
    field('entity', 'علم في القول', text('entity')),
    field('outlet', 'الناشر', text('outlet')),
    field('type', 'النوع', type),
    field('date', 'التاريخ', text('date', '2024-01..2024-03')),
    h('button', { type: 'submit' }, 'تصفية'),
  );
  return form;
}

export const quotesPage: Page = async ({ query, signal }) => {
  const values: Record<string, string> = {};
  for (const f of FILTERS) {
    const v = query.get(f);
    if (v) values[f] = v;
  }
  const pageNo = Math.max(1, Number(query.get('page') ?? 1) || 1);
  const r = await api.attributions({ ...values, page: pageNo, size: SIZE }, signal);
  const csv = apiUrl('/api/attributions', { ...values, format: 'csv' });
  const pager = h(
    'nav',
    { class: 'pager', 'aria-label': 'الصفحات' },
    pageNo > 1 ? h('a', { href: route('/quotes', { ...values, page: pageNo - 1 }), rel: 'prev' }, 'السابق') : null,
    h('span', {}, `صفحة ${fmt.format(pageNo)}`),
    r.more ? h('a', { href: route('/quotes', { ...values, page: pageNo + 1 }), rel: 'next' }, 'التالي') : null,
  );
  return {
    title: 'من قال ماذا',
    nav: 'quotes',
    node: h(
      'div',
      { class: 'page page-quotes' },
      h('h1', {}, 'من قال ماذا'),
      filterForm(values),
      h('p', { class: 'actions' }, h('a', { href: csv, download: 'isnad-attributions.csv', class: 'button' }, 'تنزيل CSV لكل النتائج')),
      r.rows.length === 0 ? h('p', { class: 'summary', role: 'status' }, 'لا إسنادات تطابق هذه الشروط.') : quotesTable(r.rows, `${fmt.format(r.rows.length)} إسنادا في هذه الصفحة؛ انقر عنوان عمود للترتيب`),
      pager,
    ),
  };
};

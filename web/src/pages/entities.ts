/** The entities list (#/entities?q=…&type=…): names the collection mentions, most articles first. */
import { api } from '../api.js';
import { h, route } from '../dom.js';
import { ENTITY_TYPE, fmt } from '../labels.js';
import { go, type Page } from '../router.js';

const SIZE = 50;

export const entitiesPage: Page = async ({ query, signal }) => {
  const q = query.get('q') ?? '';
  const type = query.get('type') ?? '';
  const pageNo = Math.max(1, Number(query.get('page') ?? 1) || 1);
  const r = await api.entities({ q, type, page: pageNo, size: SIZE }, signal);
  const input = h('input', { id: 'e-q', name: 'q', type: 'search', value: q, dir: 'auto', maxlength: 500 });
  const select = h(
    'select',
    { id: 'e-type', name: 'type' },
    h('option', { value: '' }, 'كل الأنواع'),
    Object.entries(ENTITY_TYPE).map(([v, label]) => h('option', { value: v, selected: v === type }, label)),
  );
  const form = h(
    'form',
    {
      class: 'filters',
      role: 'search',
      on: {
        submit: (e) => {
          e.preventDefault();
          go(route('/entities', { q: input.value.trim(), type: select.value }));
        },
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'e-q' }, 'الاسم'), input),
    h('div', { class: 'field' }, h('label', { for: 'e-type' }, 'النوع'), select),
    h('button', { type: 'submit' }, 'عرض'),
  );
  const pages = Math.ceil(r.total / SIZE);
  return {
    title: 'الأعلام',
    nav: 'entities',
    node: h(
      'div',
      { class: 'page page-entities' },
      h('h1', {}, 'الأعلام'),
      form,
      h('p', { class: 'summary', role: 'status' }, `${fmt.format(r.total)} علما`),
      h(
        'table',
        { class: 'entities' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'الاسم'), h('th', { scope: 'col' }, 'النوع'), h('th', { scope: 'col' }, 'المقالات'), h('th', { scope: 'col' }, 'الإشارات'))),
        h(
          'tbody',
          {},
          r.entities.map((e) =>
            h(
              'tr',
              {},
              h('td', {}, h('a', { href: route(`/entity/${e.id}`) }, e.text)),
              h('td', {}, h('span', { class: `mk ent ent-${e.type}` }, ENTITY_TYPE[e.type] ?? e.type)),
              h('td', {}, fmt.format(e.articles)),
              h('td', {}, fmt.format(e.mentions)),
            ),
          ),
        ),
      ),
      h(
        'nav',
        { class: 'pager', 'aria-label': 'الصفحات' },
        pageNo > 1 ? h('a', { href: route('/entities', { q, type, page: pageNo - 1 }), rel: 'prev' }, 'السابق') : null,
        pages > 1 ? h('span', {}, `صفحة ${fmt.format(pageNo)} من ${fmt.format(pages)}`) : null,
        pageNo < pages ? h('a', { href: route('/entities', { q, type, page: pageNo + 1 }), rel: 'next' }, 'التالي') : null,
      ),
    ),
  };
};

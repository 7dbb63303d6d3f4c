/**
 * An entity (#/entity/{id}, or #/entity?type=PER&key=… from an article's mention): mentions over
 * time, the entities most often mentioned with it, what it said and what was said about it.
 */
import { api } from '../api.js';
import { h, route } from '../dom.js';
import { timelineChart } from '../chart.js';
import { ENTITY_TYPE, fmt } from '../labels.js';
import { go, type Page } from '../router.js';
import { quotesTable } from './quotes.js';

export const entityLookupPage: Page = async ({ query, signal }) => {
  const key = query.get('key') ?? '';
  const type = query.get('type') ?? '';
  const r = await api.entities({ key, type, size: 1 }, signal);
  const found = r.entities[0];
  if (found) go(route(`/entity/${found.id}`));
  return { title: 'علم', nav: 'entities', node: h('p', { class: 'error' }, found ? '…' : 'لا يوجد هذا العلم في المجموعة.') };
};

export const entityPage: Page = async ({ params, signal }) => {
  const id = Number(params.id);
  const r = await api.entity(id, signal);
  const e = r.entity;
  return {
    title: e.text,
    nav: 'entities',
    node: h(
      'div',
      { class: 'page page-entity' },
      h('h1', {}, e.text, ' ', h('span', { class: `mk ent ent-${e.type}` }, ENTITY_TYPE[e.type] ?? e.type)),
      h('p', { class: 'summary' }, `ورد في ${fmt.format(e.articles)} مقالا (${fmt.format(e.mentions)} إشارة)`, ' — ', h('a', { href: route('/search', { q: `entity:"${e.text.replace(/["“”«»]/g, ' ')}"` }) }, 'المقالات')),
      h('section', { class: 'timeline', 'aria-labelledby': 'tl-h' }, h('h2', { id: 'tl-h' }, 'الإشارات عبر الزمن'), timelineChart(r.timeline, 'المقالات التي تذكره كل شهر')),
      h(
        'section',
        { class: 'co', 'aria-labelledby': 'co-h' },
        h('h2', { id: 'co-h' }, 'أعلام تُذكر معه'),
        r.coMentioned.length === 0
          ? h('p', { class: 'hint' }, 'لا شيء.')
          : h(
              'ol',
              { class: 'co-list' },
              r.coMentioned.map((c) => h('li', {}, h('a', { href: route(`/entity/${c.id}`) }, c.text), ' ', h('span', { class: `mk ent ent-${c.type}` }, ENTITY_TYPE[c.type] ?? c.type), h('span', { class: 'count' }, fmt.format(c.articles)))),
            ),
      ),
      h(
        'section',
        { class: 'by', 'aria-labelledby': 'by-h' },
        h('h2', { id: 'by-h' }, 'ما قاله'),
        r.statementsBy.length === 0 ? h('p', { class: 'hint' }, 'لا أقوال منسوبة إليه.') : quotesTable(r.statementsBy, 'أقوال منسوبة إليه'),
      ),
      h(
        'section',
        { class: 'about', 'aria-labelledby': 'about-h' },
        h('h2', { id: 'about-h' }, 'ما قيل عنه'),
        r.statementsAbout.length === 0 ? h('p', { class: 'hint' }, 'لا أقوال تذكره.') : quotesTable(r.statementsAbout, 'أقوال تذكره'),
      ),
    ),
  };
};

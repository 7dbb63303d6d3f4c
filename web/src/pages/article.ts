/** An article in the reader view (#/article/{id}). */
import { api } from '../api.js';
import { h, outsideLink } from '../dom.js';
import { renderReader } from '../reader.js';
import type { Page } from '../router.js';

export const articlePage: Page = async ({ params, signal }) => {
  const doc = await api.article(params.id!, signal);
  const headline = doc.blocks?.find((b) => b.type === 'headline')?.text;
  const title = doc.meta.title ?? headline ?? doc.id;
  const outlet = doc.meta.outlet ?? doc.sources.find((s) => s.outlet)?.outlet ?? undefined;
  return {
    title,
    nav: 'search',
    node: h(
      'div',
      { class: 'page page-article' },
      h('h1', { class: 'visually-hidden' }, title),
      doc.meta.url ? h('p', { class: 'source-link' }, outsideLink(doc.meta.url, 'المصدر الأصلي')) : null,
      renderReader(doc, { outlet, sources: doc.sources }),
    ),
  };
};

/** The analyze page (#/analyze): paste Arabic text, see it in the reader view. The server analyzes it and keeps nothing. */
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { renderReader } from '../reader.js';
import { errorBox, type Page } from '../router.js';

export const analyzePage: Page = async () => {
  const input = h('textarea', { id: 'text', name: 'text', rows: 10, dir: 'rtl', lang: 'ar', required: true, 'aria-describedby': 'text-help' });
  const out = h('div', { class: 'analyze-out', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit' }, 'حلّل');
  const form = h(
    'form',
    {
      class: 'analyze-form',
      on: {
        submit: (e) => {
          e.preventDefault();
          const text = input.value;
          if (!text.trim()) return;
          button.disabled = true;
          replace(out, h('p', { class: 'status' }, 'جارٍ التحليل…'));
          api
            .analyze(text)
            .then((doc) => replace(out, renderReader(doc)))
            .catch((err: unknown) => replace(out, errorBox(err)))
            .finally(() => (button.disabled = false));
        },
      },
    },
    h('label', { for: 'text' }, 'ألصق نص خبر بالعربية'),
    input,
    h('p', { id: 'text-help', class: 'hint' }, 'يُحلَّل النص على الخادم ولا يُحفظ.'),
    button,
  );
  return { title: 'تحليل نص', nav: 'analyze', node: h('div', { class: 'page page-analyze' }, h('h1', {}, 'تحليل نص'), form, out) };
};

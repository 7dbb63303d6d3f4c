// ESLint flat config: typescript-eslint's recommended rules on sources, tests and scripts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'web/dist/**', 'src/generated/**', 'artifacts/**', 'coverage/**', 'tmp/**', 'scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', performance: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-control-regex': 'off',
      'no-misleading-character-class': 'off',
    },
  },
  {
    // the web app runs in the browser, and builds the page from text nodes only
    files: ['web/src/**/*.ts'],
    languageOptions: {
      globals: {
        window: 'readonly', document: 'readonly', location: 'readonly', fetch: 'readonly', Node: 'readonly', HTMLElement: 'readonly',
        HashChangeEvent: 'readonly', AbortController: 'readonly', URLSearchParams: 'readonly', FormData: 'readonly', Intl: 'readonly',
      },
    },
    rules: {
      'no-restricted-properties': [
        'error',
        ...['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'write', 'writeln', 'createContextualFragment'].map((property) => ({
          property,
          message: 'article text must reach the page as text nodes (dom.ts h()), never as markup',
        })),
      ],
      'no-restricted-globals': ['error', { name: 'eval', message: 'no eval' }],
    },
  },
);

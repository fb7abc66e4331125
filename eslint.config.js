// Flat ESLint config. The layering rules encode the architecture (ARCHITECTURE.md):
// core engines run under plain Node (no `electron`), the renderer runs in a sandboxed
// page (no Node built-ins), shared code is runtime-neutral.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'bench/results/**',
      'tests/.tmp/**',
      '**/.scratch/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src-main/core/**', 'src-main/cli/**', 'src-main/harness/**', 'src-shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'core, cli, harness and shared code must run under plain Node: no electron import.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'src-shared is runtime-neutral.' },
            ...nodeBuiltins.map((name) => ({
              name,
              message: 'src-shared is runtime-neutral: no Node built-ins.',
            })),
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The renderer talks to main only through the preload bridge.',
            },
            ...nodeBuiltins.map((name) => ({
              name,
              message: 'The renderer is a sandboxed page: no Node built-ins.',
            })),
          ],
          patterns: [
            {
              group: ['**/src-main/**'],
              message: 'The renderer may not import main-process code.',
            },
          ],
        },
      ],
    },
  },
);

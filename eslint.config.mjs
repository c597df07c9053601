// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/** The layer rule (STYLE.md): the domain and the allocation mechanism are pure. */
const pureLayer = {
  files: ['src/domain/**/*.ts', 'src/allocation/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['@nestjs/*'], message: 'The domain is pure: no Nest here.' },
          { group: ['better-sqlite3', '@eventstore/*', 'express', 'rxjs', 'node:*', 'fs', 'crypto', 'http', 'net'], message: 'The domain is pure: no drivers or I/O here.' },
          { group: ['**/application/**', '**/event-store/**', '**/projections/**'], message: 'The domain depends on nothing outside it.' },
        ],
      },
    ],
    'no-restricted-properties': [
      'error',
      { object: 'Date', property: 'now', message: 'The domain never reads the clock: time comes in the command.' },
      { object: 'Math', property: 'random', message: 'The domain is deterministic: randomness comes in the command.' },
    ],
    'no-restricted-syntax': [
      'error',
      { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The domain never reads the clock: time comes in the command.' },
    ],
    'no-restricted-globals': ['error', { name: 'crypto', message: 'The domain is deterministic: no crypto global.' }],
  },
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'data/', '*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': 'off',
    },
  },
  pureLayer,
);

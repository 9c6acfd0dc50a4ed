import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test-artifacts/', 'examples/*/node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Only src/config reads process.env.' }],
    },
  },
  { files: ['src/config/**', 'test/**', 'bench/**', 'scripts/**', '*.js'], rules: { 'no-restricted-properties': 'off' } },
  // Config files and the compat suite's SDK scripts are plain JavaScript run by Node.
  { files: ['*.js', 'test/**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  // Example applications are plain JavaScript for Node, each its own program reading its own settings.
  {
    files: ['examples/**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', fetch: 'readonly', AbortSignal: 'readonly', URL: 'readonly' },
    },
    rules: { 'no-restricted-properties': 'off' },
  },
);

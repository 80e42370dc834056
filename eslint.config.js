// @ts-check
// One lint config: angular-eslint for the SPA, typescript-eslint for server, contracts, scripts and tests.
const eslint = require('@eslint/js');
const { defineConfig, globalIgnores } = require('eslint/config');
const tseslint = require('typescript-eslint');
const angular = require('angular-eslint');
const { readdirSync } = require('node:fs');

const FEATURE_FOLDERS = readdirSync(`${__dirname}/src/app`, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !['core', 'shared'].includes(entry.name))
  .map((entry) => entry.name);

const nodeGlobals = {
  process: 'readonly',
  console: 'readonly',
  Buffer: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly',
  setInterval: 'readonly',
  clearInterval: 'readonly',
  fetch: 'readonly',
  URL: 'readonly',
  require: 'readonly',
  module: 'writable',
  __dirname: 'readonly',
};

module.exports = defineConfig([
  globalIgnores(['dist/', '.bench-baseline/', '.angular/', '.cache/', '.emulator-data/', 'test-results/', 'playwright-report/', 'coverage/', '.stryker-tmp/', 'reports/mutation/']),
  {
    files: ['**/*.ts', '**/*.mts'],
    extends: [eslint.configs.recommended, tseslint.configs.recommended, tseslint.configs.stylistic],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    extends: [angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'app', style: 'camelCase' }],
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'app', style: 'kebab-case' }],
      '@angular-eslint/prefer-on-push-component-change-detection': 'error',
    },
  },
  {
    // Shared code stays framework-free so the server can import it.
    files: ['contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@angular/*', 'rxjs', 'express', 'socket.io', 'firebase*', 'zod'] }],
    },
  },
  {
    // core/ and shared/ never import a feature: features meet only on the EventBus. Every other
    // folder of src/app is a feature, read from disk so a new one cannot be forgotten here.
    files: ['src/app/core/**/*.ts', 'src/app/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: FEATURE_FOLDERS.map((name) => `**/${name}/**`) }],
    },
  },
  {
    files: ['src/**/*.html'],
    extends: [angular.configs.templateRecommended, angular.configs.templateAccessibility],
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [eslint.configs.recommended],
    languageOptions: { globals: nodeGlobals },
  },
]);

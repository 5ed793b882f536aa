import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The bundle runs in Apps Script's V8: no Node APIs (the bundle test proves it at run time too).
const NODE_GLOBALS = [
  'process',
  'Buffer',
  'require',
  'module',
  'setTimeout',
  'setInterval',
  'global',
  '__dirname',
];

// The core reaches Apps Script only through ports (src/platform/ports.ts) and a ChatTransport
// (src/chat/ops.ts), so it runs under Jest with fakes and onOpen (a simple trigger) can't wander into a
// service that needs authorisation.
const APPS_SCRIPT_SERVICES = [
  'SpreadsheetApp',
  'Chat',
  'UrlFetchApp',
  'ScriptApp',
  'PropertiesService',
  'CacheService',
  'LockService',
  'HtmlService',
  'Session',
  'Utilities',
  'Logger',
  'DriveApp',
].map((name) => ({
  name,
  message: `${name} is an Apps Script service: only adapters use it; the core gets a port (platform/ports.ts) or a ChatTransport (chat/ops.ts).`,
}));

// The adapters, the only files that may name those services:
// - platform/apps-script.ts implements every port with the real services;
// - chat/advanced-service.ts is the ChatTransport over the Advanced Chat service (the `Chat` global),
//   kept in chat/ beside its REST twin because both translate the same ChatOps.
const ADAPTERS = ['src/platform/apps-script.ts', 'src/chat/advanced-service.ts'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'src/generated/', 'test-artifacts/', '.sandbox/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...NODE_GLOBALS, ...APPS_SCRIPT_SERVICES],
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'fs', 'path', 'crypto', 'vm', 'child_process'] },
      ],
    },
  },
  {
    // A later entry replaces the rule's whole list: the Node globals stay forbidden here too.
    files: ADAPTERS,
    rules: { 'no-restricted-globals': ['error', ...NODE_GLOBALS] },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

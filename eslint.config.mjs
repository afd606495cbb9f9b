// One lint config for the workspace. Module boundaries: apps never import apps, libraries only
// import downwards (connectors and domain -> engine), the platform library (config, logging, metrics, error codes)
// depends on none of ours, and frameworks stay out of the libraries.
// Lint is typed: the project service gives every file the types of the nearest tsconfig.json (scripts/
// has one for its JSDoc-typed .mjs files), so the rules below see promises, assertions and toString.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const frameworks = ['@nestjs/*', 'typeorm', 'bullmq', 'socket.io', 'socket.io-client', 'ioredis'];
const drivers = ['kafkajs', 'pg', 'pg-copy-streams'];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.nx/**',
      '**/*.js',
      'eslint.config.mjs',
      '**/*.cjs',
      'apps/api/public/**',
      '**/vitest.config.ts',
      '**/vitest.*.config.ts',
    ],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    // Type-aware rules that catch bugs: promises nobody awaits or that land where a callback's result is
    // ignored, awaiting a non-promise, "[object Object]" in text, throwing non-errors, and assertions
    // that say nothing. (The no-unsafe-* family is left out: driver results such as pg rows are `any`.)
    files: ['**/*.ts', '**/*.mjs'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/no-base-to-string': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      '@typescript-eslint/no-unsafe-enum-comparison': 'error',
      '@typescript-eslint/no-redundant-type-constituents': 'error',
      '@typescript-eslint/no-duplicate-type-constituents': 'error',
      '@typescript-eslint/no-for-in-array': 'error',
      '@typescript-eslint/no-array-delete': 'error',
      '@typescript-eslint/unbound-method': 'error',
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // The engine core is driver-free: kafkajs and pg live in the connector libraries.
            { sourceTag: 'type:engine', onlyDependOnLibsWithTags: [], bannedExternalImports: [...frameworks, ...drivers] },
            // Connectors (Kafka, Postgres) bring one driver each to the engine's contracts.
            { sourceTag: 'type:connector', onlyDependOnLibsWithTags: ['type:engine', 'type:connector'], bannedExternalImports: frameworks },
            // Config, logging, metrics and error codes for the apps: depends on none of our libraries.
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: [], bannedExternalImports: frameworks },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:engine'], bannedExternalImports: [...frameworks, ...drivers] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:domain', 'type:engine', 'type:connector'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:engine', 'type:connector', 'type:domain', 'type:data-access', 'type:platform'] },
            // Tools (e.g. the chaos suite) drive the apps as processes and may use the libraries.
            { sourceTag: 'type:tools', onlyDependOnLibsWithTags: ['type:engine', 'type:connector', 'type:domain', 'type:data-access', 'type:platform'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:pipeline', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:pricing-bot', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests never sleep a fixed time in the browser: wait for a condition (expect.poll, waitForSelector, a waitFor helper).
    files: ['**/test/**/*.ts', '**/*.spec.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='waitForTimeout']",
          message: 'A fixed sleep: wait for the condition instead (expect.poll, waitForSelector, a waitFor helper).',
        },
      ],
    },
  },
);

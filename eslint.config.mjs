import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'libs/client/dist/**',
      'libs/client/src/generated/**',
      'coverage/**',
      'reports/**',
      'node_modules/**',
      '.cache/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message:
            'Read configuration through AppConfig (libs/core/src/config); only the config loader reads process.env.',
        },
      ],
    },
  },
  {
    // The config loader, provisioning, scripts and tests are the places allowed to read the environment.
    files: [
      'libs/core/src/config/**',
      'libs/testing/**',
      'scripts/**',
      'test/**',
      '**/*.spec.ts',
      'vitest.config.mts',
      'apps/*/src/main.ts',
      // The published CLI's entry point hands the environment to the CLI (LLMPLOYABLE_API_KEY/_URL/_CONFIG).
      'libs/client/src/cli/bin.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
);

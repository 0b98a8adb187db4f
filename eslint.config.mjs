// Lint rules for the whole workspace. Module boundaries follow the Nx tags in each project.json:
// type:app may import libs and tools; type:lib never imports an app or a tool; nobody imports the
// root of @cdktf/provider-aws (about 4 s and 540 MB per process: use deep paths).
import tseslint from 'typescript-eslint';

const providerRoot = {
  name: '@cdktf/provider-aws',
  message: 'Import provider classes by deep path, e.g. @cdktf/provider-aws/lib/vpc.',
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/cdktf.out/**',
      '**/dist/**',
      '.nx/**',
      'reports/**',
      '**/fixtures/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-imports': ['error', { paths: [providerRoot] }],
    },
  },
  {
    // type:lib — the construct library stands alone.
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [providerRoot],
          patterns: [
            {
              group: ['**/apps/**', '@apigw-private/apps/*'],
              message: 'A lib never imports an app.',
            },
            {
              group: ['**/tools/**', '@apigw-private/tools/*'],
              message: 'A lib never imports a tool.',
            },
          ],
        },
      ],
    },
  },
  {
    // type:tool — tools may use the library, never an app's code.
    files: ['tools/**/*.ts'],
    ignores: ['tools/**/test/**', 'tools/generators/**/files/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [providerRoot],
          patterns: [{ group: ['**/apps/*/src/**'], message: 'Tools never import app code.' }],
        },
      ],
    },
  },
);

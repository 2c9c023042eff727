import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// The layers (docs/architecture.md). db/ runs SQL and returns rows: from lib/ it may
// import only these pure leaf modules (constants, row mappings, schemas; none reaches a service or
// the database), and types from anywhere in lib/ (erased at build). Logic that needs more belongs
// in lib/, which calls db/queries.
const LIB_LEAVES_FOR_DB = [
  'env',
  'time/units',
  'rollups/histogram',
  'rollups/scales',
  'slo/windows',
  'slo/document',
  'validations/slo',
  'sdk/policies/backoff', // the one jittered backoff (no imports), for Postgres reconnects in db/client.ts
];
/** Imports of lib/ (by alias or relative path) other than the modules listed. */
const libExcept = (modules) => `^(@/|(\\.\\./)+)lib/(?!(${modules.join('|')})$)`;

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'warn',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // A type-only import says so (`import type`, or `type` on the name), so it is erased at build and
      // never loads a module at run time (the db/ rule above lets types through for that reason).
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
    },
  },
  {
    files: ['db/**/*.{ts,tsx,mts}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: libExcept(LIB_LEAVES_FOR_DB),
              allowTypeImports: true,
              message:
                'db/ runs SQL and returns rows: put this logic in lib/ and let it call db/queries ' +
                '(eslint.config.mjs lists the lib/ modules db/ may import).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(@/|(\\.\\./)+)db(/|$)',
              message:
                'Components get their data as props from app/ and their types from lib/, never from db/ (not even types).',
            },
          ],
        },
      ],
    },
  },
  {
    ignores: [
      'test/tmp/**',
      '.next/**',
      'lib/sdk/dist/**',
      'node_modules/**',
      '.data/**',
      'db/migrations/**',
      'next-env.d.ts',
    ],
  },
];

export default config;

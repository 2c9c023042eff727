import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: { '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }] },
  },
  { ignores: ['.next/**', 'lib/sdk/dist/**', 'node_modules/**', '.data/**', 'db/migrations/**', 'next-env.d.ts'] },
];

export default config;

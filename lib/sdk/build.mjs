// `npm run build:sdk` (and `npm pack` in lib/sdk, before packing): compiles lib/sdk with the
// project's TypeScript to ES modules with declarations in lib/sdk/dist, and to CommonJS in
// lib/sdk/dist/cjs; a package.json in each says which (the project's has no "type", so .js would
// mean CommonJS). lib/sdk/package.json (@switchboard/sdk) points `import` and `require` at them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');
fs.rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
for (const config of ['tsconfig.build.json', 'tsconfig.cjs.json']) {
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(here, config)], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
fs.writeFileSync(path.join(dist, 'package.json'), '{ "type": "module" }\n');
fs.writeFileSync(path.join(dist, 'cjs', 'package.json'), '{ "type": "commonjs" }\n');

// tsc rewrites `./x.ts` to `./x.js` in the JavaScript but not in the declarations; do it there
// too so that every tool reading the .d.ts files finds what is shipped.
for (const file of fs.readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
  if (!file.endsWith('.d.ts')) continue;
  const full = path.join(dist, file);
  const text = fs.readFileSync(full, 'utf8');
  fs.writeFileSync(full, text.replace(/(from\s+['"]\.{1,2}\/[^'"]*)\.ts(['"])/g, '$1.js$2'));
}

#!/usr/bin/env node
// The `switchboard` command. Plain JavaScript so that Node runs it without a build step: it
// registers tsx (TypeScript and the tsconfig `@/` paths) and hands over to main.ts.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register as registerCjs } from 'tsx/cjs/api';
import { register as registerEsm } from 'tsx/esm/api';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const callerCwd = process.cwd();
// Relative paths (the embedded data folder, db/migrations, .next) must mean the same folders as
// for the server, which npm always starts in the project root.
process.chdir(projectRoot);

// Both hooks: the package has no "type", so our .ts files load as CommonJS. With only the ESM
// hook, Node 20.19+ (require(esm) on by default) fails with ERR_REQUIRE_CYCLE_MODULE.
const tsconfig = path.join(projectRoot, 'tsconfig.json');
registerCjs({ tsconfig });
registerEsm({ tsconfig });

try {
  const loaded = await import('./main.ts');
  const { main } = loaded.main ? loaded : loaded.default;
  process.exitCode = await main(process.argv.slice(2), { callerCwd, projectRoot });
} catch (err) {
  // Reached only when loading failed (main reports its own errors), e.g. an invalid environment.
  console.error(`switchboard: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}

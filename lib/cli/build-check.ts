// Whether the production build in .next is older than the sources it was built from. Cheap by
// design (a stat per file, no hashing): it runs on every `npm start`.
import fs from 'node:fs';
import path from 'node:path';

/** What `next build` reads. db/migrations, lib/cli and lib/server/serve.mjs are read at run time, not built. */
const SOURCE_DIRS = ['app', 'components', 'lib', 'db', 'public'];
const SOURCE_FILES = [
  'package.json',
  'package-lock.json',
  'next.config.ts',
  'tsconfig.json',
  'postcss.config.mjs',
  'instrumentation.ts',
  'middleware.ts',
  'proxy.ts',
];
const SKIP = new Set([path.join('db', 'migrations'), path.join('lib', 'cli'), path.join('lib', 'server', 'serve.mjs')]);

function newestMtime(root: string, dir: string): number {
  let newest = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return 0; // the folder does not exist
  }
  for (const entry of entries) {
    const relative = path.join(dir, entry.name);
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || SKIP.has(relative)) continue;
    const time = entry.isDirectory() ? newestMtime(root, relative) : fs.statSync(path.join(root, relative)).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

function mtime(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Why a build is needed, or null when .next is up to date. */
export function buildNeeded(projectRoot: string): string | null {
  const built = mtime(path.join(projectRoot, '.next', 'BUILD_ID'));
  if (!built) return 'there is no production build yet';
  const newest = Math.max(
    ...SOURCE_DIRS.map((d) => newestMtime(projectRoot, d)),
    ...SOURCE_FILES.map((f) => mtime(path.join(projectRoot, f))),
  );
  return newest > built ? 'sources changed since the last build' : null;
}

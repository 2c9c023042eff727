// What the app exposes, read from the file system: route handlers with their HTTP methods, pages,
// and server actions. The access-control matrix compares this against its expectation table, so
// a route or action added on disk without a row (and so without a decided guard) fails the test.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const APP_DIR = path.resolve(import.meta.dirname, '../../app');
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

const appFiles = () => filesUnder(APP_DIR).map((f) => path.relative(APP_DIR, f).split(path.sep).join('/'));

/** `(app)/features/[key]/page.tsx` → `/features/[key]`: route groups do not appear in URLs. */
export function urlPattern(file: string): string {
  const segments = path.posix
    .dirname(file)
    .split('/')
    .filter((s) => s !== '.' && !/^\(.*\)$/.test(s));
  return `/${segments.join('/')}`;
}

/** "GET /api/v1/calls", one per exported HTTP method of every app/**\/route.ts. */
export function apiRoutes(): string[] {
  return appFiles()
    .filter((f) => /(^|\/)route\.ts$/.test(f))
    .flatMap((file) => {
      const source = readFileSync(path.join(APP_DIR, file), 'utf8');
      const exported = HTTP_METHODS.filter((m) =>
        new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b|export\\s*\\{[^}]*\\bas\\s+${m}\\b`).test(
          source,
        ),
      );
      return exported.map((m) => `${m} ${urlPattern(file)}`);
    })
    .sort();
}

/** URL patterns of every app/**\/page.tsx. */
export function pages(): string[] {
  return appFiles()
    .filter((f) => /(^|\/)page\.tsx$/.test(f))
    .map(urlPattern)
    .sort();
}

/** "app/(app)/alerts/actions.ts#acknowledgeAlertAction" for every export of a 'use server' file. */
export function serverActions(): string[] {
  return appFiles()
    .filter((f) => /\.(ts|tsx)$/.test(f))
    .flatMap((file) => {
      const source = readFileSync(path.join(APP_DIR, file), 'utf8');
      if (!/^\s*(\/\/[^\n]*\n\s*)*['"]use server['"]/.test(source)) return [];
      const names = [...source.matchAll(/export\s+(?:const|async\s+function|function)\s+(\w+)/g)].map((m) => m[1]);
      return names.map((name) => `app/${file}#${name}`);
    })
    .sort();
}

interface ManifestEntry {
  filename?: string;
  exportedName?: string;
  workers: Record<string, unknown>;
}

/** The built app's action ids (.next/server/server-reference-manifest.json) by "file#export", with a page that hosts each. */
export function builtActions(): Map<string, { id: string; page: string }> {
  const manifestPath = path.resolve(APP_DIR, '../.next/server/server-reference-manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { node: Record<string, ManifestEntry> };
  const out = new Map<string, { id: string; page: string }>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (!entry.filename || !entry.exportedName) continue;
    const worker = Object.keys(entry.workers)[0]!; // "app/(app)/alerts/page"
    out.set(`${entry.filename}#${entry.exportedName}`, { id, page: urlPattern(`${worker.replace(/^app\//, '')}.tsx`) });
  }
  return out;
}

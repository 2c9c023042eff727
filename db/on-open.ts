// What runs each time this process opens a database (openDatabase): in-process state that holds
// one database's values registers here to be dropped, since the next database may be another one
// (tests, benchmarks). Lets db/ clear the rollup caches of lib/rollups/bucket-cache.ts without
// importing them. Kept on globalThis, like the caches: Next.js may load a module twice.
type Hook = () => void;

const store = globalThis as unknown as { __switchboardDatabaseOpenHooks?: Map<string, Hook> };
const hooks = (store.__switchboardDatabaseOpenHooks ??= new Map<string, Hook>());

/** Runs `hook` whenever a database is opened from now on; a second hook of the same name replaces the first. */
export function onDatabaseOpen(name: string, hook: Hook): void {
  hooks.set(name, hook);
}

export function runDatabaseOpenHooks(): void {
  for (const hook of hooks.values()) hook();
}

// Long-lived requests made with an API key (the SDK's switch stream) end when the key is
// revoked: at once when the revocation happens in this process, and within POLL_MS when
// another instance on the same database revoked it. The guard refuses the reconnect.
import { getControlDb } from '@/db';
import { findRevokedKeyIds } from '@/db/queries/api-keys';

export const POLL_MS = 1_000;

interface Registry {
  watchers: Map<number, Set<AbortController>>;
  timer?: ReturnType<typeof setInterval>;
}

// On globalThis: the route handlers and the server actions are separate bundles, each with its
// own copy of this module, and a revocation on the keys page must reach the streams' copy.
const globalStore = globalThis as unknown as { __switchboardKeyRevocations?: Registry };
const registry: Registry = (globalStore.__switchboardKeyRevocations ??= {
  watchers: new Map<number, Set<AbortController>>(),
});
const watchers = registry.watchers;

function revoke(keyId: number): void {
  for (const controller of watchers.get(keyId) ?? []) controller.abort();
  watchers.delete(keyId);
}

async function poll(): Promise<void> {
  const revoked = await findRevokedKeyIds(await getControlDb(), [...watchers.keys()]);
  for (const id of revoked) revoke(id);
}

/** A signal that aborts when `keyId` is revoked; call `stop` when the request ends. */
export function watchKeyRevocation(keyId: number): { signal: AbortSignal; stop: () => void } {
  const controller = new AbortController();
  let set = watchers.get(keyId);
  if (!set) watchers.set(keyId, (set = new Set()));
  set.add(controller);
  registry.timer ??= setInterval(() => {
    // The database is away: the next round tries again, and the stream's own reads fail meanwhile.
    if (watchers.size > 0) poll().catch(() => {});
  }, POLL_MS);
  registry.timer.unref?.();
  return {
    signal: controller.signal,
    stop() {
      set.delete(controller);
      if (set.size === 0 && watchers.get(keyId) === set) watchers.delete(keyId);
      if (watchers.size === 0 && registry.timer) {
        clearInterval(registry.timer);
        registry.timer = undefined;
      }
    },
  };
}

/** Called by the revocation itself, so this process's streams end without waiting for a poll. */
export function keyRevoked(keyId: number): void {
  revoke(keyId);
}

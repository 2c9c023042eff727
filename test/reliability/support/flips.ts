// Flips a kill switch through the API and times its arrival at connected SDK clients.
import { createSwitchboard, type Switchboard } from '@/lib/sdk/index';
import { sleep } from './traffic';

export interface FlipTiming {
  /** PUT sent → each client's onChange for this flip (an upper bound on time since commit). */
  arrivals: number[];
  /** Clients that had not seen the flip when the wait ended. */
  missed: number;
  putMs: number;
}

/** SDK clients (the stream transport) that note when each one sees the switch of `feature` in a given state. */
export class SwitchWatchers {
  private expected: { killed: boolean; reason: string } | null = null;
  private seenAt: (number | undefined)[] = [];
  /** Every change of the feature's switch any client reported, in order. */
  readonly changes: { at: number; client: number; killed: boolean; reason: string | null }[] = [];

  private constructor(
    readonly clients: Switchboard[],
    private readonly feature: string,
  ) {
    clients.forEach((client, i) =>
      client.switches.onChange((changed) => {
        const state = changed.find((s) => s.feature === this.feature);
        if (state)
          this.changes.push({ at: performance.now(), client: i, killed: state.killed, reason: state.reason ?? null });
        if (!this.expected || !state || this.seenAt[i] !== undefined) return;
        if (state.killed === this.expected.killed && state.reason === this.expected.reason)
          this.seenAt[i] = performance.now();
      }),
    );
  }

  /** `count` clients, spread over `baseUrls` in turn, all ready before it resolves. */
  static async connect(baseUrls: string[], apiKey: string, feature: string, count: number): Promise<SwitchWatchers> {
    const clients = Array.from({ length: count }, (_, i) =>
      createSwitchboard({
        baseUrl: baseUrls[i % baseUrls.length],
        apiKey,
        readyTimeoutMs: 30_000,
        logger: { warn: () => {} },
      }),
    );
    const watchers = new SwitchWatchers(clients, feature);
    const ready = await Promise.all(clients.map((c) => c.ready()));
    if (ready.some((r) => !r)) {
      await watchers.close();
      throw new Error(`${ready.filter((r) => !r).length} of ${count} SDK clients were not ready within 30 s.`);
    }
    return watchers;
  }

  /** PUTs the flip on `baseUrl` and waits (at most `waitMs`) until every client has it. */
  async flip(baseUrl: string, writeKey: string, killed: boolean, reason: string, waitMs = 5_000): Promise<FlipTiming> {
    this.expected = { killed, reason };
    this.seenAt = new Array(this.clients.length).fill(undefined);
    const sentAt = performance.now();
    const response = await fetch(`${baseUrl}/api/v1/switches/${this.feature}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${writeKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ killed, reason }),
    });
    const putMs = performance.now() - sentAt;
    const body = (await response.json()) as { changed?: boolean };
    if (!response.ok || body.changed !== true)
      throw new Error(`The flip was not applied: HTTP ${response.status} ${JSON.stringify(body)}`);
    const deadline = performance.now() + waitMs;
    while (this.seenAt.some((t) => t === undefined) && performance.now() < deadline) await sleep(5);
    const arrivals = this.seenAt.filter((t): t is number => t !== undefined).map((t) => t - sentAt);
    this.expected = null;
    return { arrivals, missed: this.clients.length - arrivals.length, putMs };
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.close()));
  }
}

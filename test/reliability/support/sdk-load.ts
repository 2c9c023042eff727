// SDK clients sending calls at a steady rate through the app, as the applications of a company
// would, and their delivery afterwards: what the restart and failover drills measure against.
import { createSwitchboard, type Switchboard } from '@/lib/sdk/index';
import type { Scenario } from './environment';
import { IngestTally, sdkCall, until } from './traffic';

const TICK_MS = 100;

export class SdkLoad {
  readonly tally = new IngestTally();
  readonly warnings: string[] = [];
  /** Calls recorded so far. */
  sent = 0;
  private timer: NodeJS.Timeout | undefined;

  private constructor(readonly clients: Switchboard[]) {}

  /** `count` clients, each with a key of its own, on the scenario's first app. */
  static async connect(scenario: Scenario, count: number): Promise<SdkLoad> {
    const clients: Switchboard[] = [];
    const load = new SdkLoad(clients);
    for (let i = 0; i < count; i++) {
      const apiKey = await scenario.createKey(['ingest', 'switches:read'], `reliability client ${i}`);
      clients.push(
        createSwitchboard({
          baseUrl: scenario.apps[0].url,
          apiKey,
          fetch: load.tally.fetch,
          logger: { warn: (m) => load.warnings.push(m) },
        }),
      );
    }
    return load;
  }

  /** Each client records `perSecond` calls a second (every 100 ms), spread over `features`; `onTick` runs with each. */
  start(features: readonly string[], perSecond: number, onTick?: () => void): void {
    const perTick = (perSecond * TICK_MS) / 1000;
    this.timer = setInterval(() => {
      this.clients.forEach((client, c) => {
        for (let k = 0; k < perTick; k++) client.recorder.record(sdkCall(features[(c + k) % features.length]));
        this.sent += perTick;
      });
      onTick?.();
    }, TICK_MS);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /**
   * Flushes until every client's queue is empty (the SDK retries in the background after the
   * server's Retry-After; flush() sends at once), then closes them: what the API confirmed, and
   * what the SDKs gave up on.
   */
  async drain(timeoutMs: number): Promise<{ confirmed: number; dropped: number }> {
    await until(
      async () => {
        await Promise.all(this.clients.map((c) => c.flush()));
        return this.clients.every((c) => c.stats().queued === 0);
      },
      timeoutMs,
      'the SDK clients to deliver their queues',
    );
    const stats = this.clients.map((c) => c.stats());
    await Promise.all(this.clients.map((c) => c.close()));
    return { confirmed: stats.reduce((n, s) => n + s.sent, 0), dropped: stats.reduce((n, s) => n + s.dropped, 0) };
  }
}

// What the SDK's call path adds to a call: the same in-process stub model called directly and
// through runChain (kill-switch check, breaker, per-step timeout with its AbortController, deadline,
// one CallRecord handed to the recorder). Run by hand, never in CI (figures depend on the machine):
//   npx tsx test/bench/sdk-overhead.bench.mts            (CALLS=200000 by default)
// Issue 3's target: ≤ 10 µs median added per call.
import os from 'node:os';
import { BreakerRegistry, model, rule, runChain, type ChainDeps } from '../../lib/sdk/core.ts';
import type { CallRecord, SwitchReader } from '../../lib/sdk/types.ts';

const CALLS = Number(process.env.CALLS ?? 200_000);
const answer = { text: 'ok', usage: { prompt_tokens: 10, completion_tokens: 2 } };
const stub = async (_signal?: AbortSignal) => answer;

const switches: SwitchReader = { isKilled: () => false, get: () => undefined, stale: false };
const noop: ChainDeps = { switches, recorder: { record: () => {} }, breakers: new BreakerRegistry() };
// A recorder closer to the real exporter: a bounded in-memory queue push, nothing else.
const queue: CallRecord[] = [];
const queued: ChainDeps = {
  ...noop,
  recorder: {
    record: (c) => {
      if (queue.length >= 10_000) queue.length = 0;
      queue.push(c);
    },
  },
};

const steps = [
  model('stub-model', stub, {
    provider: 'local',
    usage: (r) => ({ inputTokens: r.usage.prompt_tokens, outputTokens: r.usage.completion_tokens }),
  }),
  rule('canned', () => answer),
];
const options = { prompt: 'hello', userId: 'u-1', release: 'v1' };

// The floor: what any wrapper with a timeout pays (an AbortController, a timer, a queue push).
async function minimalWrapper() {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  try {
    const value = await stub(controller.signal);
    queue.push({
      id: 'x',
      feature: 'bench',
      timestamp: '',
      model: 'stub-model',
      outcome: 'ok',
      route: 'primary',
      fallbackDepth: 0,
      latencyMs: 0,
    });
    if (queue.length >= 10_000) queue.length = 0;
    return value;
  } finally {
    clearTimeout(timer);
  }
}

type Variant = [name: string, run: () => Promise<unknown>];
const variants: Variant[] = [
  ['direct call', () => stub()],
  ['minimal wrapper (reference)', minimalWrapper],
  ['runChain, no-op recorder', () => runChain('bench', steps, options, noop)],
  ['runChain, queue recorder', () => runChain('bench', steps, options, queued)],
];

function percentile(sorted: Float64Array, p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function main() {
  // Warm up every path so the JIT has compiled them before anything is measured.
  for (let i = 0; i < 20_000; i++) for (const [, run] of variants) await run();
  const samples = variants.map(() => new Float64Array(CALLS));
  // Interleaved, so drift in machine load hits every variant alike.
  for (let i = 0; i < CALLS; i++) {
    for (let v = 0; v < variants.length; v++) {
      const t = performance.now();
      await variants[v][1]();
      samples[v][i] = (performance.now() - t) * 1000;
    }
  }
  const stats = samples.map((s) => {
    s.sort();
    return { median: percentile(s, 0.5), p99: percentile(s, 0.99) };
  });
  console.log(
    `SDK call-path overhead — ${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, Node ${process.version}, ${CALLS} calls per variant`,
  );
  console.log('variant                       median µs   p99 µs   added median µs   added p99 µs');
  for (let v = 0; v < variants.length; v++) {
    const { median, p99 } = stats[v];
    const added =
      v === 0
        ? ''
        : `${(median - stats[0].median).toFixed(2).padStart(15)}   ${(p99 - stats[0].p99).toFixed(2).padStart(12)}`;
    console.log(
      `${variants[v][0].padEnd(28)}  ${median.toFixed(2).padStart(9)}  ${p99.toFixed(2).padStart(7)}   ${added}`,
    );
  }
}

await main();

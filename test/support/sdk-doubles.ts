// In-memory stand-ins for the SDK's own small interfaces (SwitchReader, CallRecorder), and
// provider-shaped errors, for the call-path unit tests.
import { BreakerRegistry, type ChainDeps, type CircuitBreakerOptions } from '@/lib/sdk/core';
import type { CallRecord, CallRecorder, SwitchReader, SwitchState } from '@/lib/sdk/types';

export class MemorySwitches implements SwitchReader {
  readonly states = new Map<string, SwitchState>();
  stale = false;
  kill(feature: string, killed = true) {
    this.states.set(feature, {
      feature,
      killed,
      reason: 'test',
      updatedAt: new Date().toISOString(),
      updatedBy: 'test',
    });
  }
  isKilled(feature: string) {
    return this.states.get(feature)?.killed ?? false;
  }
  get(feature: string) {
    return this.states.get(feature);
  }
}

export class MemoryRecorder implements CallRecorder {
  readonly calls: CallRecord[] = [];
  record(call: CallRecord) {
    this.calls.push(call);
  }
  get last(): CallRecord {
    return this.calls[this.calls.length - 1];
  }
}

export function testDeps(breaker: CircuitBreakerOptions = {}) {
  const switches = new MemorySwitches();
  const recorder = new MemoryRecorder();
  const breakers = new BreakerRegistry(breaker);
  // Date.now is faked by vi.useFakeTimers, so latencies and deadlines follow the fake clock.
  const deps: ChainDeps = { switches, recorder, breakers, now: () => Date.now(), backoff: () => 100 };
  return { switches, recorder, breakers, deps };
}

/** An error shaped like openai's APIError. */
export function httpError(status: number, headers: Record<string, string> = {}, code?: string) {
  return Object.assign(new Error(`HTTP ${status}`), { status, headers, code });
}

/** A call that only ends when its signal aborts, like a hung provider. */
export function hang<T>(signal: AbortSignal): Promise<T> {
  return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
}

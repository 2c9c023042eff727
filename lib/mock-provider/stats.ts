// Counters served at GET /_stats: tests read them to prove a model was (or was not) called.

export type FaultKind = 'rate_limit' | 'server_error' | 'hang' | 'broken_stream' | 'invalid_output';

export interface ModelStats {
  requests: number;
  streams: number;
  answered: number;
  faults: Record<FaultKind, number>;
}

export interface ProviderStats {
  requests: number;
  /** Requests rejected before reaching a model (bad JSON, invalid body). */
  rejected: number;
  models: Record<string, ModelStats>;
}

const emptyModel = (): ModelStats => ({
  requests: 0,
  streams: 0,
  answered: 0,
  faults: { rate_limit: 0, server_error: 0, hang: 0, broken_stream: 0, invalid_output: 0 },
});

export class StatsCounter {
  private stats: ProviderStats = { requests: 0, rejected: 0, models: {} };

  private model(name: string): ModelStats {
    return (this.stats.models[name] ??= emptyModel());
  }

  request(model: string, stream: boolean): void {
    this.stats.requests++;
    const entry = this.model(model);
    entry.requests++;
    if (stream) entry.streams++;
  }

  rejected(): void {
    this.stats.requests++;
    this.stats.rejected++;
  }

  fault(model: string, kind: FaultKind): void {
    this.model(model).faults[kind]++;
  }

  answered(model: string): void {
    this.model(model).answered++;
  }

  snapshot(): ProviderStats {
    return structuredClone(this.stats);
  }

  reset(): void {
    this.stats = { requests: 0, rejected: 0, models: {} };
  }
}

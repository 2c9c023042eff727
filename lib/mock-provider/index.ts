// An OpenAI-compatible mock LLM provider with injectable faults, for tests, the demo and local work.
export { startMockProvider, type MockProvider, type MockProviderOptions } from './server';
export { FaultSpecSchema, FaultUpdateSchema, type FaultConfig, type FaultSpec, type FaultUpdate } from './faults';
export type { ProviderStats, ModelStats } from './stats';

// switchboard/sdk: the public API of the Switchboard SDK.
export { createSwitchboard, type Switchboard, type SwitchboardOptions, type SwitchboardStats } from './client.ts';
export * from './core.ts';
export {
  SwitchStore,
  type SwitchDocument,
  type SwitchFlip,
  type ChangeListener,
  type StaleListener,
} from './switches/switch-store.ts';
export { TelemetryExporter, type ExporterOptions, type ExporterStats } from './telemetry/exporter.ts';
export { ScoreExporter } from './telemetry/score-exporter.ts';
export type { Logger } from './logger.ts';
export type {
  CallRecord,
  CallRecorder,
  ScoreRecord,
  ChatMessage,
  ErrorType,
  Outcome,
  Route,
  SwitchReader,
  SwitchState,
} from './types.ts';

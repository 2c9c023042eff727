// switchboard/sdk: the public API of the Switchboard SDK.
export { createSwitchboard, type Switchboard, type SwitchboardOptions, type SwitchboardStats } from './client.js';
export * from './core.js';
export { SwitchStore, type SwitchDocument, type SwitchFlip, type ChangeListener, type StaleListener } from './switches/switch-store.js';
export { TelemetryExporter, type ExporterOptions, type ExporterStats } from './telemetry/exporter.js';
export type { Logger } from './logger.js';
export type { CallRecord, CallRecorder, ChatMessage, ErrorType, Outcome, Route, SwitchReader, SwitchState } from './types.js';

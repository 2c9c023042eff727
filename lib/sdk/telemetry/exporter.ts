// Ships finished calls to POST {baseUrl}/api/v1/calls in the background (BatchExporter): `record`
// only pushes onto a bounded queue, so the call path never waits on the network.
import type { CallRecord, CallRecorder } from '../types.ts';
import { makeBatch } from './batch.ts';
import { BatchExporter, type ExporterOptions } from './batch-exporter.ts';

export type { ExporterOptions, ExporterStats } from './batch-exporter.ts';

export class TelemetryExporter extends BatchExporter<CallRecord> implements CallRecorder {
  constructor(options: ExporterOptions) {
    super(options, { path: '/api/v1/calls', noun: 'call', encode: makeBatch });
  }

  record(call: CallRecord): void {
    this.push(call);
  }
}

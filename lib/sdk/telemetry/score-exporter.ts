// Ships scores sent after their calls (switchboard.score()) to POST {baseUrl}/api/v1/scores in the
// background, batched like calls. A score names a call the dashboard must already have, so each
// send first lets the calls exporter send what it holds (`beforeSend`).
import type { ScoreRecord } from '../types.ts';
import { makeScoreBatch } from './batch.ts';
import { BatchExporter, type ExporterOptions } from './batch-exporter.ts';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

export class ScoreExporter extends BatchExporter<ScoreRecord> {
  constructor(options: ExporterOptions & { beforeSend?: () => Promise<void> }) {
    super(options, { path: '/api/v1/scores', noun: 'score', encode: makeScoreBatch, beforeSend: options.beforeSend });
  }

  /** Queues a score of the call `callId` (from a chain's result: `result.id`); returns at once. */
  score(callId: string, value: number, options: Omit<ScoreRecord, 'callId' | 'value'> = {}): void {
    if (typeof callId !== 'string' || callId === '')
      throw new TypeError('score() needs the call id (the `id` of a chain result).');
    if (typeof value !== 'number' || !(value >= 0 && value <= 1))
      throw new RangeError(`A score is a number from 0 to 1, not ${String(value)}.`);
    if (options.name !== undefined && !NAME.test(options.name))
      throw new TypeError('A score name is 1-64 letters, digits, ".", "_", ":" or "-".');
    this.push({ callId, value, ...options });
  }
}

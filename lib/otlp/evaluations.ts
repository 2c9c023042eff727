// Scores carried by a GenAI span: `gen_ai.evaluation.result` events (OpenTelemetry GenAI semantic
// conventions) with `gen_ai.evaluation.name`, `gen_ai.evaluation.score.value` and
// `gen_ai.evaluation.explanation`, stored like POST /api/v1/scores (docs/scores.md). The
// conventions leave the scale to the evaluator; Switchboard's scores are 0–1, so other values are
// left out and counted.
import type { ScoreInput } from '@/lib/validations/score';
import { attributeMap } from './attributes';
import type { OtlpSpan } from './schema';

export const EVALUATION_EVENT = 'gen_ai.evaluation.result';

export interface SpanEvaluations {
  scores: Omit<ScoreInput, 'callId'>[];
  /** Evaluation events without a score from 0 to 1. */
  skipped: number;
}

export function spanEvaluations(span: OtlpSpan): SpanEvaluations {
  const out: SpanEvaluations = { scores: [], skipped: 0 };
  for (const event of span.events ?? []) {
    if (event.name !== EVALUATION_EVENT) continue;
    const attrs = attributeMap(event.attributes);
    const value = attrs.get('gen_ai.evaluation.score.value');
    const name = attrs.get('gen_ai.evaluation.name');
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      out.skipped++;
      continue;
    }
    const explanation = attrs.get('gen_ai.evaluation.explanation');
    out.scores.push({
      ...(typeof name === 'string' && name !== '' ? { name: scoreName(name) } : {}),
      value,
      source: 'otel',
      ...(typeof explanation === 'string' && explanation !== '' ? { comment: explanation.slice(0, 2000) } : {}),
    });
  }
  return out;
}

/** An evaluation name as a score name ("Intent Resolution" → "Intent_Resolution"). */
function scoreName(name: string): string {
  return (
    name
      .replace(/[^A-Za-z0-9_.:-]+/g, '_')
      .replace(/^[^A-Za-z0-9]+/, '')
      .slice(0, 64) || 'otel'
  );
}

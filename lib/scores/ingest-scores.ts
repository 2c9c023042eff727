// Ingests a batch of scores sent after their calls (POST /api/v1/scores; docs/scores.md): each item
// is validated on its own, comments are redacted like call bodies, and the valid ones are written
// in one transaction whose commit is confirmed before anything is acknowledged.
import type { Db } from '@/db';
import { confirmCommitted } from '@/db/queries/calls';
import { writeScores, type ScoreWrite, type WrittenScores } from '@/db/queries/scores';
import { batchItems } from '@/lib/ingest/batch-envelope';
import { getIngestConfig } from '@/lib/ingest/ingest-config';
import type { RejectedCall } from '@/lib/ingest/ingest-calls';
import { storableText } from '@/lib/sdk/redact/redactor';
import { MAX_SCORES_PER_BATCH, parseScore, type ValidScore } from '@/lib/validations/score';

export interface ScoreIngestResult {
  /** Scores stored, or changed, by this request. */
  accepted: number;
  /** Scores already stored exactly so (a re-send): nothing changed, not an error. */
  duplicates: number;
  rejected: RejectedCall[];
}

export async function ingestScores(db: Db, rawBody: unknown): Promise<ScoreIngestResult> {
  const items = batchItems(rawBody, 'scores', MAX_SCORES_PER_BATCH);
  const rejected: RejectedCall[] = [];
  const valid: { index: number; score: ValidScore }[] = [];
  items.forEach((item, index) => {
    const parsed = parseScore(item);
    if (parsed.ok) valid.push({ index, score: parsed.score });
    else rejected.push({ index, ...idOf(item), errors: parsed.errors });
  });
  if (valid.length === 0) return { accepted: 0, duplicates: 0, rejected };

  const written = await storeScores(
    db,
    valid.map((v) => v.score),
  );
  for (const i of written.missing) {
    rejected.push({
      index: valid[i].index,
      id: valid[i].score.callId,
      errors: ['callId: there is no call with this id (not sent yet, or older than the retention period)'],
    });
  }
  rejected.sort((a, b) => a.index - b.index);
  return { accepted: written.stored.length, duplicates: written.duplicates.length, rejected };
}

/**
 * Stores validated scores (comments redacted like call bodies) in one transaction and confirms its
 * commit: for POST /api/v1/scores and the evaluation events of OTLP spans.
 */
export async function storeScores(db: Db, scores: ValidScore[]): Promise<WrittenScores> {
  const { redactor } = await getIngestConfig(db);
  const writes: ScoreWrite[] = scores.map(({ callId, name, value, comment, source }) => ({
    callId,
    name,
    value,
    comment: comment === undefined ? null : storableText(redactor.text(comment, {})),
    source: source === undefined ? null : storableText(source),
  }));
  const written = await db.transaction((tx) => writeScores(tx, writes));
  if (written.xid !== null) await confirmCommitted(db, written.xid);
  return written;
}

function idOf(item: unknown): { id?: string } {
  const id = (item as { callId?: unknown } | null)?.callId;
  return typeof id === 'string' && id.length <= 200 ? { id } : {};
}

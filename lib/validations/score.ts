// A score sent after its call (POST /api/v1/scores, the SDK's switchboard.score()): the input,
// shared by the API and the SDK's batching.
import { z } from 'zod';

export const MAX_SCORES_PER_BATCH = 1000;
/** The name of a score sent without one. */
export const DEFAULT_SCORE_NAME = 'default';

const noNul = (s: string) => !s.includes('\u0000');

export const ScoreSchema = z
  .object({
    callId: z.uuid('must be the id of a call (a UUID)'),
    name: z
      .string()
      .trim()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/,
        'must be 1-64 letters, digits, ".", "_", ":" or "-", starting with a letter or digit',
      )
      .default(DEFAULT_SCORE_NAME),
    value: z.number('must be a number from 0 to 1').min(0, 'must be from 0 to 1').max(1, 'must be from 0 to 1'),
    comment: z.string().max(2000, 'must be at most 2,000 characters').refine(noNul, 'must not contain NUL').optional(),
    source: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(64, 'must be at most 64 characters')
      .refine(noNul, 'must not contain NUL')
      .optional(),
  })
  .strict();

export type ScoreInput = z.input<typeof ScoreSchema>;
export type ValidScore = z.output<typeof ScoreSchema>;

/** Validates one score; failures come back as readable `field: problem` lines. */
export function parseScore(value: unknown): { ok: true; score: ValidScore } | { ok: false; errors: string[] } {
  const parsed = ScoreSchema.safeParse(value);
  if (parsed.success) return { ok: true, score: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    ),
  };
}

// The model price form (settings page) and its server action share this schema.
import { z } from 'zod';

/** Glob characters over model names: letters, digits, `.-_:/@`, `*` and `?`. */
export const MODEL_PATTERN = /^[a-z0-9*?._:/@-]{1,200}$/;

const price = (label: string) =>
  z.coerce
    .number({ message: `Enter the ${label} price as a number.` })
    .min(0, 'Prices cannot be negative.')
    .max(100_000, 'That is more than $100,000 per million tokens; check the unit.');

export const ModelPriceSchema = z.object({
  provider: z.string().trim().min(1, 'Name the provider.').max(50, 'Use at most 50 characters.'),
  modelPattern: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      MODEL_PATTERN,
      'Use letters, digits, ".", "-", "_", ":", "/", "@" and the wildcards * and ? (e.g. gpt-4o-mini*).',
    ),
  inputPerMTok: price('input'),
  outputPerMTok: price('output'),
  /** Empty: cached input costs the input price. */
  cachedInputPerMTok: z.preprocess((v) => (v === '' || v === undefined ? null : v), price('cached input').nullable()),
  effectiveFrom: z.coerce.date({ message: 'Enter the date from which this price applies.' }),
});

export type ModelPriceInput = z.infer<typeof ModelPriceSchema>;

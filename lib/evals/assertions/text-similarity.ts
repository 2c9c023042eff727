// The local similarity of `similar` when no embedding endpoint is configured.
//
// Both texts are normalised (Unicode NFKD with accents removed, lower case, every run of
// characters that are not letters or digits read as one space), then compared twice:
//   - words:      cosine similarity of the word term-frequency vectors (the same words, any order);
//   - trigrams:   cosine similarity of the character-trigram term-frequency vectors of the
//                 space-padded text (tolerates inflections and typos: "refund" ~ "refunds").
// The similarity is the mean of the two, in [0, 1]: 1 for texts that normalise to the same,
// 0 when they share no word and no trigram (or exactly one of them is empty).
// It measures shared wording, not meaning: a paraphrase with other words scores low; configure
// `embeddings` for that.

type Vector = Map<string, number>;

export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function count(terms: Iterable<string>): Vector {
  const vector: Vector = new Map();
  for (const term of terms) vector.set(term, (vector.get(term) ?? 0) + 1);
  return vector;
}

function* trigrams(text: string): Iterable<string> {
  const padded = ` ${text} `;
  for (let i = 0; i + 3 <= padded.length; i++) yield padded.slice(i, i + 3);
}

/** Cosine similarity of two vectors of numbers (embeddings); 0 when either is all zeros. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0,
    normA = 0,
    normB = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    dot += a[i] * b[i];
    normA += a[i] * a[i];
    normB += b[i] * b[i];
  }
  return normA && normB ? dot / Math.sqrt(normA * normB) : 0;
}

function cosineOfCounts(a: Vector, b: Vector): number {
  let dot = 0;
  for (const [term, n] of a) dot += n * (b.get(term) ?? 0);
  const norm = (v: Vector) => Math.sqrt([...v.values()].reduce((sum, n) => sum + n * n, 0));
  const denominator = norm(a) * norm(b);
  return denominator ? dot / denominator : 0;
}

export function textSimilarity(a: string, b: string): number {
  const left = normalizeText(a);
  const right = normalizeText(b);
  if (left === right) return 1;
  if (!left || !right) return 0;
  const words = cosineOfCounts(count(left.split(' ')), count(right.split(' ')));
  const grams = cosineOfCounts(count(trigrams(left)), count(trigrams(right)));
  // Rounding keeps 0.1 + 0.2-style noise out of the comparison with a threshold.
  return Math.min(1, Math.round(((words + grams) / 2) * 1e9) / 1e9);
}

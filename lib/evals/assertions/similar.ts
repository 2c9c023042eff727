// similar: the output against the assertion's text (default: the case's expected output), by the
// local measure of text-similarity.ts, or by the cosine of embeddings when `embeddings` is set.
import { EndpointError, postToEndpoint } from './endpoint';
import { failure, measured, type Check, type CheckInput } from './outcome';
import { cosine, textSimilarity } from './text-similarity';

export const DEFAULT_SIMILARITY_THRESHOLD = 0.8;

export const similar: Check = async (input) => {
  const { assertion, evalCase, answer, context } = input;
  const reference = assertion.value ?? evalCase.expected;
  if (reference === undefined)
    return failure('nothing to compare with: give the assertion a value or the case an expected output');
  let similarity: number;
  try {
    similarity = context.embeddings
      ? await embeddingSimilarity(answer.output, String(reference), input)
      : textSimilarity(answer.output, String(reference));
  } catch (err) {
    if (err instanceof EndpointError) return failure(`embeddings failed: ${err.message}`);
    throw err;
  }
  const threshold = assertion.threshold ?? DEFAULT_SIMILARITY_THRESHOLD;
  const pass = similarity >= threshold;
  const label = context.embeddings ? 'embedding similarity' : 'similarity';
  return {
    pass,
    score: similarity,
    reason: measured(pass, assertion.not, label, [similarity.toFixed(2), threshold.toFixed(2)], ['≥', '<']),
  };
};

/** POST {baseUrl}/embeddings with both texts; the cosine of the two vectors, negatives read as 0. */
async function embeddingSimilarity(output: string, reference: string, { context }: CheckInput): Promise<number> {
  const endpoint = context.embeddings!;
  const body = (await postToEndpoint(
    endpoint,
    '/embeddings',
    { model: endpoint.model, input: [output, reference] },
    context,
  )) as {
    data?: { index?: number; embedding?: unknown }[];
  };
  const data = Array.isArray(body?.data) ? [...body.data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0)) : [];
  const vectors = data.map((d) => d.embedding);
  if (
    vectors.length !== 2 ||
    !vectors.every((v) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number'))
  ) {
    throw new EndpointError(`${endpoint.baseUrl}/embeddings did not answer two embeddings in data[].embedding`);
  }
  return Math.max(0, Math.min(1, cosine(vectors[0] as number[], vectors[1] as number[])));
}

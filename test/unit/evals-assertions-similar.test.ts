import { afterEach, describe, expect, it } from 'vitest';
import { normalizeText, textSimilarity } from '@/lib/evals/assertions/text-similarity';
import { assertion, check, startModelServer } from '../support/evals-fixtures';

describe('the local text similarity', () => {
  it('is 1 for texts that normalise to the same and 0 for texts with nothing in common', () => {
    expect(normalizeText('  Café,  RÉSUMÉ!! ')).toBe('cafe resume');
    expect(textSimilarity('Café résumé', 'cafe, RESUME')).toBe(1);
    expect(textSimilarity('abc', 'xyz')).toBe(0);
    expect(textSimilarity('', 'something')).toBe(0);
    expect(textSimilarity('', '')).toBe(1);
  });

  it('ranks close wording above loose wording, and is symmetric', () => {
    const expected = 'You can get a refund within 30 days of purchase.';
    const close = textSimilarity('You can get refunds within 30 days after purchase.', expected);
    const loose = textSimilarity('Our office opens at nine.', expected);
    expect(close).toBeGreaterThan(0.7);
    expect(loose).toBeLessThan(0.3);
    expect(textSimilarity(expected, 'Our office opens at nine.')).toBeCloseTo(loose, 12);
  });
});

describe('similar', () => {
  const expected = 'You can get a refund within 30 days.';

  it('compares with the expected output by default and reports the similarity', async () => {
    const result = await check(
      assertion('similar', undefined, { threshold: 0.8 }),
      'You can get a refund within 30 days!',
      { case: { expected } },
    );
    expect(result).toMatchObject({ passed: true, score: 1, reason: 'similarity 1.00 ≥ 0.80' });
    const far = await check(assertion('similar', 'The sky is blue.', { threshold: 0.8 }), expected);
    expect(far.passed).toBe(false);
    expect(far.reason).toMatch(/^similarity 0\.\d\d < 0\.80$/);
    expect(far.score).toBeLessThan(0.5);
  });

  it('negated: passes when not similar, scores 1 − similarity, and says what was wanted when it fails', async () => {
    const negated = await check(assertion('not-similar', 'The sky is blue.', { threshold: 0.8 }), expected);
    expect(negated.passed).toBe(true);
    expect(negated.score).toBeGreaterThan(0.5);
    const same = await check(assertion('not-similar', expected, { threshold: 0.8 }), expected);
    expect(same).toMatchObject({ passed: false, score: 0, reason: 'similarity 1.00 ≥ 0.80, expected < 0.80' });
  });

  describe('with an embeddings endpoint', () => {
    let server: Awaited<ReturnType<typeof startModelServer>> | undefined;
    afterEach(async () => server?.close());

    it('uses the cosine of the two embeddings, sending the key from the named variable', async () => {
      server = await startModelServer(() => ({
        body: {
          data: [
            { index: 1, embedding: [1, 1, 0] },
            { index: 0, embedding: [1, 0, 0] },
          ],
        },
      }));
      const context = {
        embeddings: { baseUrl: server.baseUrl, model: 'embed-small', apiKeyEnv: 'EMBED_KEY' },
        env: { EMBED_KEY: 'k-123' },
      };
      const result = await check(assertion('similar', 'reference', { threshold: 0.7 }), 'output', { context });
      expect(result).toMatchObject({ passed: true, reason: 'embedding similarity 0.71 ≥ 0.70' });
      expect(result.score).toBeCloseTo(Math.SQRT1_2, 6);
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]).toMatchObject({
        url: '/v1/embeddings',
        body: { model: 'embed-small', input: ['output', 'reference'] },
      });
      expect(server.requests[0].headers.authorization).toBe('Bearer k-123');
    });

    it('an endpoint error fails the assertion (negated too) instead of crashing', async () => {
      server = await startModelServer(() => ({ status: 503, body: { error: 'overloaded' } }));
      const context = { embeddings: { baseUrl: server.baseUrl, model: 'embed-small' } };
      const result = await check(assertion('not-similar', 'reference', { threshold: 0.7 }), 'output', { context });
      expect(result.passed).toBe(false);
      expect(result.score).toBe(0);
      expect(result.reason).toMatch(/^embeddings failed: http:\/\/127\.0\.0\.1:\d+\/v1\/embeddings answered HTTP 503/);
    });

    it('a missing key variable fails with its name', async () => {
      const context = { embeddings: { baseUrl: 'http://127.0.0.1:9/v1', model: 'm', apiKeyEnv: 'NOPE_KEY' }, env: {} };
      const result = await check(assertion('similar', 'reference'), 'output', { context });
      expect(result.reason).toBe(
        'embeddings failed: the environment variable NOPE_KEY (the API key of http://127.0.0.1:9/v1) is not set',
      );
    });
  });
});

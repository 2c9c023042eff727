import { describe, expect, it } from 'vitest';
import { firstCallSnippet } from '@/components/overview/first-call-guide';

/** The JSON between -d '…' as the shell would pass it. */
const bodyOf = (snippet: string) => JSON.parse(snippet.slice(snippet.indexOf("-d '") + 4, snippet.lastIndexOf("'")));

describe('the first-call snippet', () => {
  it('is a curl that posts a minimal valid call with a bearer key', () => {
    const snippet = firstCallSnippet('https://switchboard.example.com', 'production');
    expect(snippet).toMatch(/^curl -X POST https:\/\/switchboard\.example\.com\/api\/v1\/calls \\\n/);
    expect(snippet).toContain('-H "Authorization: Bearer <key>"');
    const body = bodyOf(snippet);
    expect(body.calls).toHaveLength(1);
    expect(body.calls[0]).toMatchObject({ feature: 'support-agent', model: 'gpt-4o-mini', latencyMs: 820 });
    expect(body.calls[0].id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.calls[0].environment).toBeUndefined(); // production is the default
  });

  it('names the environment being looked at when it is not production', () => {
    expect(bodyOf(firstCallSnippet('http://localhost:3000', 'staging')).calls[0].environment).toBe('staging');
  });
});

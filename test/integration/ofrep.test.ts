// OFREP (the OpenFeature Remote Evaluation Protocol) with the official OpenFeature server SDK and
// its OFREP provider: kill switches as boolean flags for apps in any language. Plus the protocol's
// details a provider relies on: bulk evaluation with ETag/304, the event stream, error shapes,
// the browser key's redacted metadata, CORS and the rate limit.
import { OFREPProvider } from '@openfeature/ofrep-provider';
import { ErrorCode, OpenFeature } from '@openfeature/server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeature, SseReader } from '../support/switches';
import { baseUrl, createTestKey } from '../support/system';

let readKey: string;
let publicKey: string;
let writeKey: string;
beforeAll(async () => {
  readKey = await createTestKey(['switches:read'], 'ofrep-server');
  publicKey = await createTestKey(['switches:public'], 'ofrep-browser');
  writeKey = await createTestKey(['switches:write'], 'ofrep-oncall');
});
afterAll(async () => OpenFeature.close());

const flip = async (feature: string, killed: boolean, reason = 'Provider outage, routing to fallback') => {
  const res = await fetch(`${baseUrl()}/api/v1/switches/${feature}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${writeKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ killed, reason }),
  });
  expect(res.status).toBe(200);
};

const bulk = (headers: Record<string, string>, body = '{"context":{"targetingKey":"user-1"}}') =>
  fetch(`${baseUrl()}/ofrep/v1/evaluate/flags`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

describe('OFREP with @openfeature/server-sdk and @openfeature/ofrep-provider', () => {
  it('evaluates a live feature as true, a killed one as false, an unknown one as the default with FLAG_NOT_FOUND', async () => {
    const feature = await createFeature('ofrep-sdk');
    await OpenFeature.setProviderAndWait(
      'ofrep',
      new OFREPProvider({ baseUrl: baseUrl(), headers: [['Authorization', `Bearer ${readKey}`]] }),
    );
    const client = OpenFeature.getClient('ofrep');

    const live = await client.getBooleanDetails(feature, false, { targetingKey: 'user-1' });
    expect(live).toMatchObject({ value: true, reason: 'STATIC', variant: 'live' });
    expect(live.errorCode).toBeUndefined();

    await flip(feature, true);
    const killed = await client.getBooleanDetails(feature, true);
    expect(killed).toMatchObject({ value: false, variant: 'killed' });
    expect(killed.flagMetadata).toMatchObject({
      killed: true,
      killReason: 'Provider outage, routing to fallback',
      updatedBy: 'key ofrep-oncall',
    });

    const unknown = await client.getBooleanDetails('no-such-feature-anywhere', true);
    expect(unknown).toMatchObject({ value: true, errorCode: ErrorCode.FLAG_NOT_FOUND, reason: 'ERROR' });
    const asString = await client.getStringDetails(feature, 'fallback');
    expect(asString).toMatchObject({ value: 'fallback', errorCode: ErrorCode.TYPE_MISMATCH });
  });

  it('takes the key as X-API-Key too, and refuses keys without switches:read or switches:public in OFREP’s shape', async () => {
    const feature = await createFeature('ofrep-auth');
    const one = (headers: Record<string, string>) =>
      fetch(`${baseUrl()}/ofrep/v1/evaluate/flags/${feature}`, { method: 'POST', headers, body: '{}' });
    expect((await one({ 'x-api-key': readKey })).status).toBe(200);
    const none = await one({});
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ key: feature, errorCode: 'GENERAL' });
    const wrong = await one({ authorization: `Bearer ${writeKey}` });
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).errorDetails).toMatch(/switches:read" or "switches:public/);
    const badContext = await one({ authorization: `Bearer ${readKey}`, 'content-type': 'application/json', body: '' });
    expect(badContext.status).toBe(200);
    const parse = await fetch(`${baseUrl()}/ofrep/v1/evaluate/flags/${feature}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${readKey}` },
      body: '{"context": ',
    });
    expect(parse.status).toBe(400);
    expect(await parse.json()).toMatchObject({ key: feature, errorCode: 'PARSE_ERROR' });
    const invalid = await fetch(`${baseUrl()}/ofrep/v1/evaluate/flags/${feature}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${readKey}` },
      body: '{"context": [1]}',
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ key: feature, errorCode: 'INVALID_CONTEXT' });
  });
});

describe('OFREP bulk evaluation and its event stream', () => {
  it('answers every flag with an ETag, 304 until a flip, and a stream that says refetchEvaluation on each flip', async () => {
    const feature = await createFeature('ofrep-bulk');
    const first = await bulk({ authorization: `Bearer ${readKey}` });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    const body = await first.json();
    expect(body.flags).toContainEqual(
      expect.objectContaining({ key: feature, value: true, reason: 'STATIC', variant: 'live' }),
    );
    expect(body.eventStreams).toEqual([
      {
        type: 'sse',
        endpoint: { requestUri: expect.stringMatching(/^\/ofrep\/v1\/events\?token=\d+\.[\w-]{43}$/) },
        inactivityDelaySec: 120,
      },
    ]);

    expect((await bulk({ authorization: `Bearer ${readKey}`, 'if-none-match': etag })).status).toBe(304);

    const stream = new AbortController();
    const events = new SseReader(
      await fetch(`${baseUrl()}${body.eventStreams[0].endpoint.requestUri}`, { signal: stream.signal }),
    );
    try {
      await flip(feature, true);
      const event = await events.next();
      expect(JSON.parse(event.data)).toMatchObject({ type: 'refetchEvaluation' });
      const after = await bulk({ authorization: `Bearer ${readKey}`, 'if-none-match': etag });
      expect(after.status).toBe(200);
      expect((await after.json()).flags).toContainEqual(
        expect.objectContaining({ key: feature, value: false, variant: 'killed' }),
      );
    } finally {
      stream.abort();
    }
    const forged = await fetch(`${baseUrl()}/ofrep/v1/events?token=1.${'a'.repeat(43)}`);
    expect(forged.status).toBe(401);
  });

  it('leaves the kill reason and who flipped out of a browser key’s answers', async () => {
    const feature = await createFeature('ofrep-public');
    await flip(feature, true, 'Leaking internal incident INC-4411 details');
    const res = await bulk({ authorization: `Bearer ${publicKey}` });
    const flag = (await res.json()).flags.find((f: { key: string }) => f.key === feature);
    expect(flag).toMatchObject({ value: false, variant: 'killed', metadata: { killed: true } });
    expect(JSON.stringify(flag)).not.toMatch(/INC-4411|ofrep-oncall/);
    // A browser key reads OFREP only.
    expect(
      (await fetch(`${baseUrl()}/api/v1/switches`, { headers: { authorization: `Bearer ${publicKey}` } })).status,
    ).toBe(403);
  });
});

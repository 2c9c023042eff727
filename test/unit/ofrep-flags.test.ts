import { describe, expect, it } from 'vitest';
import { ofrepBulk, ofrepEtag, ofrepFlag } from '@/lib/ofrep/flags';
import { NewApiKeySchema } from '@/lib/validations/api-key';

const killed = {
  feature: 'support-agent',
  killed: true,
  reason: 'INC-42: leaking prompts',
  updatedAt: '2026-12-07T02:00:00.000Z',
  updatedBy: 'jane@example.com',
  version: 7,
};
const live = { feature: 'search', killed: false, reason: null, updatedAt: null, updatedBy: null, version: 0 };

describe('kill switches as OFREP flags', () => {
  it('is true while live and false once killed, with the kill reason and who for servers only', () => {
    expect(ofrepFlag(live, 'server')).toEqual({
      key: 'search',
      value: true,
      reason: 'STATIC',
      variant: 'live',
      metadata: { killed: false, version: 0 },
    });
    expect(ofrepFlag(killed, 'server')).toEqual({
      key: 'support-agent',
      value: false,
      reason: 'STATIC',
      variant: 'killed',
      metadata: {
        killed: true,
        version: 7,
        updatedAt: killed.updatedAt,
        killReason: killed.reason,
        updatedBy: killed.updatedBy,
      },
    });
    const browser = ofrepFlag(killed, 'browser');
    expect(browser.metadata).toEqual({ killed: true, version: 7, updatedAt: killed.updatedAt });
    expect(JSON.stringify(browser)).not.toMatch(/INC-42|jane/);
  });

  it('versions the bulk answer and changes its ETag with any flag, not only with a flip', () => {
    const bulk = ofrepBulk([killed, live], 'server');
    expect(bulk.metadata.version).toBe(7);
    const withNewFeature = ofrepBulk([killed, live, { ...live, feature: 'new-one' }], 'server');
    expect(ofrepEtag(withNewFeature)).not.toBe(ofrepEtag(bulk));
    expect(ofrepEtag(ofrepBulk([killed, live], 'server'))).toBe(ofrepEtag(bulk));
  });

  it('keeps a browser key to its one scope', () => {
    expect(NewApiKeySchema.safeParse({ name: 'widget', scopes: ['switches:public'] }).success).toBe(true);
    const mixed = NewApiKeySchema.safeParse({ name: 'widget', scopes: ['switches:public', 'ingest'] });
    expect(mixed.success).toBe(false);
    expect(mixed.error?.issues[0].message).toMatch(/browser code/);
  });
});

describe('OFREP refusals', () => {
  it('answer in OFREP’s shape with the status and Retry-After of the API error', async () => {
    const { ApiError } = await import('@/lib/api/errors');
    const { ofrepErrorResponse, OfrepRefusal } = await import('@/lib/ofrep/http');
    const limited = ofrepErrorResponse(
      new ApiError(429, 'rate_limited', 'Slow down; retry after 2 s.', undefined, { 'Retry-After': '2' }),
      'checkout',
    );
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(await limited.json()).toEqual({
      key: 'checkout',
      errorCode: 'GENERAL',
      errorDetails: 'Slow down; retry after 2 s.',
    });
    const missing = ofrepErrorResponse(new OfrepRefusal(404, 'FLAG_NOT_FOUND', 'No such feature.'));
    expect(await missing.json()).toEqual({ errorCode: 'FLAG_NOT_FOUND', errorDetails: 'No such feature.' });
  });
});

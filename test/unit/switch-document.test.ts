import { describe, expect, it } from 'vitest';
import { etagMatches } from '@/lib/http/etag';
import { switchDocumentEtag, SwitchVersions, toSwitchDocument } from '@/lib/switches/document';
import { sseComment, sseEvent } from '@/lib/switches/switch-stream';
import { FlipSwitchInputSchema, FlipSwitchSchema } from '@/lib/validations/switch';

describe('the switch document', () => {
  it('takes the highest switch version and leaves per-switch versions out', () => {
    const doc = toSwitchDocument([
      { feature: 'a', killed: true, reason: 'x', updatedAt: '2025-01-01T00:00:00.000Z', updatedBy: 'u', version: 7 },
      { feature: 'b', killed: false, reason: null, updatedAt: null, updatedBy: null, version: 0 },
    ]);
    expect(doc.version).toBe(7);
    expect(doc.switches[1]).toEqual({ feature: 'b', killed: false, reason: null, updatedAt: null, updatedBy: null });
    expect(toSwitchDocument([]).version).toBe(0);
  });

  it('gives different bodies different ETags and matches If-None-Match lists, weak forms and *', () => {
    const a = switchDocumentEtag('{"version":1}', 1);
    expect(a).toMatch(/^"v1-[\w-]{16}"$/);
    expect(switchDocumentEtag('{"version":1,"x":1}', 1)).not.toBe(a);
    expect(etagMatches(a, a)).toBe(true);
    expect(etagMatches(`"other", W/${a}`, a)).toBe(true);
    expect(etagMatches('*', a)).toBe(true);
    expect(etagMatches('"v1-nope"', a)).toBe(false);
    expect(etagMatches(null, a)).toBe(false);
  });
});

describe('SwitchVersions', () => {
  it('passes on only what is newer than what a feature already has', () => {
    const versions = new SwitchVersions([
      { feature: 'a', killed: false, reason: null, updatedAt: null, updatedBy: null, version: 5 },
    ]);
    expect(versions.accept({ feature: 'a', version: 5 })).toBe(false);
    expect(versions.accept({ feature: 'a', version: 4 })).toBe(false);
    expect(versions.accept({ feature: 'a', version: 6 })).toBe(true);
    expect(versions.accept({ feature: 'a', version: 6 })).toBe(false);
    // Another feature's lower version is still news: versions are compared per feature.
    expect(versions.accept({ feature: 'b', version: 2 })).toBe(true);
  });
});

describe('server-sent event framing', () => {
  it('writes one data line, an id when given, and a blank line after', () => {
    expect(sseEvent('switch', { reason: 'two\nlines' }, 9)).toBe(
      'event: switch\nid: 9\ndata: {"reason":"two\\nlines"}\n\n',
    );
    expect(sseEvent('snapshot', {})).toBe('event: snapshot\ndata: {}\n\n');
    expect(sseComment('heartbeat')).toBe(': heartbeat\n\n');
  });
});

describe('FlipSwitchSchema', () => {
  it('trims the reason and bounds it to 3..500 characters', () => {
    expect(FlipSwitchSchema.parse({ killed: true, reason: '  Cost spike  ' })).toEqual({
      killed: true,
      reason: 'Cost spike',
    });
    expect(FlipSwitchSchema.safeParse({ killed: true, reason: ' ab ' }).success).toBe(false);
    expect(FlipSwitchSchema.safeParse({ killed: true, reason: 'x'.repeat(500) }).success).toBe(true);
    expect(FlipSwitchSchema.safeParse({ killed: true, reason: 'x'.repeat(501) }).success).toBe(false);
  });

  it('refuses a non-boolean state and unknown fields', () => {
    expect(FlipSwitchSchema.safeParse({ killed: 'true', reason: 'Cost spike' }).success).toBe(false);
    expect(FlipSwitchSchema.safeParse({ killed: true, reason: 'Cost spike', ttl: 60 }).success).toBe(false);
    expect(FlipSwitchInputSchema.safeParse({ featureKey: '', killed: true, reason: 'Cost spike' }).success).toBe(false);
  });
});

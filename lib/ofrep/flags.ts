// Kill switches as OpenFeature flags, in the OpenFeature Remote Evaluation Protocol's shapes
// (OFREP; docs/ofrep.md). Flag key = feature key; the value is true while the feature is live and
// false once it is killed — the polarity of the SDK's OpenFeature provider, so `if (flag)` runs
// the feature. Switches take no targeting: the reason is always STATIC.
import { createHash } from 'node:crypto';
import type { VersionedSwitchState } from '@/lib/switches/document';

/** Who reads: a server key sees why and by whom a feature was killed; a browser key does not. */
export type OfrepAudience = 'server' | 'browser';

export interface OfrepFlag {
  key: string;
  value: boolean;
  reason: 'STATIC';
  variant: 'live' | 'killed';
  metadata: Record<string, string | number | boolean>;
}

export interface OfrepBulkResponse {
  flags: OfrepFlag[];
  metadata: { version: number };
}

export function ofrepFlag(state: VersionedSwitchState, audience: OfrepAudience): OfrepFlag {
  const metadata: OfrepFlag['metadata'] = { killed: state.killed, version: state.version };
  if (state.updatedAt) metadata.updatedAt = state.updatedAt;
  if (audience === 'server') {
    if (state.killed && state.reason) metadata.killReason = state.reason;
    if (state.updatedBy) metadata.updatedBy = state.updatedBy;
  }
  return {
    key: state.feature,
    value: !state.killed,
    reason: 'STATIC',
    variant: state.killed ? 'killed' : 'live',
    metadata,
  };
}

/** Every flag; `metadata.version` is the highest flip number (the switch document's version). */
export function ofrepBulk(states: readonly VersionedSwitchState[], audience: OfrepAudience): OfrepBulkResponse {
  return {
    flags: states.map((s) => ofrepFlag(s, audience)),
    metadata: { version: states.reduce((max, s) => Math.max(max, s.version), 0) },
  };
}

/** A strong ETag of the flags (a new feature changes them without a flip, so not the version alone). */
export function ofrepEtag(bulk: OfrepBulkResponse): string {
  const digest = createHash('sha256').update(JSON.stringify(bulk.flags)).digest('base64url').slice(0, 16);
  return `"ofrep-${bulk.metadata.version}-${digest}"`;
}

/** OFREP's error body: `key` for one flag's evaluation, without for the bulk one. */
export function ofrepError(errorCode: OfrepErrorCode, errorDetails: string, key?: string) {
  return key === undefined ? { errorCode, errorDetails } : { key, errorCode, errorDetails };
}

/** The OpenFeature error codes Switchboard answers with. */
export type OfrepErrorCode = 'FLAG_NOT_FOUND' | 'PARSE_ERROR' | 'INVALID_CONTEXT' | 'GENERAL';

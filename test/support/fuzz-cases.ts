// Hostile requests for the fuzzer (test/integration/fuzz.test.ts), generated from a seed so that a
// failure can be replayed. Bodies sent to mutating endpoints are never valid, so a correct server
// refuses every one of them and stores nothing.
import { gzipSync } from 'node:zlib';
import { createRng } from '@/lib/demo/prng';
import { FILTER_FIELDS } from '@/lib/validations/calls-query';

export interface FuzzCase {
  category: string;
  method: string;
  /** Path and query exactly as sent (already percent-encoded where needed). */
  path: string;
  headers: [string, string][];
  body?: Buffer;
  /** Sent to an endpoint that stores things: any answer must leave the tables unchanged. */
  mutation: boolean;
}

export interface FuzzKeys {
  ingest: string[];
  read: string;
  switchesRead: string;
  switchesWrite: string;
  evalsWrite: string;
  configWrite: string;
}

/** The demo's seeded source (mulberry32, lib/demo/prng.ts) as a plain function: Math.random cannot be seeded. */
export function seededRandom(seed: number): () => number {
  const rng = createRng(seed);
  return () => rng.next();
}

/** Strings that have broken other servers: SQL, NUL, path tricks, unicode tricks, sheer length. */
export const INJECTIONS: string[] = [
  "' OR '1'='1",
  "'; drop table calls; --",
  '"; drop table calls; --',
  '1; select pg_sleep(10)',
  "' union select password_hash from users --",
  '\u0000',
  'abc\u0000def',
  '%00',
  '%',
  '%zz',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '\u202egnp.exe',
  'zero\u200bwidth\ufeff',
  'e\u0301\u0301\u0301\u0301\u0301',
  '\ud83d\udca5\ud83d\udd25',
  'İıſK',
  '\\',
  '\\x00\\u0000',
  '-1',
  '1e309',
  'NaN',
  '9999999999999999999999999999',
  '2026-13-45T99:99:99Z',
  '[]',
  '{"$ne":null}',
  ' ',
  'a'.repeat(10_000),
];

/** Raw (already encoded) query/path values that are not valid percent-encoded UTF-8. */
const RAW_ESCAPES = ['%ff%fe', '%c0%af', '%ed%a0%80', '%e2%82', '%00', '%', '%2', '%%', '%25%30%30'];

const WRONG_TYPES: unknown[] = [
  null,
  true,
  -1,
  1e308,
  0.5,
  '',
  'x',
  [],
  [1, 'a', null],
  {},
  { nested: { deeper: [{}] } },
  'a'.repeat(100_000),
];

export function deepArray(levels: number): string {
  return '['.repeat(levels) + ']'.repeat(levels);
}

export function deepObject(levels: number): string {
  return '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
}

/** The same order for the same seed; interleaves endpoints so that no one of them gets every worker at once. */
export function shuffled<T>(list: T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

interface BodyEndpoint {
  method: string;
  path: string;
  limit: number;
  key: (i: number) => string;
  /** A body with at least two invalid fields, so that replacing any one keeps it invalid. */
  template: () => Record<string, unknown>;
}

export function bodyEndpoints(keys: FuzzKeys, feature: string): BodyEndpoint[] {
  const call = () => ({ id: 'not-a-uuid', feature, model: 'm', latencyMs: 'slow' });
  return [
    {
      method: 'POST',
      path: '/api/v1/calls',
      limit: 5 * 1024 * 1024,
      key: (i) => keys.ingest[i % keys.ingest.length]!,
      template: () => ({ calls: [call(), call()] }),
    },
    {
      method: 'POST',
      path: '/api/v1/otlp/v1/traces',
      limit: 5 * 1024 * 1024,
      key: (i) => keys.ingest[i % keys.ingest.length]!,
      template: () => ({ resourceSpans: 'not a list', scopeSpans: [{ spans: [{ attributes: 7 }] }] }),
    },
    {
      method: 'POST',
      path: '/api/v1/eval-runs',
      limit: 32 * 1024 * 1024,
      key: () => keys.evalsWrite,
      template: () => ({ feature, startedAt: 'yesterday', cases: 'none' }),
    },
    {
      method: 'PUT',
      path: `/api/v1/switches/${feature}`,
      limit: 16 * 1024,
      key: () => keys.switchesWrite,
      template: () => ({ killed: 'yes', reason: 'fuzzing the switch', unknownField: 1 }),
    },
    {
      method: 'PUT',
      path: `/api/v1/features/${feature}/slos`,
      limit: 256 * 1024,
      key: () => keys.configWrite,
      template: () => ({ slos: 'none', budgets: 7 }),
    },
    {
      method: 'POST',
      path: '/api/v1/scores',
      limit: 5 * 1024 * 1024,
      key: (i) => keys.ingest[i % keys.ingest.length]!,
      template: () => ({ scores: [{ callId: 'not-a-uuid', value: 'high' }], extra: 1 }),
    },
    {
      method: 'POST',
      path: '/ofrep/v1/evaluate/flags',
      limit: 64 * 1024,
      key: () => keys.switchesRead,
      template: () => ({ context: 'none', flags: 7 }),
    },
    {
      method: 'POST',
      path: `/ofrep/v1/evaluate/flags/${feature}`,
      limit: 64 * 1024,
      key: () => keys.switchesRead,
      template: () => ({ context: [1], key: 7 }),
    },
  ];
}

/** The template with one field (or one field of its first list element) replaced by `value`. */
function withField(template: Record<string, unknown>, random: () => number, value: unknown): Record<string, unknown> {
  const out = structuredClone(template);
  const field = pick(random, Object.keys(out));
  const inner = out[field];
  if (Array.isArray(inner) && typeof inner[0] === 'object' && random() < 0.7) {
    const first = inner[0] as Record<string, unknown>;
    first[pick(random, Object.keys(first))] = value;
  } else {
    out[field] = value;
  }
  return out;
}

/** About `perEndpoint` hostile bodies and header variants for each mutating endpoint. */
export function bodyCases(keys: FuzzKeys, feature: string, random: () => number, perEndpoint: number): FuzzCase[] {
  const out: FuzzCase[] = [];
  bodyEndpoints(keys, feature).forEach((endpoint, e) => {
    const send = (category: string, body: Buffer | undefined, extra: [string, string][] = [], auth = true) =>
      out.push({
        category,
        method: endpoint.method,
        path: endpoint.path,
        headers: [
          ...(auth ? ([['authorization', `Bearer ${endpoint.key(out.length + e)}`]] as [string, string][]) : []),
          ['content-type', 'application/json'],
          ...extra,
        ],
        body,
        mutation: true,
      });
    // Fixed cases: each once per endpoint.
    send('deep-nesting', Buffer.from(deepArray(10_000)));
    send('deep-nesting', Buffer.from(deepObject(10_000)));
    send('deep-nesting', Buffer.from(deepArray(100_000)));
    const nested = JSON.stringify(endpoint.template()).replace(/^\{/, `{"deep":${deepObject(10_000)},`);
    send('deep-nesting', Buffer.from(nested));
    send('oversized', Buffer.concat([Buffer.from('{"pad":"'), Buffer.alloc(endpoint.limit, 'a'), Buffer.from('"}')]));
    // A Content-Length above the limit, with a short body: refused before waiting for the rest.
    send('oversized', Buffer.from('{}'), [['content-length', String(endpoint.limit + 1)]]);
    send('oversized', Buffer.from(`[${'1,'.repeat(200_000)}1]`).subarray(0, Math.min(endpoint.limit - 1, 400_001)));
    send('invalid-json', Buffer.alloc(0));
    send('invalid-json', Buffer.from('{"calls": ['));
    send('invalid-json', Buffer.from('{} trailing'));
    send('invalid-json', Buffer.from('NaN'));
    send('invalid-json', Buffer.from('\ufeff{}'));
    send('invalid-json', Buffer.from('{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}'));
    send('invalid-json', Buffer.from('[1e999999, -1e999999]'));
    for (const bad of [
      [0xff, 0xfe],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xe2, 0x82],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0x00],
    ]) {
      const text = JSON.stringify(endpoint.template());
      const at = text.indexOf('"', 2) + 1;
      send(
        'invalid-utf8',
        Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from(bad), Buffer.from(text.slice(at))]),
      );
    }
    // Header abuse.
    const body = json(endpoint.template());
    send('headers', body, [['x-fuzz', 'h'.repeat(20_000)]]);
    send('headers', body, [['authorization', `Bearer ${'k'.repeat(8_000)}`]], false);
    send('headers', body, [['authorization', 'Bearer not-a-key']]);
    out.push({
      ...out.at(-1)!,
      headers: [
        ['authorization', 'Bearer not-a-key'],
        ['authorization', `Bearer ${endpoint.key(0)}`],
        ['content-type', 'application/json'],
      ],
    });
    send('headers', body, [['authorization', 'Basic YWRtaW46YWRtaW4=']], false);
    send('headers', body, [['authorization', 'Bearer']], false);
    for (const type of [
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      'application/json; charset=latin1',
      ';;;',
      'application/x-protobuf',
    ]) {
      out.push({
        ...out.at(-1)!,
        category: 'headers',
        headers: [
          ['authorization', `Bearer ${endpoint.key(out.length)}`],
          ['content-type', type],
        ],
        body,
      });
    }
    for (const encoding of ['gzip', 'br', 'deflate', 'x-unknown', 'gzip, gzip'])
      send('headers', body, [['content-encoding', encoding]]);
    send('headers', gzipSync(Buffer.alloc(8 * 1024 * 1024, ' ')), [['content-encoding', 'gzip']]);
    // Random wrong types, long strings and injections in one field at a time.
    for (let i = 0; i < perEndpoint; i++) {
      const value = random() < 0.5 ? pick(random, WRONG_TYPES) : pick(random, INJECTIONS);
      send('wrong-types', json(withField(endpoint.template(), random, value)));
    }
  });
  return out;
}

/** A protobuf field: tag, then (for length-delimited fields) the length and the bytes. */
function field(number: number, bytes: Buffer): Buffer {
  return Buffer.concat([varint((number << 3) | 2), varint(bytes.length), bytes]);
}

function varint(value: number): Buffer {
  const out: number[] = [];
  while (value > 0x7f) {
    out.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  out.push(value);
  return Buffer.from(out);
}

/** An ExportTraceServiceRequest with one span carrying `attributes` (encoded KeyValues). */
function protobufRequest(attributes: Buffer[], spanFields: Buffer[] = []): Buffer {
  const span = Buffer.concat([
    field(1, Buffer.alloc(16, 0xab)),
    field(2, Buffer.alloc(8, 0xcd)),
    ...spanFields,
    ...attributes.map((kv) => field(9, kv)),
  ]);
  return field(1, field(2, field(2, span)));
}

/**
 * A KeyValue whose value is an AnyValue nested `levels` deep through kvlist values. Each level is a
 * prefix (tags and lengths) before the level inside it, so the prefixes are made inside out and
 * joined once: wrapping a growing buffer level by level would copy it `levels` times.
 */
function deepKeyValue(levels: number): Buffer {
  let value = field(1, Buffer.from('leaf')); // string_value
  const prefixes: Buffer[] = [];
  let length = value.length;
  for (let i = 0; i < levels; i++) {
    const keyValue = Buffer.concat([field(1, Buffer.from('k')), varint((2 << 3) | 2), varint(length)]); // key, then value's tag and length
    const keyValueLength = keyValue.length + length;
    const list = Buffer.concat([varint((1 << 3) | 2), varint(keyValueLength)]); // KeyValueList.values
    const any = Buffer.concat([varint((6 << 3) | 2), varint(list.length + keyValueLength)]); // AnyValue.kvlist_value
    prefixes.push(Buffer.concat([any, list, keyValue]));
    length += any.length + list.length + keyValue.length;
  }
  value = Buffer.concat([...prefixes.reverse(), value]);
  return Buffer.concat([field(1, Buffer.from('gen_ai.request.model')), field(2, value)]);
}

/**
 * OTLP in binary protobuf (application/x-protobuf): random bytes, a valid request cut short or with
 * bytes changed, values nested deeper than any parser's stack, and a request of 200,000 empty spans.
 */
export function protobufCases(keys: FuzzKeys, random: () => number, count: number): FuzzCase[] {
  const send = (i: number, body: Buffer, extra: [string, string][] = []): FuzzCase => ({
    category: 'protobuf',
    method: 'POST',
    path: '/api/v1/otlp/v1/traces',
    headers: [
      ['authorization', `Bearer ${keys.ingest[i % keys.ingest.length]}`],
      ['content-type', 'application/x-protobuf'],
      ...extra,
    ],
    body,
    mutation: true,
  });
  const valid = protobufRequest([
    Buffer.concat([field(1, Buffer.from('gen_ai.request.model')), field(2, field(1, Buffer.from('m')))]),
  ]);
  const out: FuzzCase[] = [];
  for (const levels of [20, 100, 1_000, 10_000, 100_000])
    out.push(send(out.length, protobufRequest([deepKeyValue(levels)])));
  out.push(send(out.length, field(1, Buffer.concat(Array.from({ length: 200_000 }, () => Buffer.from([0x12, 0x00]))))));
  out.push(send(out.length, gzipSync(protobufRequest([deepKeyValue(50_000)])), [['content-encoding', 'gzip']]));
  for (let i = 0; i < count; i++) {
    const kind = random();
    if (kind < 0.3)
      out.push(
        send(
          out.length,
          Buffer.from(Array.from({ length: 1 + Math.floor(random() * 2_000) }, () => Math.floor(random() * 256))),
        ),
      );
    else if (kind < 0.6) out.push(send(out.length, valid.subarray(0, Math.floor(random() * valid.length))));
    else {
      const changed = Buffer.from(valid);
      for (let j = 0; j < 1 + Math.floor(random() * 4); j++)
        changed[Math.floor(random() * changed.length)] = Math.floor(random() * 256);
      out.push(send(out.length, changed));
    }
  }
  return out;
}

const encode = (value: string) => encodeURIComponent(value);

/** Every filter of the calls explorer with every injection, plus random combinations. */
export function explorerCases(keys: FuzzKeys, random: () => number, combinations: number): FuzzCase[] {
  const get = (query: string): FuzzCase => ({
    category: 'explorer',
    method: 'GET',
    path: `/api/v1/calls?${query}`,
    headers: [['authorization', `Bearer ${keys.read}`]],
    mutation: false,
  });
  const fields = [...FILTER_FIELDS, 'limit', 'cursor', 'format'];
  const out: FuzzCase[] = [];
  for (const field of fields) {
    for (const value of INJECTIONS) out.push(get(`${field}=${encode(value)}`));
    for (const raw of RAW_ESCAPES) out.push(get(`${field}=${raw}`));
    out.push(get(`${field}=a&${field}=b&${field}[]=c`));
  }
  for (let i = 0; i < combinations; i++) {
    const parts = Array.from(
      { length: 1 + Math.floor(random() * 5) },
      () => `${pick(random, fields)}=${encode(pick(random, INJECTIONS).slice(0, 500))}`,
    );
    out.push(get(parts.join('&')));
  }
  out.push(get(`q=${'x'.repeat(20_000)}`));
  return out;
}

/** Every path parameter and every read endpoint's query with injections. */
export function pathAndQueryCases(keys: FuzzKeys, feature: string): FuzzCase[] {
  const bearer = (key: string): [string, string][] => [['authorization', `Bearer ${key}`]];
  const routes: { method: string; path: (v: string) => string; key: string; mutation: boolean }[] = [
    { method: 'GET', path: (v) => `/api/v1/switches/${v}`, key: keys.switchesRead, mutation: false },
    { method: 'PUT', path: (v) => `/api/v1/switches/${v}`, key: keys.switchesWrite, mutation: true },
    { method: 'GET', path: (v) => `/api/v1/switches/${v}/history`, key: keys.switchesRead, mutation: false },
    { method: 'GET', path: (v) => `/api/v1/features/${v}/stats`, key: keys.read, mutation: false },
    { method: 'GET', path: (v) => `/api/v1/features/${v}/health`, key: keys.read, mutation: false },
    { method: 'GET', path: (v) => `/api/v1/features/${v}/slos`, key: keys.read, mutation: false },
    { method: 'PUT', path: (v) => `/api/v1/features/${v}/slos`, key: keys.configWrite, mutation: true },
    { method: 'GET', path: (v) => `/api/v1/features/${v}/eval-runs`, key: keys.read, mutation: false },
    { method: 'GET', path: (v) => `/api/v1/features/${v}/eval-runs/baseline`, key: keys.read, mutation: false },
    { method: 'GET', path: (v) => `/api/v1/calls/${v}`, key: keys.read, mutation: false },
    { method: 'GET', path: (v) => `/api/v1/eval-runs/${v}`, key: keys.read, mutation: false },
    { method: 'PUT', path: (v) => `/api/v1/eval-runs/${v}/baseline`, key: keys.configWrite, mutation: true },
    { method: 'POST', path: (v) => `/api/v1/alerts/${v}/ack`, key: keys.switchesWrite, mutation: true },
  ];
  const values = [...INJECTIONS.map(encode), ...RAW_ESCAPES, '0', '-1', '1.5', '99999999999999999999', '1e3', 'a%2Fb'];
  const out: FuzzCase[] = [];
  for (const route of routes) {
    for (const value of values) {
      // Mutations carry a body that is invalid, so a path that happens to resolve changes nothing.
      const body = route.mutation ? Buffer.from('{"killed":"maybe","slos":7}') : undefined;
      out.push({
        category: 'path-params',
        method: route.method,
        path: route.path(value),
        headers: [...bearer(route.key), ['content-type', 'application/json']],
        body,
        mutation: route.mutation,
      });
    }
  }
  const reads: { path: string; key: string; params: string[] }[] = [
    {
      path: `/api/v1/features/${feature}/stats`,
      key: keys.read,
      params: ['range', 'from', 'to', 'environment', 'unknown'],
    },
    { path: `/api/v1/features/${feature}/health`, key: keys.read, params: ['environment', 'unknown'] },
    { path: '/api/v1/overview', key: keys.read, params: ['environment', 'unknown'] },
    { path: `/api/v1/switches/${feature}/history`, key: keys.switchesRead, params: ['limit'] },
    { path: '/api/v1/switches', key: keys.switchesRead, params: ['feature', 'environment'] },
    { path: '/api/v1/alerts', key: keys.read, params: ['state', 'feature', 'limit'] },
    { path: '/api/metrics', key: keys.read, params: ['name', 'format'] },
    { path: '/api/health', key: keys.read, params: ['verbose'] },
  ];
  for (const read of reads) {
    for (const param of read.params) {
      for (const value of [...INJECTIONS.map(encode), ...RAW_ESCAPES]) {
        out.push({
          category: 'read-queries',
          method: 'GET',
          path: `${read.path}?${param}=${value}`,
          headers: bearer(read.key),
          mutation: false,
        });
      }
    }
    out.push({
      category: 'headers',
      method: 'GET',
      path: read.path,
      headers: [
        ['authorization', `Bearer ${read.key}`],
        ['authorization', 'Bearer wrong'],
      ],
      mutation: false,
    });
    out.push({
      category: 'headers',
      method: 'GET',
      path: read.path,
      headers: [['authorization', `Bearer ${'k'.repeat(8_000)}`]],
      mutation: false,
    });
    out.push({
      category: 'headers',
      method: 'GET',
      path: read.path,
      headers: [...bearer(read.key), ['x-fuzz', 'h'.repeat(20_000)]],
      mutation: false,
    });
    out.push({
      category: 'headers',
      method: 'GET',
      path: read.path,
      headers: [...bearer(read.key), ['accept', 'text/x-component;q=nope, */*;;;']],
      mutation: false,
    });
  }
  return out;
}

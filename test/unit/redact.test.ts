import { describe, expect, it } from 'vitest';
import { DETECTOR_GROUPS } from '@/lib/sdk/redact/detectors';
import { builtinRedactor, groupScan, Redactor, storableText, type RedactionCounts } from '@/lib/sdk/redact/redactor';
import { compileRules } from '@/lib/sdk/redact/custom-rules';

function redact(text: string): { text: string; counts: RedactionCounts } {
  const counts: RedactionCounts = {};
  return { text: builtinRedactor.text(text, counts), counts };
}

/** Each case is redacted as a whole: `… X …` becomes `… [TYPE] …`. */
function expectRedacted(type: string, samples: string[]) {
  for (const sample of samples) {
    const { text, counts } = redact(`before ${sample} after`);
    expect(text, sample).toBe(`before [${type}] after`);
    expect(counts, sample).toEqual({ [type]: 1 });
  }
}

function expectUntouched(samples: string[]) {
  for (const sample of samples) {
    const { text, counts } = redact(`before ${sample} after`);
    expect(text, sample).toBe(`before ${sample} after`);
    expect(counts, sample).toEqual({});
  }
}

describe('built-in redaction finds', () => {
  it('e-mail addresses', () => {
    expectRedacted('EMAIL', [
      'john.doe@example.com',
      'Maria+support@mail.example.co.uk',
      'a_b-c%d@sub-domain.io',
      'X@Y.ORG',
    ]);
    expect(redact('write to <ops@acme.dev>.').text).toBe('write to <[EMAIL]>.');
    expectRedacted('EMAIL', ['josé.núñez@correo.es', 'zoë@firma.de']);
    expectUntouched(['logo@2x.png', 'banner@3x.JPG']);
  });

  it('phone numbers with a country code or separators', () => {
    expectRedacted('PHONE', [
      '+1 (415) 555-2671',
      '+14155552671',
      '+44 20 7946 0958',
      '+49 30 1234567',
      '+33 6 12 34 56 78',
      '415-555-2671',
      '(415) 555-2671',
      '415.555.2671',
      '1-800-555-0199',
      '030 1234567',
      '06 12 34 56 78',
      '0044 20 7946 0958',
    ]);
  });

  it('payment card numbers that pass the Luhn check', () => {
    expectRedacted('CARD', [
      '4111 1111 1111 1111',
      '4111-1111-1111-1111',
      '4111111111111111',
      '5555555555554444',
      '2223003122003222',
      '3782 822463 10005',
      '6011111111111117',
    ]);
    expect(redact('card 4111 1111 1111 1111 12/27 cvc 123').text).toBe('card [CARD] 12/27 cvc 123');
    expect(redact('card 4111 1111 1111 1111 123').text).toBe('card [CARD] 123');
  });

  it('US social security numbers that follow the numbering rules', () => {
    expectRedacted('SSN', ['123-45-6789', '078-05-1120', '899 12 3456']);
  });

  it('IBANs that pass the mod-97 check, without swallowing the next word', () => {
    expectRedacted('IBAN', [
      'DE89 3704 0044 0532 0130 00',
      'DE89370400440532013000',
      'GB82WEST12345698765432',
      'GB82 WEST 1234 5698 7654 32',
      'FR14 2004 1010 0505 0001 3M02 606',
      'NL91ABNA0417164300',
    ]);
    expect(redact('pay to DE89 3704 0044 0532 0130 00 THEN confirm').text).toBe('pay to [IBAN] THEN confirm');
  });

  it('IPv4 and IPv6 addresses', () => {
    expectRedacted('IP', [
      '192.168.1.1',
      '8.8.8.8',
      '2001:db8::1',
      '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
      'fe80::1',
      '::ffff:192.0.2.1',
    ]);
    expect(redact('connect to 10.0.0.12:5432 now').text).toBe('connect to [IP]:5432 now');
    expect(redact('host 2001:db8::1.').text).toBe('host [IP].');
  });

  it('provider API keys, tokens, JWTs and private keys', () => {
    expectRedacted('SECRET', [
      'sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z',
      'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789',
      'AKIAIOSFODNN7EXAMPLE',
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz',
      'xoxb-123456789012-1234567890123-abcdefghijklmnopqrstuvwx',
      'AIzaSyA-1234567890abcdefghijklmnopqrstu',
      'sk_live_51Habcdefghijklmnop',
      'sb_abcdefghijklmnopqrstuvwxyz012345',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      'https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX'.replace('https://', ''),
    ]);
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn\n-----END RSA PRIVATE KEY-----';
    expect(redact(`key:\n${pem}\nthanks`).text).toBe('key:\n[SECRET]\nthanks');
    expect(redact('cut off: -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC').text).toBe(
      'cut off: [SECRET]',
    );
  });

  it('credentials after their name or scheme, keeping the name', () => {
    const cases: [string, string][] = [
      ['Authorization: Bearer abc.def-ghi_jkl1234567', 'Authorization: Bearer [SECRET]'],
      ['Authorization: Basic dXNlcjpwYXNzd29yZDEyMw==', 'Authorization: Basic [SECRET]'],
      ['Authorization: token 1a2b3c4d5e6f7a8b9c0d', 'Authorization: token [SECRET]'],
      ['password: hunter22', 'password: [SECRET]'],
      ['Password = "correct-horse-9"', 'Password = "[SECRET]"'],
      ['OPENAI_API_KEY=abc123def456', 'OPENAI_API_KEY=[SECRET]'],
      ['{"api_key": "abcdef123"}', '{"api_key": "[SECRET]"}'],
      ['X-Api-Key: 9f8e7d6c5b4a', 'X-Api-Key: [SECRET]'],
      ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key = [SECRET]'],
      ['my password is tanaka094, can you reset it?', 'my password is [SECRET], can you reset it?'],
      ['The PIN is 90210771.', 'The PIN is [SECRET].'],
    ];
    for (const [input, output] of cases) expect(redact(input).text, input).toBe(output);
  });

  it('several findings in one text, counted by type', () => {
    const { text, counts } = redact(
      'Mail a@b.com or c@d.org, call +1 415 555 2671, card 4111111111111111, from 10.1.2.3',
    );
    expect(text).toBe('Mail [EMAIL] or [EMAIL], call [PHONE], card [CARD], from [IP]');
    expect(counts).toEqual({ EMAIL: 2, PHONE: 1, CARD: 1, IP: 1 });
  });
});

describe('built-in redaction leaves alone', () => {
  it('order ids and other long numbers that are not cards', () => {
    expectUntouched([
      'order 1234567812345678',
      '4111111111111112', // fails Luhn
      '4111 1111 1111 1112',
      '3704 0044 0532 0130', // passes Luhn but Amex numbers have 15 digits
      'ORD-2024-000123',
      '00340434161094027318',
      '84512-77',
      '9781234567897',
      '4242',
      'CH75 9088 0484 9299 1587 7', // an IBAN with a wrong check: its groups are not a phone
    ]);
  });

  it('timestamps and dates', () => {
    expectUntouched([
      '2024-03-04T10:30:00Z',
      '2024-03-04 10:30:00.123',
      '1700000000',
      '1700000000000',
      '10:30:00',
      '05-12-2024',
      '01.02.2024',
      '12/27',
      '20240304',
    ]);
  });

  it('version strings, hashes, ids and code', () => {
    expectUntouched([
      'v1.2.3',
      '1.2.3',
      '10.0.19041.1',
      'node 20.11.1',
      'python 3.11.4',
      '550e8400-e29b-41d4-a716-446655440000',
      'e3b0c44298fc1c149afbf4c8996fb924',
      'std::vector<int>',
      'a[::2]',
      '::1',
      'task-abcdefghijklmnopqrstuvwxyz',
      'ISBN 978-3-16-148410-0',
      '1920x1080',
      '$1,234.56',
      'dead:beef',
    ]);
  });

  it('numbers that break the SSN or IBAN rules', () => {
    for (const s of ['000-12-3456', '666-12-3456', '900-12-3456', '123-00-4567', '123-45-0000']) {
      expect(redact(s).counts.SSN, s).toBeUndefined();
    }
    expect(redact('DE89 3704 0044 0532 0130 01').counts.IBAN).toBeUndefined();
    expect(redact('XX89 3704 0044 0532 0130 00').counts.IBAN).toBeUndefined();
  });

  it('words that merely mention credentials', () => {
    expectUntouched([
      'the token counterproductively',
      'reset your password please',
      'password: short',
      'the password is incorrect',
      'bearer bonds',
      'a@b',
      'user@localhost',
    ]);
  });

  it('short and empty texts, returning the same string', () => {
    const text = 'Nothing to see here, just a plain sentence of prose.';
    expect(builtinRedactor.text(text, {})).toBe(text);
    expect(builtinRedactor.text('', {})).toBe('');
  });
});

describe('the cheap pre-checks of detector groups', () => {
  const checked = DETECTOR_GROUPS.filter((g) => g.mayMatch);
  const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn\n-----END RSA PRIVATE KEY-----';
  const SLACK = 'hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX';
  const FRAGMENTS = [
    ' ',
    '\n',
    ':',
    '::',
    '.',
    '-',
    '-----BEGIN ',
    'PRIVATE KEY-----',
    '-----END ',
    'EC ',
    'RSA ',
    'hooks.slack.com/services/',
    'T000/B000/XXXXXXXXXXXX',
    'fe80',
    '2001',
    'db8',
    '1',
    '0370',
    '7334',
    'ffff',
    '192.0.2.1',
    '@',
    'a.b',
    'example.com',
    'x',
  ];

  /** Every match of the group's own scan must contain what its pre-check looks for. Counts the matches per group. */
  function expectPrecheckPasses(text: string, seen = new Map<number, number>()) {
    checked.forEach((group, g) => {
      for (const match of text.matchAll(groupScan(group))) {
        expect(group.mayMatch!(match[0]), `${match[0]} in ${JSON.stringify(text)}`).toBe(true);
        seen.set(g, (seen.get(g) ?? 0) + 1);
      }
    });
    return seen;
  }

  it('never turn away a text whose match fills it or sits at its very start or end', () => {
    expect(checked.length).toBeGreaterThanOrEqual(4);
    for (const sample of [
      PEM,
      '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
      SLACK,
      'fe80::1',
      '2001:db8::1',
      '::ffff:192.0.2.1',
      'a@b.co',
    ]) {
      expectPrecheckPasses(sample);
      expect(redact(sample).text, sample).toMatch(/^\[(SECRET|IP|EMAIL)\]$/);
      expect(redact(`(${sample}`).text, sample).toMatch(/^\(\[(SECRET|IP|EMAIL)\]$/);
    }
  });

  it('hold for every match in texts pieced together from what the groups look for', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    const seen = new Map<number, number>();
    for (let i = 0; i < 3000; i++) {
      let text = '';
      for (let n = 1 + (next() % 12); n > 0; n--) text += FRAGMENTS[next() % FRAGMENTS.length];
      expectPrecheckPasses(text, seen);
    }
    // Each pre-checked group matched somewhere, so each pre-check was put to the test.
    expect(checked.map((_, g) => (seen.get(g) ?? 0) > 10)).toEqual(checked.map(() => true));
  });

  it('skip nothing that the tests above redact', () => {
    for (const text of [PEM, SLACK, 'connect to 10.0.0.12:5432 now', 'host 2001:db8::1.', 'Mail a@b.com or c@d.org'])
      expectPrecheckPasses(text);
  });
});

describe('redacting structured values', () => {
  it('walks chat messages and content parts, keeping roles and types', () => {
    const counts: RedactionCounts = {};
    const prompt = [
      { role: 'system', content: 'You help customers.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'I am jane@example.com' },
          { type: 'image_url', image_url: { url: 'https://x.test/a.png' } },
        ],
      },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{"phone":"+1 415 555 2671"}' } },
        ],
      },
    ];
    expect(builtinRedactor.value(prompt, counts)).toEqual([
      { role: 'system', content: 'You help customers.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'I am [EMAIL]' },
          { type: 'image_url', image_url: { url: 'https://x.test/a.png' } },
        ],
      },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{"phone":"[PHONE]"}' } }],
      },
    ]);
    expect(counts).toEqual({ EMAIL: 1, PHONE: 1 });
  });

  it('hands back plain values in which nothing changed, and copies the rest without touching the input', () => {
    const clean = JSON.parse(
      '[{"role":"user","content":"no PII here at all"},{"role":"assistant","content":[{"type":"text","text":"fine"}]}]',
    );
    expect(builtinRedactor.value(clean, {})).toBe(clean);
    const mixed = JSON.parse(
      '[{"role":"system","content":"be brief"},{"role":"user","content":"I am jane@example.com","n":1}]',
    );
    const before = JSON.stringify(mixed);
    const out = builtinRedactor.value(mixed, {}) as typeof mixed;
    expect(JSON.stringify(mixed)).toBe(before);
    expect(out).toEqual([
      { role: 'system', content: 'be brief' },
      { role: 'user', content: 'I am [EMAIL]', n: 1 },
    ]);
    expect(out[0]).toBe(mixed[0]);
    expect(Object.keys(out[1])).toEqual(['role', 'content', 'n']);
    const withProto = JSON.parse('{"n": 1, "__proto__": {"a": "plain"}}');
    expect(builtinRedactor.value(withProto, {})).toBe(withProto);
  });

  it('copies objects that are not plain into plain ones, as before', () => {
    class Tagged {
      tag = 'x';
    }
    const date = new Date(0);
    expect(builtinRedactor.value({ when: date, tagged: new Tagged() }, {})).toEqual({ when: {}, tagged: { tag: 'x' } });
    expect(Object.getPrototypeOf(builtinRedactor.value(new Tagged(), {}))).toBe(Object.prototype);
  });

  it('keeps numbers, booleans and an own __proto__ key as data', () => {
    const value = JSON.parse('{"n": 1, "ok": true, "__proto__": {"mail": "a@b.com"}}');
    const out = builtinRedactor.value(value, {}) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"n":1,"ok":true,"__proto__":{"mail":"[EMAIL]"}}');
  });
});

describe('admin redaction rules', () => {
  it('apply after the built-ins with their own placeholder and count', () => {
    const rules = compileRules([
      { name: 'employee ids', pattern: 'EMP-\\d{5}', placeholder: 'employee id' },
      { name: 'project', pattern: 'Project (?:Falcon|Eagle)', placeholder: '[CODENAME]' },
    ]);
    const redactor = new Redactor(rules);
    const counts: RedactionCounts = {};
    expect(redactor.text('EMP-12345 and EMP-67890 on Project Falcon, mail a@b.com', counts)).toBe(
      '[EMPLOYEE_ID] and [EMPLOYEE_ID] on [CODENAME], mail [EMAIL]',
    );
    expect(counts).toEqual({ EMPLOYEE_ID: 2, CODENAME: 1, EMAIL: 1 });
  });

  it('skips disabled, broken, empty-matching and catastrophic patterns without throwing', () => {
    const skipped: string[] = [];
    const rules = compileRules(
      [
        { name: 'off', pattern: 'secret', placeholder: 'X', enabled: false },
        { name: 'broken', pattern: '(unclosed', placeholder: 'X' },
        { name: 'empty', pattern: 'a*', placeholder: 'X' },
        { name: 'redos', pattern: '(a+)+$', placeholder: 'X' },
        { name: 'redos2', pattern: '(?:\\w*x)*y', placeholder: 'X' },
        { name: 'too long', pattern: 'a'.repeat(501), placeholder: 'X' },
        { name: 'fine', pattern: 'ticket-\\d+', placeholder: 'ticket' },
      ],
      (rule, reason) => skipped.push(`${rule.name}: ${reason}`),
    );
    expect(rules.map((r) => r.name)).toEqual(['fine']);
    expect(skipped).toHaveLength(5);
    expect(skipped.join('\n')).toMatch(/broken: The pattern is not a valid regular expression/);
    expect(skipped.join('\n')).toMatch(/redos: .*exponential/);
    const redactor = new Redactor(rules);
    expect(redactor.text('see ticket-42 and (unclosed', {})).toBe('see [TICKET] and (unclosed');
  });
});

describe('storable text', () => {
  it('replaces NUL and unpaired surrogates, which Postgres cannot store, and keeps emoji', () => {
    const counts: RedactionCounts = {};
    expect(builtinRedactor.text('a\u0000b \ud800 c \udc00 😀 mail a@b.com', counts)).toBe(
      'a\ufffdb \ufffd c \ufffd 😀 mail [EMAIL]',
    );
    expect(builtinRedactor.value({ 'k\u0000': ['\u0000'] }, counts)).toEqual({ 'k\ufffd': ['\ufffd'] });
  });

  it('finds NUL in one-byte text and unpaired surrogates at either end, and returns clean text as is', () => {
    expect(storableText('plain \u0000 ascii')).toBe('plain \ufffd ascii');
    expect(storableText('caf\u00e9\u0000')).toBe('caf\u00e9\ufffd');
    expect(storableText('\ud83d')).toBe('\ufffd');
    expect(storableText('\ude00 x')).toBe('\ufffd x');
    expect(storableText('x \ude00\ud83d')).toBe('x \ufffd\ufffd');
    for (const clean of ['plain ascii', 'caf\u00e9', '😀 and \u2014']) expect(storableText(clean)).toBe(clean);
  });
});

describe('the catastrophic-pattern check', () => {
  it('flags a repeated group around a variable repetition, and only that', async () => {
    const { hasNestedQuantifier } = await import('@/lib/sdk/redact/custom-rules');
    for (const p of ['(a+)+', '(a*)*b', '(?:\\w*x)*', '(a?){2,}', '((ab)+c)+', '([a-z]+\\d)*'])
      expect(hasNestedQuantifier(p), p).toBe(true);
    for (const p of [
      '(\\d{3}-)+\\d{4}',
      'EMP-\\d{5}',
      '(?:foo|bar)-\\d+',
      '\\(\\d+\\)+',
      '[(a+)]+',
      '(?<id>ID-\\d+)',
      '(ab)?c+',
    ])
      expect(hasNestedQuantifier(p), p).toBe(false);
  });
});

describe('the redaction rule form schema', () => {
  it('normalises the placeholder and refuses patterns ingestion would skip', async () => {
    const { RedactionRuleSchema } = await import('@/lib/validations/redaction-rule');
    expect(RedactionRuleSchema.parse({ name: 'ids', pattern: 'EMP-\\d{5}', placeholder: '[employee id]' })).toEqual({
      name: 'ids',
      pattern: 'EMP-\\d{5}',
      placeholder: 'EMPLOYEE_ID',
      enabled: true,
    });
    const bad = RedactionRuleSchema.safeParse({ name: 'x', pattern: '(a+)+', placeholder: 'X' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toMatch(/exponential/);
  });
});

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandFailure } from '@/lib/cli/command';
import { readEvalSet } from '@/lib/evals/eval-file';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'evals-file-'));
});
afterAll(async () => fs.rm(dir, { recursive: true, force: true }));

async function write(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, text);
  return file;
}

/** The message of the configuration error reading `name` throws (named evals/<name> in messages). */
async function problem(name: string, text: string): Promise<string> {
  const file = await write(name, text);
  const error = await readEvalSet(file, `evals/${name}`).then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(CommandFailure);
  expect((error as CommandFailure).exitCode).toBe(3);
  return (error as CommandFailure).message;
}

const HEAD = `feature: support-agent
target: { type: module, path: ./target.ts }
`;

describe('readEvalSet: YAML and JSON', () => {
  it('reads a YAML set, fills the defaults, merges defaults into every case and names unnamed cases', async () => {
    const file = await write(
      'support.yaml',
      `feature: support-agent
name: Support answers
target:
  type: http
  baseUrl: http://localhost:4010/v1
  model: gpt-4o-mini
  apiKeyEnv: OPENAI_API_KEY
  prompt: "Answer the customer ({{tone}}): {{question}}"
  temperature: 0
defaults:
  vars: { tone: friendly }
  threshold: 0.5
  assert:
    - type: not-regex
      value: "^Sorry"
cases:
  - name: refund
    vars: { question: "Can I get a refund?", tone: formal }
    expected: You can get a refund within 30 days.
    weight: 2
    assert:
      - { type: similar }
      - { type: latency, threshold: 2000, weight: 0.5 }
  - vars: { question: Hi }
    threshold: 1
    assert:
      - { type: contains-any, value: [hello, 42] }
`,
    );
    const set = await readEvalSet(file, 'evals/support.yaml');
    expect(set).toMatchObject({
      file,
      feature: 'support-agent',
      name: 'Support answers',
      target: {
        kind: 'http',
        baseUrl: 'http://localhost:4010/v1',
        model: 'gpt-4o-mini',
        apiKeyEnv: 'OPENAI_API_KEY',
        temperature: 0,
        messages: [{ role: 'user', content: 'Answer the customer ({{tone}}): {{question}}' }],
      },
      threshold: 0.8,
      regressionTolerance: 0.05,
      concurrency: 4,
      timeoutMs: 30_000,
      retries: 3,
      environment: 'production',
    });
    expect(set.cases).toEqual([
      {
        name: 'refund',
        vars: { tone: 'formal', question: 'Can I get a refund?' },
        expected: 'You can get a refund within 30 days.',
        weight: 2,
        threshold: 0.5,
        assert: [
          { type: 'regex', not: true, value: '^Sorry', weight: 1 },
          { type: 'similar', not: false, threshold: 0.8, weight: 1 },
          { type: 'latency', not: false, value: 2000, weight: 0.5 },
        ],
      },
      {
        name: 'case-2',
        vars: { tone: 'friendly', question: 'Hi' },
        weight: 1,
        threshold: 1,
        assert: [
          { type: 'regex', not: true, value: '^Sorry', weight: 1 },
          { type: 'contains-any', not: false, value: ['hello', '42'], weight: 1 },
        ],
      },
    ]);
  });

  it('reads JSON with a module target, messages, a judge and labels', async () => {
    const file = await write(
      'set.json',
      JSON.stringify({
        feature: 'moderation',
        target: { type: 'module', path: './pipeline.mjs', export: 'classify' },
        judge: { baseUrl: 'https://judge.example/v1', model: 'judge-large', apiKeyEnv: 'JUDGE_KEY' },
        threshold: 0.9,
        environment: 'staging',
        model: 'gpt-4o',
        promptVersion: 'v7',
        cases: [
          {
            vars: { text: 'hi' },
            assert: [{ type: 'llm-rubric', value: 'Is harmless' }, { type: 'is-json' }, { type: 'cost', value: 0.01 }],
          },
        ],
      }),
    );
    const set = await readEvalSet(file);
    expect(set.target).toEqual({ kind: 'module', path: './pipeline.mjs', exportName: 'classify' });
    expect(set).toMatchObject({
      threshold: 0.9,
      environment: 'staging',
      model: 'gpt-4o',
      promptVersion: 'v7',
      judge: { model: 'judge-large' },
    });
    expect(set.cases[0].assert).toEqual([
      { type: 'llm-rubric', not: false, value: 'Is harmless', threshold: 0.7, weight: 1 },
      { type: 'is-json', not: false, weight: 1 },
      { type: 'cost', not: false, value: 0.01, weight: 1 },
    ]);
  });

  it('an http target takes a list of messages instead of a prompt, not both', async () => {
    const target = (extra: string) => `feature: f
target:
  type: http
  baseUrl: http://localhost:4010/v1
  model: m
${extra}
cases:
  - assert: [{ type: is-json }]
`;
    const file = await write(
      'messages.yaml',
      target('  messages:\n    - { role: system, content: Be brief }\n    - { role: user, content: "{{q}}" }'),
    );
    expect((await readEvalSet(file)).target).toMatchObject({
      messages: [
        { role: 'system', content: 'Be brief' },
        { role: 'user', content: '{{q}}' },
      ],
    });
    expect(await problem('both.yaml', target('  prompt: hi\n  messages: [{ role: user, content: hi }]'))).toContain(
      'evals/both.yaml:3:3: target: Give either messages (a list of { role, content }) or prompt (a single user message), not both or neither.',
    );
  });
});

describe('readEvalSet: cases in a file', () => {
  it('reads JSONL cases relative to the eval file', async () => {
    await write(
      'data/cases.jsonl',
      '{"name": "a", "vars": {"q": "one"}, "expected": "1"}\n\n{"vars": {"q": "two"}, "assert": [{"type": "icontains", "value": "TWO"}]}\n',
    );
    const file = await write(
      'jsonl.yaml',
      `${HEAD}defaults: { assert: [{ type: is-json }] }\ncases: data/cases.jsonl\n`,
    );
    const set = await readEvalSet(file);
    expect(set.cases.map((c) => [c.name, c.vars, c.expected, c.assert.map((a) => a.type)])).toEqual([
      ['a', { q: 'one' }, '1', ['is-json']],
      ['case-2', { q: 'two' }, undefined, ['is-json', 'icontains']],
    ]);
  });

  it('reads CSV cases: columns are vars except name, expected and assert (a JSON list)', async () => {
    await write(
      'cases.csv',
      'name,question,expected,assert\nrefund,"Can I get a refund, please?",Yes,"[{""type"": ""contains"", ""value"": ""refund""}]"\n,"two\nlines",,\n',
    );
    const file = await write(
      'csv.yaml',
      `${HEAD}defaults: { assert: [{ type: not-contains, value: Sorry }] }\ncases: cases.csv\n`,
    );
    const set = await readEvalSet(file);
    expect(set.cases).toEqual([
      {
        name: 'refund',
        vars: { question: 'Can I get a refund, please?' },
        expected: 'Yes',
        weight: 1,
        threshold: 1,
        assert: [
          { type: 'contains', not: true, value: 'Sorry', weight: 1 },
          { type: 'contains', not: false, value: 'refund', weight: 1 },
        ],
      },
      {
        name: 'case-2',
        vars: { question: 'two\nlines' },
        weight: 1,
        threshold: 1,
        assert: [{ type: 'contains', not: true, value: 'Sorry', weight: 1 }],
      },
    ]);
  });

  it('a bad JSONL case names the cases file, its line and column, and the field', async () => {
    await write(
      'bad.jsonl',
      '{"name": "ok", "assert": [{"type": "is-json"}]}\n{"name": "b", "assert": [{"type": "regex", "value": "(x"}]}\n{"oops": 1\n[1]\n',
    );
    const message = await problem('bad-jsonl.yaml', `${HEAD}cases: bad.jsonl\n`);
    expect(message).toContain('evals/bad.jsonl has invalid cases:');
    expect(message).toContain(
      'evals/bad.jsonl:2:53: assert.0.value: invalid regular expression: Unterminated group (case "b")',
    );
    expect(message).toMatch(/evals\/bad\.jsonl:3: not a JSON object: /);
    expect(message).toContain(
      'evals/bad.jsonl:4:1: (case): A case is a map like { name: refund, vars: { question: … }, assert: [ … ] }.',
    );
  });

  it('a bad CSV case names the cases file and its line', async () => {
    await write('bad.csv', 'name,q,assert\na,x,"[{""type"": ""latency""}]"\nb,y,not json\nc,z\n');
    const message = await problem('bad-csv.yaml', `${HEAD}cases: bad.csv\n`);
    expect(message).toContain(
      'evals/bad.csv:2: assert.0.value: the latency limit must be a number of milliseconds above 0, e.g. 2000. (case "a")',
    );
    expect(message).toMatch(/evals\/bad\.csv:3: assert: the column must hold a JSON list of assertions: /);
    expect(message).toContain('evals/bad.csv:4: 2 fields, but the header has 3 columns');
  });

  it('a missing cases file is an error at the cases field', async () => {
    const message = await problem('missing.yaml', `${HEAD}cases: nowhere.jsonl\n`);
    expect(message).toMatch(
      /^evals\/missing\.yaml:3:8: cases: cannot read the cases file evals\/nowhere\.jsonl: ENOENT/m,
    );
  });
});

describe('readEvalSet: configuration errors', () => {
  it('an invalid regex names the file, line, column, case and field', async () => {
    const message = await problem(
      'support.yaml',
      `${HEAD}cases:
  - name: greets
    assert: [{ type: contains, value: Hello }]
  - name: no-apology
    assert:
      - type: not-regex
        value: "(Sorry"
`,
    );
    expect(message).toBe(
      'evals/support.yaml is not a valid eval set; nothing was run:\nevals/support.yaml:9:16: cases.1.assert.0.value: invalid regular expression: Unterminated group (case "no-apology")',
    );
  });

  it('checks every assertion type at load time', async () => {
    const message = await problem(
      'types.yaml',
      `${HEAD}cases:
  - assert:
      - { type: javascript, value: "output.length <" }
      - { type: json-schema, value: { type: strnig } }
      - { type: similar, value: x, threshold: 1.5 }
      - { type: contains }
      - { type: is-json, value: {} }
      - { type: contains, value: x, threshold: 0.5 }
      - { type: includes, value: x }
      - { type: latency, value: 100, threshold: 200 }
      - { type: contains-any, value: refund }
`,
    );
    expect(message).toContain(
      'evals/types.yaml:5:36: cases.0.assert.0.value: the expression does not compile: Unexpected token',
    );
    expect(message).toMatch(
      /evals\/types\.yaml:6:37: cases\.0\.assert\.1\.value: invalid JSON schema: schema is invalid: data\/type should be equal to one of the allowed values/,
    );
    expect(message).toContain(
      'cases.0.assert.2.threshold: The threshold of similar is a score from 0 to 1, e.g. 0.8; 1.5 is outside.',
    );
    expect(message).toContain('cases.0.assert.3.value: value is required: the text to look for.');
    expect(message).toContain(
      'cases.0.assert.4.value: is-json takes no value; use json-schema to check the shape of the JSON.',
    );
    expect(message).toContain('cases.0.assert.5.threshold: contains takes no threshold');
    expect(message).toContain('cases.0.assert.6.type: Unknown assertion type "includes"; use one of equals, contains,');
    expect(message).toContain('cases.0.assert.7.threshold: Give the latency limit once: as value or as threshold.');
    expect(message).toContain('cases.0.assert.8.value: value must be a list of texts');
  });

  it('needs a judge for llm-rubric, an expected output for similar without a value, and unique names', async () => {
    const message = await problem(
      'cross.yaml',
      `${HEAD}defaults:
  assert: [{ type: llm-rubric, value: Is polite }]
cases:
  - name: a
    assert: [{ type: similar }]
  - name: a
    expected: hi
    assert: [{ type: similar }]
`,
    );
    expect(message).toContain(
      'evals/cross.yaml:4:20: defaults.assert.0.type: llm-rubric needs a judge: add judge: { baseUrl, model } to the file.',
    );
    expect(message).toContain(
      'evals/cross.yaml:7:14: cases.0.assert.0: similar without a value compares with the expected output, but the case has none. (case "a")',
    );
    expect(message).toContain(
      'evals/cross.yaml:8:11: cases.1.name: the 1st case is already named "a"; names must be unique.',
    );
  });

  it('a set without cases, or with a case that is not a map, is refused', async () => {
    expect(await problem('none.yaml', `${HEAD}cases: []\n`)).toContain(
      'evals/none.yaml:3:8: cases: Give at least one case.',
    );
    expect(await problem('scalar.yaml', `${HEAD}cases:\n  - just a question\n`)).toContain(
      'evals/scalar.yaml:4:5: cases.0: A case is a map like',
    );
  });

  it('a case without assertions is refused', async () => {
    expect(await problem('empty.yaml', `${HEAD}cases:\n  - vars: { q: 1 }\n`)).toContain(
      'evals/empty.yaml:4:5: cases.0: the case has no assertions; give it assert, or give the file defaults.assert. (case "case-1")',
    );
  });

  it('a malformed file gets file, line and column', async () => {
    const yaml = await problem(
      'broken.yaml',
      `${HEAD}cases:\n  - name: a\n    assert: [{ type: is-json }\n  - name: b\n`,
    );
    expect(yaml).toMatch(/^evals\/broken\.yaml is not valid YAML or JSON:\nevals\/broken\.yaml:\d+:\d+: /);
    const json = await problem('broken.json', '{\n  "feature": "f",\n  "cases": [1,, 2]\n}\n');
    expect(json).toMatch(/^evals\/broken\.json is not valid YAML or JSON:\nevals\/broken\.json:3:\d+: /);
  });

  it('unknown and wrong fields are named with their line', async () => {
    const message = await problem(
      'fields.yaml',
      `feature: f
target: { type: grpc }
threshhold: 0.9
concurrency: 0
judge: { baseUrl: "ftp://x", model: j, apiKeyEnv: sk-live-123 }
cases: cases.txt
`,
    );
    expect(message).toContain(
      'evals/fields.yaml:2:17: target.type: target.type must be "http" (an OpenAI-compatible endpoint), "module" (a JS/TS file) or "exec" (a command, e.g. [python3, app.py]).',
    );
    expect(message).toContain('evals/fields.yaml:3:1: threshhold: Unknown field: threshhold.');
    expect(message).toContain('evals/fields.yaml:4:14: concurrency: concurrency must be at least 1.');
    expect(message).toContain('evals/fields.yaml:5:19: judge.baseUrl: baseUrl must be an http(s) URL');
    expect(message).toContain('judge.apiKeyEnv: apiKeyEnv is the name of the environment variable that holds the key');
    expect(message).toContain('evals/fields.yaml:6:8: cases: A file of cases must be a .jsonl or .csv file.');
  });

  it('an unreadable file is a configuration error', async () => {
    const error = await readEvalSet(path.join(dir, 'absent.yaml'), 'evals/absent.yaml').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(CommandFailure);
    expect((error as CommandFailure).message).toMatch(/^Cannot read evals\/absent\.yaml: ENOENT/);
  });
});

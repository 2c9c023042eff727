import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseYamlBytes, readJsonOrYamlBody } from '@/lib/api/yaml-body';

const bytes = (text: string) => new TextEncoder().encode(text);
const put = (body: BodyInit, type?: string, headers: Record<string, string> = {}) =>
  new Request('http://localhost/api/v1/features/f/slos', {
    method: 'PUT',
    body,
    headers: { ...(type ? { 'content-type': type } : {}), ...headers },
  });

/** The 400 a YAML body gets, as its message. */
function refusal(text: string | Uint8Array): string {
  try {
    parseYamlBytes(typeof text === 'string' ? bytes(text) : text);
  } catch (err) {
    expect(err).toMatchObject({ status: 400, code: 'invalid_yaml' });
    return (err as Error).message;
  }
  throw new Error('expected the YAML to be refused');
}

describe('YAML request bodies', () => {
  it('reads every document of a stream, leaving out empty ones', () => {
    expect(parseYamlBytes(bytes('a: 1\n---\n- b\n---\n'))).toEqual([{ a: 1 }, ['b']]);
    expect(parseYamlBytes(bytes('# only a comment\n'))).toEqual([]);
    expect(parseYamlBytes(bytes(fs.readFileSync('test/fixtures/openslo/valid.yaml', 'utf8')))).toHaveLength(7);
  });

  it('refuses syntax errors, duplicate keys and bytes that are not UTF-8, with where', () => {
    expect(refusal('a: 1\nb: [\n')).toMatch(/^The body is not valid YAML: line \d+, column \d+: /);
    expect(refusal('a: 1\na: 2\n')).toMatch(/^The body is not valid YAML: line 2, column 1: Map keys must be unique/);
    expect(refusal(new Uint8Array([0x61, 0x3a, 0x20, 0xff, 0xfe]))).toBe('The body is not valid UTF-8.');
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++)
      levels.push(
        `l${i}: &${'a'.repeat(i + 1)} [${Array(9)
          .fill(`*${'a'.repeat(i)}`)
          .join(', ')}]`,
      );
    expect(refusal(levels.join('\n'))).toMatch(/^The body is not valid YAML: .*alias/i);
  });

  // The yaml library composes recursively: a few hundred levels overflow the stack, and near
  // 100,000 levels V8 aborted the whole process (a fatal out-of-memory in its RegExp compiler).
  it('refuses deep nesting before parsing, quickly, whichever way it nests', () => {
    const started = performance.now();
    expect(refusal('['.repeat(100_000) + ']'.repeat(100_000))).toBe(
      'The YAML nests more than 64 levels of [ ] or { }.',
    );
    expect(refusal('{a: '.repeat(50_000) + '1' + '}'.repeat(50_000))).toBe(
      'The YAML nests more than 64 levels of [ ] or { }.',
    );
    expect(refusal('- '.repeat(100_000) + 'x\n')).toBe('The YAML is indented or nested past column 128.');
    expect(refusal(Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'))).toBe(
      'The YAML is indented or nested past column 128.',
    );
    // Quotes cannot hide brackets from the lexer, nor close levels that are open.
    expect(refusal('x: "]]]]"\ny: ' + '["]", '.repeat(70) + '1' + ']'.repeat(70))).toBe(
      'The YAML nests more than 64 levels of [ ] or { }.',
    );
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('allows what documents need: nesting, long lines, long strings, comments far right', () => {
    const long = 'x'.repeat(5_000);
    expect(
      parseYamlBytes(bytes(`a: ${long}  # note\nb: "${long}"\nc: ${'['.repeat(60)}1${']'.repeat(60)}\n`)),
    ).toHaveLength(1);
    expect(parseYamlBytes(bytes(`[${Array.from({ length: 500 }, (_, i) => `{"k": ${i}}`).join(', ')}]`))).toHaveLength(
      1,
    );
    expect(
      parseYamlBytes(bytes(Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}a${i}:`).join('\n') + ' 1\n')),
    ).toHaveLength(1);
  });

  it('refuses a stream too long to check for duplicate keys in reasonable time', () => {
    const keys = Array.from({ length: 25_000 }, (_, i) => `k${i}: 1`).join('\n');
    const started = performance.now();
    expect(refusal(keys)).toBe('The YAML is too long: more than 20000 tokens.');
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('readJsonOrYamlBody', () => {
  it('reads YAML by its Content-Type: one document as its value, several as their list', async () => {
    expect(await readJsonOrYamlBody(put('a: 1\n', 'application/yaml'), 1024)).toEqual({ a: 1 });
    expect(await readJsonOrYamlBody(put('a: 1\n---\nb: 2\n', 'text/yaml; charset=utf-8'), 1024)).toEqual([
      { a: 1 },
      { b: 2 },
    ]);
    expect(await readJsonOrYamlBody(put('[1, 2]', 'application/x-yaml'), 1024)).toEqual([1, 2]);
  });

  it('reads JSON otherwise, as before', async () => {
    expect(await readJsonOrYamlBody(put('{"a": 1}', 'application/json'), 1024)).toEqual({ a: 1 });
    expect(await readJsonOrYamlBody(put('[{"a": 1}]'), 1024)).toEqual([{ a: 1 }]);
    await expect(readJsonOrYamlBody(put('a: 1', 'text/plain'), 1024)).rejects.toMatchObject({
      status: 400,
      code: 'invalid_json',
    });
  });

  it('refuses an empty YAML body, and one over the limit with 413', async () => {
    await expect(readJsonOrYamlBody(put('', 'application/yaml'), 1024)).rejects.toMatchObject({
      status: 400,
      message: 'The body holds no YAML document.',
    });
    await expect(readJsonOrYamlBody(put('---\n# nothing\n', 'application/yaml'), 1024)).rejects.toMatchObject({
      status: 400,
    });
    await expect(readJsonOrYamlBody(put(`a: ${'x'.repeat(2048)}`, 'application/yaml'), 1024)).rejects.toMatchObject({
      status: 413,
      code: 'too_large',
    });
  });
});

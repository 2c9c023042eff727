import { describe, expect, it } from 'vitest';
import { SseParser, type SseMessage } from '@/lib/sdk/switches/sse-parser';

function parse(chunks: string[]) {
  const events: SseMessage[] = [];
  const comments: string[] = [];
  const retries: number[] = [];
  const parser = new SseParser({
    onEvent: (e) => events.push(e),
    onComment: (c) => comments.push(c),
    onRetry: (ms) => retries.push(ms),
  });
  for (const chunk of chunks) parser.push(chunk);
  return { events, comments, retries };
}

const STREAM =
  'retry: 2000\n\nevent: snapshot\nid: 7\ndata: {"version":7,"switches":[]}\n\n: heartbeat 2026-01-01T00:00:00Z\n\nevent: switch\nid: 8\ndata: {"feature":"a","version":8}\n\n';

describe('the server-sent events parser', () => {
  it('reads events, ids, comments and the retry hint', () => {
    const { events, comments, retries } = parse([STREAM]);
    expect(events).toEqual([
      { event: 'snapshot', id: '7', data: '{"version":7,"switches":[]}' },
      { event: 'switch', id: '8', data: '{"feature":"a","version":8}' },
    ]);
    expect(comments).toEqual(['heartbeat 2026-01-01T00:00:00Z']);
    expect(retries).toEqual([2000]);
  });

  it('gives the same result whatever the chunk boundaries, including one character at a time', () => {
    const whole = parse([STREAM]);
    for (const size of [1, 2, 3, 5, 7, 13, 64]) {
      const chunks: string[] = [];
      for (let i = 0; i < STREAM.length; i += size) chunks.push(STREAM.slice(i, i + size));
      expect(parse(chunks)).toEqual(whole);
    }
  });

  it('accepts CRLF and CR line endings, also when a CRLF is split across chunks', () => {
    const crlf = STREAM.replace(/\n/g, '\r\n');
    expect(parse([crlf]).events).toHaveLength(2);
    const at = crlf.indexOf('\r\n', 30) + 1;
    expect(parse([crlf.slice(0, at), crlf.slice(at)])).toEqual(parse([STREAM]));
    expect(parse([STREAM.replace(/\n/g, '\r')]).events).toHaveLength(2);
  });

  it('joins multi-line data, defaults the event name, and ignores blocks without data', () => {
    const { events } = parse([
      'data: one\ndata: two\n\nevent: empty\n\nevent: x\ndata\n\nunknown: field\ndata:no-space\n\n',
    ]);
    expect(events).toEqual([
      { event: 'message', data: 'one\ntwo', id: undefined },
      { event: 'x', data: '', id: undefined },
      { event: 'message', data: 'no-space', id: undefined },
    ]);
  });

  it('holds back an unfinished event until its blank line arrives', () => {
    const events: SseMessage[] = [];
    const parser = new SseParser({ onEvent: (e) => events.push(e) });
    parser.push('event: switch\ndata: {"a":1}\n');
    expect(events).toHaveLength(0);
    parser.push('\n');
    expect(events).toHaveLength(1);
  });
});

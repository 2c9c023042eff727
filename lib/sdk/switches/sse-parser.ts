// A server-sent events parser (WHATWG HTML §9.2.6) for a fetch body: fed text chunks cut
// anywhere, even mid-line or between \r and \n, it hands out whole events, comments and the
// server's `retry:` hint.

export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

export interface SseHandlers {
  onEvent(message: SseMessage): void;
  /** A `: comment` line, e.g. a heartbeat. */
  onComment?(text: string): void;
  onRetry?(ms: number): void;
}

export class SseParser {
  private buffer = '';
  /** The previous chunk ended in \r: a \n starting the next one belongs to that line break. */
  private skipLeadingLf = false;
  private event = '';
  private data: string[] = [];
  private id: string | undefined;

  constructor(private readonly handlers: SseHandlers) {}

  push(chunk: string): void {
    if (this.skipLeadingLf && chunk.startsWith('\n')) chunk = chunk.slice(1);
    this.skipLeadingLf = false;
    this.buffer += chunk;
    let start = 0;
    for (;;) {
      const cr = this.buffer.indexOf('\r', start);
      const lf = this.buffer.indexOf('\n', start);
      const end = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
      if (end < 0) break;
      this.line(this.buffer.slice(start, end));
      if (this.buffer[end] === '\r' && end + 1 === this.buffer.length) this.skipLeadingLf = true;
      start = end + (this.buffer[end] === '\r' && this.buffer[end + 1] === '\n' ? 2 : 1);
    }
    this.buffer = this.buffer.slice(start);
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    const colon = line.indexOf(':');
    if (colon === 0) return this.handlers.onComment?.(line.slice(1).replace(/^ /, ''));
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.handlers.onRetry?.(Number(value));
  }

  private dispatch(): void {
    const hasData = this.data.length > 0;
    const message = { event: this.event || 'message', data: this.data.join('\n'), id: this.id };
    this.event = '';
    this.data = [];
    if (hasData) this.handlers.onEvent(message);
  }
}

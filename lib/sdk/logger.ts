// Where the SDK reports trouble. Messages never contain prompts, completions or keys.

export interface Logger {
  warn(message: string): void;
}

export const consoleLogger: Logger = { warn: (message) => console.warn(`switchboard: ${message}`) };

/** Logs each distinct message once, so that a dashboard down for an hour does not flood the log. */
export class OnceLogger {
  private readonly seen = new Set<string>();

  constructor(private readonly logger: Logger) {}

  warn(message: string): void {
    if (this.seen.has(message)) return;
    if (this.seen.size > 100) this.seen.clear();
    this.seen.add(message);
    this.logger.warn(message);
  }
}

/** A short description of a failure for logs and stats: an error code, never a body. */
export function describeError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } } | null)?.cause;
  if (cause?.code) return cause.code;
  if (cause?.message) return cause.message;
  if (err instanceof Error) return err.name === 'TimeoutError' ? 'timed out' : err.message;
  return String(err);
}

// Target answers kept on disk so that rerunning an unchanged set costs nothing. The key covers the
// target (without secrets), the input as sent and the repeat index, so each repeat keeps its own
// answer and any change of prompt, model or variables asks the target again.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export const DEFAULT_CACHE_DIR = path.join('.switchboard', 'eval-cache');

export interface CachedAnswer {
  output: string;
  latencyMs: number;
  costUsd: number | null;
}

export function cacheKey(target: unknown, input: unknown, repeat: number): string {
  return createHash('sha256').update(JSON.stringify({ target, input, repeat })).digest('hex');
}

export class AnswerCache {
  constructor(readonly dir: string) {}

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The stored answer, or undefined when there is none (or it is unreadable: it is asked again). */
  async get(key: string): Promise<CachedAnswer | undefined> {
    try {
      const entry = JSON.parse(await fs.readFile(this.file(key), 'utf8')) as Partial<CachedAnswer>;
      if (typeof entry.output !== 'string' || typeof entry.latencyMs !== 'number') return undefined;
      return { output: entry.output, latencyMs: entry.latencyMs, costUsd: entry.costUsd ?? null };
    } catch {
      return undefined;
    }
  }

  async set(key: string, answer: CachedAnswer): Promise<void> {
    const file = this.file(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Write then rename: a run killed mid-write leaves no half entry behind.
    const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await fs.writeFile(temporary, JSON.stringify({ ...answer, storedAt: new Date().toISOString() }));
    await fs.rename(temporary, file);
  }
}

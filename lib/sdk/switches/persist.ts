// The last known switch document on disk, so that a restarted application knows the states
// before it reaches the dashboard (or when it cannot).
import fs from 'node:fs';
import type { SwitchDocument } from './switch-store.ts';

/** The saved document, or null when there is none or it is unreadable (then defaults apply). */
export function readSwitchFile(path: string): SwitchDocument | null {
  try {
    const doc = JSON.parse(fs.readFileSync(path, 'utf8')) as SwitchDocument;
    if (typeof doc?.version !== 'number' || !Array.isArray(doc.switches)) return null;
    const switches = doc.switches.filter((s) => s && typeof s.feature === 'string' && typeof s.killed === 'boolean');
    return { version: doc.version, switches };
  } catch {
    return null;
  }
}

/**
 * Writes documents one after another, each to a temporary file renamed over the old one, so a
 * crash mid-write leaves the previous document whole. A write asked for while one runs is
 * coalesced: only the latest document matters.
 */
export class SwitchFileWriter {
  private writing: Promise<void> | null = null;
  private next: SwitchDocument | null = null;

  constructor(
    private readonly path: string,
    private readonly onError: (err: unknown) => void,
  ) {}

  save(doc: SwitchDocument): Promise<void> {
    this.next = doc;
    this.writing ??= this.loop().finally(() => (this.writing = null));
    return this.writing;
  }

  /** Resolves when nothing is being written. */
  async idle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async loop(): Promise<void> {
    while (this.next) {
      const doc = this.next;
      this.next = null;
      const tmp = `${this.path}.${process.pid}.tmp`;
      try {
        await fs.promises.writeFile(tmp, JSON.stringify({ ...doc, savedAt: new Date().toISOString() }));
        await fs.promises.rename(tmp, this.path);
      } catch (err) {
        this.onError(err);
      }
    }
  }
}

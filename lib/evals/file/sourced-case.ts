import type { FieldPath } from '@/lib/cli/yaml-file';
import type { WrittenCase } from '@/lib/validations/eval-set';

/** A case as written, with where it was written: `where(path)` is "file:line[:col]: field.path". */
export interface SourcedCase {
  written: WrittenCase;
  where(path: FieldPath): string;
}

/** Too many lines bury the first problem: the rest are counted. */
export function limitLines(lines: string[], max = 30): string[] {
  return lines.length > max ? [...lines.slice(0, max), `… and ${lines.length - max} more problems.`] : lines;
}

/** ` (case "refund-late")` after a problem inside a case that has a name. */
export function aboutCase(name: unknown): string {
  return typeof name === 'string' && name.trim() ? ` (case "${name.trim()}")` : '';
}

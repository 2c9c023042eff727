// Replaces PII and secrets in prompts, completions and metadata with typed placeholders such as
// `[EMAIL]`. Each detector group is one anchored scan of the text; findings are collected as
// offsets and the text is rebuilt once, so a text without findings is returned as is (no copy).
// Admin rules run after the built-ins, one pass each.
import type { CompiledRule } from './custom-rules.ts';
import { DETECTOR_GROUPS, type Detector, type DetectorGroup, type Span } from './detectors.ts';

/** How many placeholders of each type were put in: `{ EMAIL: 2, SECRET: 1 }`. */
export type RedactionCounts = Record<string, number>;

interface CompiledGroup {
  combined: RegExp;
  /** One sticky regex per detector, to try the later ones where an earlier one was rejected. */
  sticky: RegExp[];
  detectors: Detector[];
  /** Index of each detector in ALL_DETECTORS: its placeholder and its priority. */
  ids: number[];
  mayMatch?: (text: string) => boolean;
}

const ALL_DETECTORS = DETECTOR_GROUPS.flatMap((g) => g.detectors);
const PLACEHOLDERS = ALL_DETECTORS.map((d) => `[${d.type}]`);

/** One scan for all detectors of a group: an alternation with one capture group per detector. */
export function groupScan(group: DetectorGroup): RegExp {
  return new RegExp(
    `${group.lead ?? ''}(?:${group.detectors.map((d) => `(${d.source})`).join('|')})`,
    `g${group.flags ?? ''}`,
  );
}

const GROUPS: CompiledGroup[] = DETECTOR_GROUPS.map((group) => {
  const lead = group.lead ?? '';
  const flags = group.flags ?? '';
  const combined = groupScan(group);
  if (new RegExp(`${combined.source}|`).exec('')!.length !== group.detectors.length + 1) {
    throw new Error('A redaction detector has a capture group; use (?:…) so the alternation can tell them apart.');
  }
  return {
    combined,
    sticky: group.detectors.map((d) => new RegExp(`${lead}(?:${d.source})`, `y${flags}`)),
    detectors: group.detectors,
    ids: group.detectors.map((d) => ALL_DETECTORS.indexOf(d)),
    mayMatch: group.mayMatch,
  };
});

/** Keys of chat messages and content parts whose string values are structure, not content. */
const STRUCTURAL_KEYS = new Set(['role', 'type']);

/** The shortest text any detector can match (`a@b.co`). */
const MIN_LENGTH = 6;

function confirmedSpan(detector: Detector, match: string, text: string, index: number): Span {
  const verdict = detector.confirm ? detector.confirm(match, text, index) : true;
  if (verdict === true) return { start: 0, end: match.length };
  return verdict === false ? null : verdict;
}

/** A later detector of the group that matches at `at` and is confirmed there. */
function laterMatchAt(
  group: CompiledGroup,
  text: string,
  at: number,
  from: number,
): { detector: number; span: Span } | null {
  for (let d = from; d < group.detectors.length; d++) {
    const sticky = group.sticky[d];
    sticky.lastIndex = at;
    const m = sticky.exec(text);
    if (!m) continue;
    const span = confirmedSpan(group.detectors[d], m[0], text, at);
    if (span) return { detector: d, span };
  }
  return null;
}

/** Appends findings to `hits` as (start, end, detector id) triples. */
function scanGroup(group: CompiledGroup, text: string, hits: number[]): void {
  const re = group.combined;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    let detector = 1;
    while (m[detector] === undefined) detector++;
    detector--;
    let span = confirmedSpan(group.detectors[detector], m[0], text, m.index);
    if (!span) {
      const later = laterMatchAt(group, text, m.index, detector + 1);
      if (!later) {
        re.lastIndex = m.index + 1;
        continue;
      }
      ({ detector, span } = later);
    }
    const end = m.index + span!.end;
    hits.push(m.index + span!.start, end, group.ids[detector]);
    re.lastIndex = Math.max(end, m.index + 1);
  }
}

/** Rebuilds the text with placeholders; where findings overlap, the earliest (then longest) wins. */
function applyHits(
  text: string,
  hits: number[],
  counts: RedactionCounts,
  onApplied?: (start: number, end: number, id: number) => void,
): string {
  const order = Array.from({ length: hits.length / 3 }, (_, i) => i * 3);
  if (order.length > 1)
    order.sort((a, b) => hits[a] - hits[b] || hits[b + 1] - hits[a + 1] || hits[a + 2] - hits[b + 2]);
  let out = '';
  let copied = 0;
  for (const h of order) {
    const start = hits[h];
    if (start < copied) continue;
    const id = hits[h + 2];
    out += text.slice(copied, start) + PLACEHOLDERS[id];
    copied = hits[h + 1];
    onApplied?.(start, copied, id);
    bump(counts, ALL_DETECTORS[id].type);
  }
  return out + text.slice(copied);
}

function bump(counts: RedactionCounts, type: string): void {
  counts[type] = (counts[type] ?? 0) + 1;
}

function builtinHits(text: string): number[] {
  const hits: number[] = [];
  if (text.length < MIN_LENGTH) return hits;
  for (const group of GROUPS) {
    if (group.mayMatch && !group.mayMatch(text)) continue;
    scanGroup(group, text, hits);
  }
  return hits;
}

/** The built-in pass over one text. */
export function redactBuiltins(text: string, counts: RedactionCounts): string {
  const hits = builtinHits(text);
  return hits.length === 0 ? text : applyHits(text, hits, counts);
}

export interface Finding {
  type: string;
  start: number;
  end: number;
}

/** What the built-in pass replaces, as offsets into `text` (for measuring it on a labeled corpus). */
export function builtinFindings(text: string): Finding[] {
  const findings: Finding[] = [];
  // applyHits decides which of overlapping hits wins; take its decisions as they are applied.
  applyHits(text, builtinHits(text), {}, (start, end, id) =>
    findings.push({ type: ALL_DETECTORS[id].type, start, end }),
  );
  return findings;
}

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const UNSTORABLE_HINT = /[\u0000\ud800-\udfff]/;

/**
 * Whether a text may hold U+0000 or an unpaired surrogate. `includes` and `isWellFormed` are
 * native scans, and on a one-byte string (any text without characters past U+00FF) the second
 * costs nothing: several times cheaper than a regular expression over the text.
 */
const mayBeUnstorable: (text: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function'
    ? (text) => text.includes('\u0000') || !(text as unknown as { isWellFormed(): boolean }).isWellFormed()
    : (text) => UNSTORABLE_HINT.test(text);

/**
 * Postgres text and jsonb cannot hold U+0000 or unpaired surrogates (JSON allows both as
 * escapes): one such character would fail the whole batch, so they become U+FFFD.
 */
export function storableText(text: string): string {
  return mayBeUnstorable(text) ? text.replace(UNSTORABLE, '\ufffd') : text;
}

export class Redactor {
  constructor(private readonly rules: readonly CompiledRule[] = []) {}

  /** Redacts one string (made storable first), adding to `counts`. */
  text(text: string, counts: RedactionCounts): string {
    let out = redactBuiltins(storableText(text), counts);
    for (const rule of this.rules) {
      rule.regex.lastIndex = 0;
      if (!rule.regex.test(out)) continue;
      const placeholder = `[${rule.placeholder}]`;
      out = out.replace(rule.regex, (match) => {
        if (match.length === 0) return match;
        bump(counts, rule.placeholder);
        return placeholder;
      });
    }
    return out;
  }

  /**
   * Redacts every string inside a JSON value (chat messages, content parts, metadata) and keeps
   * its structure. `role` and `type` values are left alone: they say what a part is. A plain
   * array or object in which nothing changes is returned as is (most messages hold no PII, and
   * ingestion redacts every message it stores); anything else comes back as a new plain copy.
   */
  value(value: unknown, counts: RedactionCounts): unknown {
    if (typeof value === 'string') return this.text(value, counts);
    if (value === null || typeof value !== 'object') return value;
    return Array.isArray(value) ? this.array(value, counts) : this.object(value as Record<string, unknown>, counts);
  }

  private array(items: unknown[], counts: RedactionCounts): unknown[] {
    let out: unknown[] | undefined = Object.getPrototypeOf(items) === Array.prototype ? undefined : [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const redacted = this.value(item, counts);
      if (out === undefined) {
        if (redacted === item) continue;
        out = items.slice(0, i);
      }
      out.push(redacted);
    }
    return out ?? items;
  }

  private object(value: Record<string, unknown>, counts: RedactionCounts): Record<string, unknown> {
    const keys = Object.keys(value);
    let out: Record<string, unknown> | undefined = Object.getPrototypeOf(value) === Object.prototype ? undefined : {};
    for (let i = 0; i < keys.length; i++) {
      const rawKey = keys[i];
      const item = value[rawKey];
      const key = storableText(rawKey);
      const redacted = STRUCTURAL_KEYS.has(key) && typeof item === 'string' ? item : this.value(item, counts);
      if (out === undefined) {
        if (redacted === item && key === rawKey) continue;
        out = {};
        for (let j = 0; j < i; j++) setData(out, keys[j], value[keys[j]]);
      }
      setData(out, key, redacted);
    }
    return out ?? value;
  }
}

/** An own "__proto__" key from JSON.parse must stay data, not become the prototype. */
function setData(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** The redactor with only the built-in detectors (no admin rules). */
export const builtinRedactor = new Redactor();

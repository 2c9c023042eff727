// Recall and precision of the built-in redactor per PII type on the labeled corpus
// (test/fixtures/redaction-corpus.jsonl, written by test/fixtures/generate-redaction-corpus.mts).
import fs from 'node:fs';
import path from 'node:path';
import { builtinFindings, type Finding } from '../../lib/sdk/redact/redactor.ts';

export const CORPUS_PATH = path.resolve(import.meta.dirname, '../fixtures/redaction-corpus.jsonl');

interface Labeled {
  text: string;
  spans: Finding[];
}

export interface TypeScore {
  type: string;
  /** Labeled spans of this type. */
  labeled: number;
  /** Labeled spans wholly covered by a finding of the same type. */
  found: number;
  /** Labeled spans wholly covered by a finding of any type: not leaked, even if mislabeled. */
  hidden: number;
  /** Findings of this type, and those overlapping a labeled span of this type. */
  findings: number;
  correct: number;
  recall: number;
  precision: number;
}

export interface CorpusScore {
  snippets: number;
  negatives: number;
  /** Findings in snippets labeled as holding no PII at all. */
  negativeFindings: number;
  types: TypeScore[];
  misses: Array<{ text: string; span: Finding }>;
  falsePositives: Array<{ text: string; finding: Finding }>;
}

export function readCorpus(file = CORPUS_PATH): Labeled[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Labeled);
}

const covers = (f: Finding, s: Finding) => f.start <= s.start && f.end >= s.end;
const overlaps = (a: Finding, b: Finding) => a.start < b.end && b.start < a.end;

export function scoreCorpus(corpus: Labeled[]): CorpusScore {
  const byType = new Map<string, TypeScore>();
  const score = (type: string) => {
    let s = byType.get(type);
    if (!s)
      byType.set(
        type,
        (s = { type, labeled: 0, found: 0, hidden: 0, findings: 0, correct: 0, recall: 0, precision: 0 }),
      );
    return s;
  };
  const result: CorpusScore = {
    snippets: corpus.length,
    negatives: 0,
    negativeFindings: 0,
    types: [],
    misses: [],
    falsePositives: [],
  };
  for (const { text, spans } of corpus) {
    const findings = builtinFindings(text);
    if (spans.length === 0) {
      result.negatives++;
      result.negativeFindings += findings.length;
    }
    for (const span of spans) {
      const s = score(span.type);
      s.labeled++;
      if (findings.some((f) => f.type === span.type && covers(f, span))) s.found++;
      else result.misses.push({ text, span });
      if (findings.some((f) => covers(f, span))) s.hidden++;
    }
    for (const finding of findings) {
      const s = score(finding.type);
      s.findings++;
      if (spans.some((span) => span.type === finding.type && overlaps(finding, span))) s.correct++;
      else result.falsePositives.push({ text, finding });
    }
  }
  result.types = [...byType.values()].sort((a, b) => a.type.localeCompare(b.type));
  for (const s of result.types) {
    s.recall = s.labeled === 0 ? 1 : s.found / s.labeled;
    s.precision = s.findings === 0 ? 1 : s.correct / s.findings;
  }
  return result;
}

/** The table for docs/reliability.md (Markdown). */
export function formatScoreTable(score: CorpusScore): string {
  const rows = score.types.map(
    (s) =>
      `| ${s.type} | ${s.labeled} | ${s.found} | ${s.recall.toFixed(3)} | ${s.findings} | ${s.precision.toFixed(3)} | ${(s.hidden / Math.max(1, s.labeled)).toFixed(3)} |`,
  );
  return [
    '| Type | Labeled | Found | Recall | Findings | Precision | Hidden (any type) |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `${score.snippets} snippets, ${score.negatives} of them hard negatives with no PII (findings in those: ${score.negativeFindings}).`,
  ].join('\n');
}

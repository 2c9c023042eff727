// Prints the redactor's recall and precision per PII type on the labeled corpus, as the Markdown
// table in docs/reliability.md#accounts-keys-and-redaction, and lists what it missed or flagged wrongly:
//   npx tsx test/bench/redaction-report.mts
import { formatScoreTable, readCorpus, scoreCorpus } from '../support/redaction-metrics.ts';

const score = scoreCorpus(readCorpus());
console.log(formatScoreTable(score));
console.log('\nMissed:');
for (const { text, span } of score.misses)
  console.log(`  ${span.type}: ${JSON.stringify(text.slice(span.start, span.end))} in ${JSON.stringify(text)}`);
console.log('\nFalse positives:');
for (const { text, finding } of score.falsePositives) {
  console.log(
    `  ${finding.type}: ${JSON.stringify(text.slice(finding.start, finding.end))} in ${JSON.stringify(text)}`,
  );
}

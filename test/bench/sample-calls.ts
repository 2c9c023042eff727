// Realistic calls for benchmarks: ~1.5 KB of prompt and completion, a little PII in some.
import { randomUUID } from 'node:crypto';

export const SYSTEM =
  'You are a helpful support agent for Acme Corp. Answer in the customer\'s language, be concise and friendly, and sign as "Acme Support". Refunds for duplicate charges are issued within 5 business days. Never promise delivery dates. Use lookup_order(order_id) and refund(charge_id, amount_cents) when needed.';
export const USER = [
  'Hi, I ordered the blue kettle (order 84512-77) on March 3rd and it still has not arrived. Version 2.3.1 of your app shows "processing" since 2024-03-04T10:30:00Z. Can you check?',
  'I was charged twice for order 99120-03, please refund one of them. You can reach me at maria.rossi@example.com or +39 06 1234 5678. Thanks, Maria.',
  'My card 4111 1111 1111 1111 was declined at checkout although the bank says everything is fine. What is going on with order 55310-12?',
];
export const COMPLETION =
  'Thanks for reaching out! I checked order 84512-77: it left our warehouse DE-2 yesterday with DHL (tracking 00340434161094027318) and should arrive within 2-3 business days. I also see the duplicate charge and have issued a refund of 59.90 EUR, which will show on your statement within 5 business days. Is there anything else I can help with? - Acme Support';

export function sampleCall(i: number, feature = 'bench-support'): Record<string, unknown> {
  return {
    id: randomUUID(),
    feature,
    model: i % 3 === 0 ? 'gpt-4o-mini' : 'claude-3-5-sonnet-20241022',
    provider: i % 3 === 0 ? 'openai' : 'anthropic',
    latencyMs: 800 + (i % 700),
    ttftMs: 200 + (i % 90),
    inputTokens: 900,
    outputTokens: 150,
    cachedInputTokens: 100,
    userId: `u-${i % 500}`,
    sessionId: `s-${i % 2000}`,
    release: 'prompt-v12',
    prompt: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: USER[i % USER.length] },
    ],
    completion: COMPLETION,
    metadata: { region: 'eu', attempt: 1 },
  };
}

const BENCH_FEATURES = ['support-agent', 'ticket-triage', 'email-draft', 'search-summary', 'product-qa'];
const FOLLOW_UP =
  'Thanks. One more thing: the invoice for order 84512-77 still shows my old address, Via Roma 12, 00184 Rome. Please send a corrected invoice to maria.rossi@example.com.';

/**
 * The call of the ingestion benchmarks: 1,463 characters of prompt (four chat messages) and
 * completion. With `timestamp`, it carries one, as the SDK's calls always do; without, the server
 * stamps it on receipt (and checks the last day's ids for a re-send).
 */
export function benchCall(i: number, timestamp?: Date): Record<string, unknown> {
  const failed = i % 67 === 0;
  return {
    id: randomUUID(),
    ...(timestamp ? { timestamp: timestamp.toISOString() } : {}),
    feature: BENCH_FEATURES[i % BENCH_FEATURES.length],
    model: i % 3 === 0 ? 'gpt-4o-mini' : 'claude-3-5-sonnet-20241022',
    provider: i % 3 === 0 ? 'openai' : 'anthropic',
    outcome: failed ? 'error' : 'ok',
    errorType: failed ? 'timeout' : undefined,
    route: i % 20 === 0 ? 'fallback' : 'primary',
    fallbackDepth: i % 20 === 0 ? 1 : 0,
    latencyMs: 400 + ((i * 7919) % 2600),
    ttftMs: 120 + (i % 300),
    inputTokens: 600 + (i % 900),
    outputTokens: 80 + (i % 400),
    cachedInputTokens: i % 4 === 0 ? 300 : 0,
    userId: `u-${i % 5000}`,
    sessionId: `s-${i % 20000}`,
    environment: i % 25 === 0 ? 'staging' : 'production',
    release: 'prompt-v12',
    prompt: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: USER[i % USER.length] },
      { role: 'assistant', content: COMPLETION },
      { role: 'user', content: FOLLOW_UP },
    ],
    completion: COMPLETION,
    metadata: { region: 'eu', attempt: 1 },
  };
}

const PROSE = [
  'The customer asked why the monthly report showed a different total than the dashboard, and whether the numbers for the last quarter had been revised after the audit.',
  'We compared the two exports line by line: the report rounds each invoice before summing, while the dashboard sums first and rounds once, so small differences add up over many invoices.',
  'I suggested switching the report to the same rounding rule, and explained that the revised quarter only moved two invoices that had been booked in the wrong month.',
  'They also wanted to know how long the archive keeps older reports, and if a scheduled export could be sent to a shared mailbox every Monday morning.',
  'Both are possible: the archive keeps reports for seven years, and a scheduled export can go to any address that the account administrator has confirmed.',
  'Finally they asked for a summary they could forward to their finance lead, written plainly and without the internal names of our systems.',
];

/**
 * Issue 12's second shape: 50 features, timestamps spread over the last 30 minutes (late and
 * out of order across batches), 5,000 users, a session per call, ~1 KB of plain prose (nothing to
 * redact) in prompt and completion.
 */
export function wideCall(i: number, timestamp: Date): Record<string, unknown> {
  const failed = i % 53 === 0;
  const start = i % PROSE.length;
  const prose = (n: number) => Array.from({ length: n }, (_, k) => PROSE[(start + k) % PROSE.length]).join(' ');
  return {
    id: randomUUID(),
    timestamp: timestamp.toISOString(),
    feature: `feature-${String((i * 7) % 50).padStart(2, '0')}`,
    model: ['gpt-4o-mini', 'gpt-4o', 'claude-3-5-haiku-20241022', 'gemini-1.5-flash'][i % 4],
    outcome: failed ? 'error' : 'ok',
    errorType: failed ? 'rate_limit' : undefined,
    route: i % 17 === 0 ? 'fallback' : 'primary',
    fallbackDepth: i % 17 === 0 ? 1 : 0,
    latencyMs: 300 + ((i * 7919) % 4000),
    ttftMs: 90 + (i % 400),
    inputTokens: 250 + (i % 300),
    outputTokens: 60 + (i % 200),
    userId: `user-${(i * 31) % 5000}`,
    sessionId: `session-${i}`,
    release: `v${1 + (i % 3)}`,
    prompt: prose(4),
    completion: prose(2),
  };
}

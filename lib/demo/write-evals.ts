// The demo's nightly eval runs of the support agent, so a first start shows the evals pages, a
// baseline and the accuracy SLO that reads them rather than empty states. Two weeks of runs of the
// cases in evals/support-agent.yaml and a few more; the prompt version `support-v13` regressed two
// cases for two nights before `support-v14` fixed them. Stored through storeEvalRun, the path
// uploads take; the newest passing run of `support-v12` is the baseline.
import type { Db } from '@/db';
import { markBaseline } from '@/lib/evals/mark-baseline';
import { storeEvalRun } from '@/lib/evals/store-eval-run';
import type { EvalRunInput } from '@/lib/validations/eval-run';
import { DAY_MS, HOUR_MS } from '@/lib/time/units';
import { createRng } from './prng';

const DEMO_ACTOR = { id: 'system', label: 'demo data' };
const NIGHTS = 14;
const THRESHOLD = 0.9;

interface DemoCase {
  name: string;
  question: string;
  mustContain: string;
  /** Chance that it passes on a normal night. */
  pass: number;
}

const CASES: DemoCase[] = [
  {
    name: 'refund-duplicate-charge',
    question: 'I was charged twice for order 1042. Can I get a refund?',
    mustContain: 'refund',
    pass: 0.97,
  },
  { name: 'password-reset', question: 'How do I reset my password?', mustContain: 'reset', pass: 0.99 },
  { name: 'shipping-time', question: 'When will my parcel to Lyon arrive?', mustContain: 'Lyon', pass: 0.95 },
  { name: 'stays-polite', question: 'Your app is useless. Cancel my subscription.', mustContain: 'cancel', pass: 0.96 },
  {
    name: 'invoice-address',
    question: 'Please correct the address on invoice 84512.',
    mustContain: 'invoice',
    pass: 0.93,
  },
  { name: 'plan-upgrade', question: 'Does the Team plan include SSO?', mustContain: 'SSO', pass: 0.9 },
  { name: 'no-card-numbers', question: 'Read me back my card number.', mustContain: 'cannot', pass: 0.98 },
  { name: 'handoff-to-human', question: 'I want to talk to a person.', mustContain: 'agent', pass: 0.94 },
];

/** The cases `support-v13` broke. */
const REGRESSED = new Set(['refund-duplicate-charge', 'stays-polite']);

function promptVersion(night: number): string {
  if (night >= 5) return 'support-v12';
  return night >= 3 ? 'support-v13' : 'support-v14';
}

function demoRun(now: Date, night: number, rng: ReturnType<typeof createRng>): EvalRunInput {
  const started = new Date(Math.floor((now.getTime() - night * DAY_MS) / DAY_MS) * DAY_MS + 3 * HOUR_MS);
  const version = promptVersion(night);
  const results = CASES.map((c) => {
    const passed = version === 'support-v13' && REGRESSED.has(c.name) ? false : rng.chance(c.pass);
    const output = passed
      ? `Thanks for reaching out. About "${c.question}" — here is what I can do: ${c.mustContain} is covered, and I have noted it on your account.`
      : 'Sorry, I am not able to help with that request.';
    return {
      name: c.name,
      repeat: 0,
      passed,
      score: passed ? 1 : 0,
      weight: 1,
      vars: { question: c.question },
      output,
      expected: null,
      assertions: [
        {
          type: 'icontains',
          passed,
          score: passed ? 1 : 0,
          weight: 1,
          reason: passed ? '' : `expected to contain "${c.mustContain}" (any case)`,
        },
      ],
      latencyMs: Math.round(rng.lognormal(900, 0.3)),
      costUsd: Math.round(rng.lognormal(0.0011, 0.2) * 1e6) / 1e6,
      error: null,
    };
  });
  return {
    feature: 'support-agent',
    name: `nightly ${started.toISOString().slice(0, 10)}`,
    startedAt: started.toISOString(),
    finishedAt: new Date(started.getTime() + 42_000).toISOString(),
    gitBranch: 'main',
    model: 'gpt-4o',
    promptVersion: version,
    environment: 'production',
    threshold: THRESHOLD,
    results,
  };
}

export async function writeDemoEvalRuns(db: Db, now: Date): Promise<void> {
  const rng = createRng(6);
  let baselineId: number | undefined;
  for (let night = NIGHTS; night >= 1; night--) {
    const run = demoRun(now, night, rng);
    const { id, passRate } = await storeEvalRun(db, run, DEMO_ACTOR, now);
    if (run.promptVersion === 'support-v12' && passRate >= THRESHOLD) baselineId = id;
  }
  if (baselineId !== undefined) await markBaseline(db, baselineId, DEMO_ACTOR);
}

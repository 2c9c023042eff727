// Short, realistic prompts and completions for a sample of demo calls. Some carry fake personal
// data (e-mail addresses, phone numbers) so that redaction has something to show.
import type { Rng } from './prng';
import type { ChatMessage } from '@/lib/sdk/types';

export interface Body {
  prompt: string | ChatMessage[];
  completion?: string;
}

const SUPPORT_QUESTIONS: [string, string][] = [
  [
    'How do I reset two-factor authentication? I lost my phone.',
    'You can reset 2FA from the sign-in page: choose "Use a recovery code". If you no longer have your codes, I can hand you over to an agent who will verify your identity.',
  ],
  [
    "I can't log in, my email is jordan.lee@example.com and the reset link never arrives.",
    'Sorry about that. Reset e-mails can take up to 10 minutes; please check your spam folder. If it still does not arrive, I will open a ticket for our team.',
  ],
  [
    'Can I change my plan from monthly to annual billing?',
    'Yes. Go to Settings → Billing → Change plan and choose "Annual". The remaining days of your month are credited pro rata.',
  ],
  [
    'Please call me back at +1 415 555 0134 about invoice INV-8812, it was charged twice.',
    'I am sorry for the double charge. I have flagged invoice INV-8812 for our billing team; they will contact you within one business day.',
  ],
  [
    'Does the API support webhooks for new orders?',
    'Yes. Under Settings → Developers → Webhooks you can subscribe to order.created; we retry failed deliveries for 24 hours.',
  ],
  [
    'Export all my data as CSV please',
    'You can export everything from Settings → Data → Export. Large exports are e-mailed to the account owner when ready.',
  ],
  [
    'Why is my dashboard showing yesterday’s numbers?',
    'Dashboards refresh every 15 minutes. If the numbers are older than an hour, a sync may have failed; try Settings → Integrations → Resync.',
  ],
  [
    'Hi, I’m maria.gonzalez@example.net, can you delete my account?',
    'I can help with that. For your security, account deletion must be confirmed from Settings → Account → Delete account while signed in.',
  ],
];

const POSTS: [string, string][] = [
  ['Great write-up, the part about connection pooling saved my weekend.', '{"label":"allow","categories":[]}'],
  ['DM me for cheap followers!!! 1000 for $5 whatsapp +44 7700 900123', '{"label":"block","categories":["spam"]}'],
  ['This release broke our SSO again. Who tests this stuff?', '{"label":"allow","categories":["negative_sentiment"]}'],
  [
    'Selling my account, contact seller.account@example.org',
    '{"label":"block","categories":["spam","account_trading"]}',
  ],
  ['Anyone else seeing 502s on the EU endpoint since 9am?', '{"label":"allow","categories":[]}'],
];

const ENTITLEMENTS: [string, string, string][] = [
  ['Team (annual)', 'sso_saml', '{"allowed":false,"reason":"SAML SSO needs the Enterprise plan."}'],
  ['Enterprise', 'audit_log_export', '{"allowed":true}'],
  ['Free', 'api_access', '{"allowed":true,"limit":"1,000 requests/day"}'],
  ['Team (monthly)', 'custom_domain', '{"allowed":true}'],
  ['Free', 'priority_support', '{"allowed":false,"reason":"Priority support starts with the Team plan."}'],
];

const THREADS: [string, string][] = [
  [
    'Customer (dana.whitfield@example.org): our nightly export has failed three nights in a row.\nAgent: can you share the job id?\nCustomer: exp_77f2, it stops at 80%.',
    'Nightly export exp_77f2 fails at 80% for three nights. Customer has shared the job id. Next: check export worker logs for the tenant; offer a manual export meanwhile.',
  ],
  [
    'Customer: we were charged for 12 seats but only have 9 users.\nAgent: I see 3 pending invites.\nCustomer: those people left the company.',
    'Billed for 12 seats; 3 are stale pending invites from former employees. Next: revoke the invites and credit 3 seats for the current period.',
  ],
  [
    'Customer: the mobile app logs me out every hour since the update.\nAgent: which version?\nCustomer: 5.2.1 on Android 14, phone +49 151 23456789 if you want to call.',
    'Android app 5.2.1 logs the user out hourly since the update. Likely the token-refresh regression tracked in MOB-311. Next: confirm on 5.2.2 beta.',
  ],
];

const QUERIES = [
  'reset 2fa',
  'invoice download',
  'webhook retries',
  'sso setup okta',
  'export csv',
  'api rate limit',
  'delete workspace',
];

/** A prompt and (for answered calls) a completion for one call of `feature`. */
/** `leaky`: the answer shows the fault of the release that was killed. */
export function sampleBody(feature: string, rng: Rng, options: { answered: boolean; leaky?: boolean }): Body {
  const done = (prompt: Body['prompt'], completion: string): Body =>
    options.answered ? { prompt, completion } : { prompt };
  switch (feature) {
    case 'support-agent': {
      const [q, answer] = rng.pick(SUPPORT_QUESTIONS);
      const a = options.leaky ? `${answer} As an apology I have also refunded your last three months.` : answer;
      const system =
        "You are Acme's support assistant. Answer from the help-center articles; if unsure, offer a handoff to a human.";
      return done(
        [
          { role: 'system', content: system },
          { role: 'user', content: q },
        ],
        a,
      );
    }
    case 'moderation': {
      const [post, verdict] = rng.pick(POSTS);
      return done(`Classify this community post. Answer JSON {label, categories}.\n\nPost: ${post}`, verdict);
    }
    case 'entitlement-check': {
      const [plan, capability, answer] = rng.pick(ENTITLEMENTS);
      return done(
        `Plan: ${plan}\nRequested capability: ${capability}\nAccount: acct_${rng.int(10_000, 99_999)}\nAnswer JSON {allowed, reason?}.`,
        answer,
      );
    }
    case 'summarizer': {
      const [thread, summary] = rng.pick(THREADS);
      return done(`Summarize this support thread for the next agent in three sentences.\n\n${thread}`, summary);
    }
    default: {
      const order = Array.from({ length: 8 }, (_, i) => i + 1);
      for (let i = order.length - 1; i > 0; i--) {
        const j = rng.int(0, i);
        [order[i], order[j]] = [order[j], order[i]];
      }
      return done(
        `Query: ${rng.pick(QUERIES)}\nRank the 20 candidate articles by relevance; answer the ids in order.`,
        JSON.stringify(order),
      );
    }
  }
}

// The formats a webhook posts in, what each needs, and where the paging services listen. Pure,
// so the settings form and the server read the same facts.

export const WEBHOOK_KINDS = ['slack', 'pagerduty', 'opsgenie'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

/** Kinds that open an incident on a paging service and close it again; they need a key. */
export type PagingKind = Exclude<WebhookKind, 'slack'>;

export const isPagingKind = (kind: WebhookKind): kind is PagingKind => kind !== 'slack';

interface KindInfo {
  label: string;
  /** Where alerts go unless the URL says otherwise (a local receiver in tests, Opsgenie's EU region). */
  defaultUrl: string | null;
  urlHint: string;
  key: { label: string; hint: string; pattern: RegExp; missing: string; invalid: string } | null;
}

export const WEBHOOK_KIND_INFO: Record<WebhookKind, KindInfo> = {
  slack: {
    label: 'Slack-compatible JSON',
    defaultUrl: null,
    urlHint: 'Alerts are POSTed here as Slack-compatible JSON (Slack, Mattermost, Rocket.Chat, or your own receiver).',
    key: null,
  },
  pagerduty: {
    label: 'PagerDuty (Events API v2)',
    defaultUrl: 'https://events.pagerduty.com/v2/enqueue',
    urlHint: 'Leave empty for https://events.pagerduty.com/v2/enqueue.',
    key: {
      label: 'Integration key',
      hint: 'The 32-character Integration Key of an “Events API v2” integration on the PagerDuty service (the routing key).',
      // Service keys are 32 hexadecimal characters; ruleset keys start with R. Both are letters and digits.
      pattern: /^[A-Za-z0-9]{32}$/,
      missing: 'Paste the integration key: PagerDuty accepts alerts only with it.',
      invalid: 'A PagerDuty integration key is 32 letters and digits; copy it from the integration’s page.',
    },
  },
  opsgenie: {
    label: 'Opsgenie (Alert API)',
    defaultUrl: 'https://api.opsgenie.com/v2/alerts',
    urlHint:
      'Leave empty for https://api.opsgenie.com/v2/alerts; accounts in the EU region use https://api.eu.opsgenie.com/v2/alerts.',
    key: {
      label: 'API key',
      hint: 'The API key of an “API” integration in Opsgenie (sent as Authorization: GenieKey …).',
      pattern: /^[A-Za-z0-9_-]{8,200}$/,
      missing: 'Paste the API key: Opsgenie accepts alerts only with it.',
      invalid: 'An Opsgenie API key is letters, digits and dashes, such as eb243592-faa2-4ba2-a551-1afdf565c889.',
    },
  },
};

/** "…a1b2" (from the key or its end): enough to tell keys apart, never enough to use one. */
export function secretHint(secret: string | null): string | null {
  return secret ? `…${secret.slice(-4)}` : null;
}

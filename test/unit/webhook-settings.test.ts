import { describe, expect, it } from 'vitest';
import { zodFieldErrors } from '@/lib/api/errors';
import { UpdateWebhookSchema, WebhookSchema } from '@/lib/validations/webhook';
import { redactWebhookUrl } from '@/lib/webhooks/manage';
import { secretHint } from '@/lib/webhooks/kinds';

const valid = { name: 'oncall', url: 'https://hooks.slack.com/services/T0/B0/x', minSeverity: 'ticket', enabled: true };
const ROUTING_KEY = 'e93facc04764012d7bfb002500d5d1a6';
const GENIE_KEY = 'eb243592-faa2-4ba2-a551-1afdf565c889';

describe('webhook settings', () => {
  it('refuses input that is not an object as invalid, without throwing', () => {
    for (const input of [['not the input of any action'], 'text', null, 42]) {
      expect(WebhookSchema.safeParse(input).success).toBe(false);
      expect(UpdateWebhookSchema.safeParse(input).success).toBe(false);
    }
  });

  it('takes http and https URLs and a name; a webhook without a kind is Slack-compatible, without a key', () => {
    expect(WebhookSchema.parse({ ...valid, name: '  oncall  ' })).toEqual({ ...valid, kind: 'slack', secret: null });
    expect(WebhookSchema.safeParse({ ...valid, url: 'http://10.0.0.5:8080/alerts' }).success).toBe(true);
    // A key typed for a Slack webhook is not kept.
    expect(WebhookSchema.parse({ ...valid, kind: 'slack', secret: ROUTING_KEY }).secret).toBeNull();
  });

  it('says what is wrong with each field', () => {
    const result = WebhookSchema.safeParse({
      name: ' ',
      url: 'ftp://example.com/x',
      minSeverity: 'urgent',
      enabled: 'yes',
    });
    expect(result.success).toBe(false);
    expect(zodFieldErrors(result.error!)).toEqual({
      name: ['Give the webhook a name.'],
      url: ['Enter a full http:// or https:// URL, such as https://hooks.slack.com/services/….'],
      minSeverity: ['Choose one of page, ticket, info.'],
      enabled: ['Say whether the webhook is enabled.'],
    });
    expect(WebhookSchema.safeParse({ ...valid, url: 'not a url' }).success).toBe(false);
    expect(zodFieldErrors(WebhookSchema.safeParse({ ...valid, url: '' }).error!)).toEqual({
      url: ['Give the URL the alerts are posted to.'],
    });
    expect(zodFieldErrors(WebhookSchema.safeParse({ ...valid, kind: 'victorops' }).error!)).toEqual({
      kind: ['Choose Slack-compatible JSON, PagerDuty or Opsgenie.'],
    });
  });

  it('fills in PagerDuty’s and Opsgenie’s URLs, and keeps one given (a local receiver, the EU region)', () => {
    expect(WebhookSchema.parse({ ...valid, kind: 'pagerduty', url: '', secret: ROUTING_KEY })).toMatchObject({
      kind: 'pagerduty',
      url: 'https://events.pagerduty.com/v2/enqueue',
      secret: ROUTING_KEY,
    });
    expect(WebhookSchema.parse({ ...valid, kind: 'opsgenie', url: undefined, secret: ` ${GENIE_KEY} ` })).toMatchObject(
      {
        url: 'https://api.opsgenie.com/v2/alerts',
        secret: GENIE_KEY,
      },
    );
    expect(
      WebhookSchema.parse({
        ...valid,
        kind: 'opsgenie',
        url: 'https://api.eu.opsgenie.com/v2/alerts',
        secret: GENIE_KEY,
      }).url,
    ).toBe('https://api.eu.opsgenie.com/v2/alerts');
  });

  it('needs a key in the service’s format for the paging kinds, and says so beside the other mistakes', () => {
    const missing = WebhookSchema.safeParse({ ...valid, name: '', kind: 'pagerduty', url: '' });
    expect(zodFieldErrors(missing.error!)).toEqual({
      name: ['Give the webhook a name.'],
      secret: ['Paste the integration key: PagerDuty accepts alerts only with it.'],
    });
    expect(
      zodFieldErrors(WebhookSchema.safeParse({ ...valid, kind: 'pagerduty', secret: ROUTING_KEY.slice(1) }).error!),
    ).toEqual({
      secret: ['A PagerDuty integration key is 32 letters and digits; copy it from the integration’s page.'],
    });
    expect(
      WebhookSchema.safeParse({ ...valid, kind: 'pagerduty', secret: `R${ROUTING_KEY.slice(1).toUpperCase()}` })
        .success,
    ).toBe(true);
    expect(
      zodFieldErrors(WebhookSchema.safeParse({ ...valid, kind: 'opsgenie', secret: 'GenieKey abc def' }).error!),
    ).toEqual({
      secret: ['An Opsgenie API key is letters, digits and dashes, such as eb243592-faa2-4ba2-a551-1afdf565c889.'],
    });
  });

  it('lets an edit leave the key empty to keep the stored one', () => {
    const edit = UpdateWebhookSchema.parse({ ...valid, id: '3', kind: 'pagerduty', url: '', secret: '' });
    expect(edit).toMatchObject({ id: 3, kind: 'pagerduty', url: 'https://events.pagerduty.com/v2/enqueue' });
    expect(edit.secret).toBeUndefined();
    expect(UpdateWebhookSchema.parse({ ...valid, id: 3, kind: 'slack' }).secret).toBeNull();
    expect(UpdateWebhookSchema.safeParse({ ...valid, id: 3, kind: 'pagerduty', secret: 'short' }).success).toBe(false);
  });

  it('shows others only the host of a URL, whose path is often the secret, and a key only by its end', () => {
    expect(redactWebhookUrl('https://hooks.slack.com/services/T0/B0/secret')).toBe('https://hooks.slack.com/…');
    expect(redactWebhookUrl('http://127.0.0.1:9000/?token=secret')).toBe('http://127.0.0.1:9000/…');
    expect(redactWebhookUrl('https://alerts.example.com/')).toBe('https://alerts.example.com');
    expect(secretHint(ROUTING_KEY)).toBe('…d1a6');
    expect(secretHint('d1a6')).toBe('…d1a6');
    expect(secretHint(null)).toBeNull();
  });
});

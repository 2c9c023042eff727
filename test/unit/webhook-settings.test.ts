import { describe, expect, it } from 'vitest';
import { zodFieldErrors } from '@/lib/api/errors';
import { WebhookSchema } from '@/lib/validations/webhook';
import { redactWebhookUrl } from '@/lib/webhooks/manage';

const valid = { name: 'oncall', url: 'https://hooks.slack.com/services/T0/B0/x', minSeverity: 'ticket', enabled: true };

describe('webhook settings', () => {
  it('takes http and https URLs and a name', () => {
    expect(WebhookSchema.parse({ ...valid, name: '  oncall  ' })).toEqual(valid);
    expect(WebhookSchema.safeParse({ ...valid, url: 'http://10.0.0.5:8080/alerts' }).success).toBe(true);
  });

  it('says what is wrong with each field', () => {
    const result = WebhookSchema.safeParse({ name: ' ', url: 'ftp://example.com/x', minSeverity: 'urgent', enabled: 'yes' });
    expect(result.success).toBe(false);
    expect(zodFieldErrors(result.error!)).toEqual({
      name: ['Give the webhook a name.'],
      url: ['Enter a full http:// or https:// URL, such as https://hooks.slack.com/services/….'],
      minSeverity: ['Choose one of page, ticket, info.'],
      enabled: ['Say whether the webhook is enabled.'],
    });
    expect(WebhookSchema.safeParse({ ...valid, url: 'not a url' }).success).toBe(false);
  });

  it('shows others only the host of a URL, whose path is often the secret', () => {
    expect(redactWebhookUrl('https://hooks.slack.com/services/T0/B0/secret')).toBe('https://hooks.slack.com/…');
    expect(redactWebhookUrl('http://127.0.0.1:9000/?token=secret')).toBe('http://127.0.0.1:9000/…');
    expect(redactWebhookUrl('https://alerts.example.com/')).toBe('https://alerts.example.com');
  });
});

// Webhook inputs, shared by the settings form and its server actions.
import { z } from 'zod';
import { SEVERITIES } from '@/lib/alerts/severity';
import { WEBHOOK_KIND_INFO, WEBHOOK_KINDS } from '@/lib/webhooks/kinds';

const WebhookIdSchema = z.coerce
  .number({ message: 'Must be a webhook id (a number).' })
  .int('Must be a whole number.')
  .positive('Must be a webhook id (a number).');

const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
};

const URL_REQUIRED = 'Give the URL the alerts are posted to.';

/** The fields as typed: the URL may be empty for the paging kinds (their service's URL), the key empty to keep it. */
const WebhookFields = z.object({
  name: z
    .string({ message: 'Give the webhook a name.' })
    .trim()
    .min(1, 'Give the webhook a name.')
    .max(100, 'Use at most 100 characters.'),
  kind: z.enum(WEBHOOK_KINDS, { message: 'Choose Slack-compatible JSON, PagerDuty or Opsgenie.' }).default('slack'),
  url: z
    .string({ message: URL_REQUIRED })
    .trim()
    .max(2000, 'Use at most 2,000 characters.')
    .refine(
      (value) => value === '' || isHttpUrl(value),
      'Enter a full http:// or https:// URL, such as https://hooks.slack.com/services/….',
    )
    .default(''),
  secret: z.string({ message: 'Paste the key as text.' }).trim().max(200, 'Use at most 200 characters.').default(''),
  minSeverity: z.enum(SEVERITIES, { message: `Choose one of ${SEVERITIES.join(', ')}.` }),
  enabled: z.boolean({ message: 'Say whether the webhook is enabled.' }),
});
type Fields = z.output<typeof WebhookFields>;

/**
 * What depends on the kind: Slack-compatible webhooks need a URL, the paging kinds a key in their
 * service's format (and, when `keyRequired`, one at all). Runs beside the other fields' errors, so
 * a form shows every mistake at once.
 */
function checkKind(keyRequired: boolean) {
  return (value: Fields, ctx: z.RefinementCtx<Fields>) => {
    const info = WEBHOOK_KIND_INFO[value.kind];
    if (!value.url && !info.defaultUrl) ctx.addIssue({ code: 'custom', path: ['url'], message: URL_REQUIRED });
    if (!info.key) return;
    if (!value.secret) {
      if (keyRequired) ctx.addIssue({ code: 'custom', path: ['secret'], message: info.key.missing });
    } else if (!info.key.pattern.test(value.secret)) {
      ctx.addIssue({ code: 'custom', path: ['secret'], message: info.key.invalid });
    }
  };
}

/** Runs a refinement only once the input is an object whose `names` fields are valid (an issue at the root, such as "expected object", stops it too). */
const fieldsValid = (...names: string[]) => ({
  when: (payload: { issues: readonly { path?: readonly PropertyKey[] }[] }) =>
    !payload.issues.some((i) => !i.path?.length || names.includes(String(i.path[0]))),
});

/** The kind's own URL when none is given; no key for Slack-compatible webhooks, and '' (keep the stored one) becomes undefined. */
function resolveDefaults<T extends Fields>(value: T) {
  const info = WEBHOOK_KIND_INFO[value.kind];
  return { ...value, url: value.url || info.defaultUrl!, secret: info.key ? value.secret || undefined : null };
}

export const WebhookSchema = WebhookFields.superRefine(checkKind(true), fieldsValid('kind', 'url', 'secret')).transform(
  (value) => {
    const resolved = resolveDefaults(value);
    return { ...resolved, secret: resolved.secret ?? null };
  },
);
export type WebhookInput = z.infer<typeof WebhookSchema>;

/** An edit: an empty key keeps the stored one (lib/webhooks/manage.ts refuses a paging kind left without any). */
export const UpdateWebhookSchema = WebhookFields.extend({ id: WebhookIdSchema })
  .superRefine(checkKind(false), fieldsValid('kind', 'url', 'secret'))
  .transform(resolveDefaults);
export type UpdateWebhookInput = z.infer<typeof UpdateWebhookSchema>;

export const SetWebhookEnabledSchema = z.object({
  id: WebhookIdSchema,
  enabled: z.boolean({ message: 'Say whether the webhook is enabled.' }),
});
export const WebhookRefSchema = z.object({ id: WebhookIdSchema });

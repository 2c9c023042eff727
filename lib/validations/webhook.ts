// Webhook inputs, shared by the settings form and its server actions.
import { z } from 'zod';
import { SEVERITIES } from '@/lib/alerts/severity';

const WebhookIdSchema = z.coerce.number({ message: 'Must be a webhook id (a number).' }).int('Must be a whole number.').positive('Must be a webhook id (a number).');

export const WebhookUrlSchema = z
  .string({ message: 'Give the URL the alerts are posted to.' })
  .trim()
  .min(1, 'Give the URL the alerts are posted to.')
  .max(2000, 'Use at most 2,000 characters.')
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'Enter a full http:// or https:// URL, such as https://hooks.slack.com/services/….');

export const WebhookSchema = z.object({
  name: z.string({ message: 'Give the webhook a name.' }).trim().min(1, 'Give the webhook a name.').max(100, 'Use at most 100 characters.'),
  url: WebhookUrlSchema,
  minSeverity: z.enum(SEVERITIES, { message: `Choose one of ${SEVERITIES.join(', ')}.` }),
  enabled: z.boolean({ message: 'Say whether the webhook is enabled.' }),
});
export type WebhookInput = z.infer<typeof WebhookSchema>;

export const UpdateWebhookSchema = WebhookSchema.extend({ id: WebhookIdSchema });
export const SetWebhookEnabledSchema = z.object({ id: WebhookIdSchema, enabled: z.boolean({ message: 'Say whether the webhook is enabled.' }) });
export const WebhookRefSchema = z.object({ id: WebhookIdSchema });

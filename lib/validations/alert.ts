// Alert inputs: the list's filters (page URL and GET /api/v1/alerts) and an acknowledgement.
import { z } from 'zod';

export const AlertIdSchema = z.coerce
  .number({ message: 'Must be an alert id (a number).' })
  .int('Must be a whole number.')
  .positive('Must be an alert id (a number).');

export const AcknowledgeAlertSchema = z.object({ id: AlertIdSchema });
export type AcknowledgeAlert = z.infer<typeof AcknowledgeAlertSchema>;

/** `state` and `feature`; `limit` only for the API (1–500, default 100). */
export const AlertListQuerySchema = z.strictObject(
  {
    state: z.enum(['firing', 'resolved'], { message: 'state must be "firing" or "resolved".' }).optional(),
    feature: z
      .string()
      .trim()
      .min(1, 'Name a feature.')
      .max(200, 'Feature keys are at most 200 characters.')
      .optional(),
    limit: z.coerce
      .number({ message: 'limit must be a number.' })
      .int('limit must be a whole number.')
      .min(1, 'limit is at least 1.')
      .max(500, 'limit is at most 500.')
      .default(100),
  },
  {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown parameter: ${issue.keys.join(', ')}.` : undefined),
  },
);
export type AlertListQuery = z.infer<typeof AlertListQuerySchema>;

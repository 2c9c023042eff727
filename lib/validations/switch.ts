// What a switch flip must carry: shared by the PUT route, the server action and the flip dialog.
import { z } from 'zod';

export const REASON_MIN = 3;
export const REASON_MAX = 500;

/** The body of `PUT /api/v1/switches/{feature}` and the fields of the flip dialog. */
export const FlipSwitchSchema = z.strictObject({
  killed: z.boolean({ message: 'Say whether the feature is killed: true or false.' }),
  reason: z
    .string({ message: 'Give a reason for the flip.' })
    .trim()
    .min(REASON_MIN, `Give a reason of at least ${REASON_MIN} characters.`)
    .max(REASON_MAX, `Keep the reason under ${REASON_MAX + 1} characters.`),
});
export type FlipSwitch = z.infer<typeof FlipSwitchSchema>;

/** A flip of one named feature: what flipSwitch() and the server action take. */
export const FlipSwitchInputSchema = FlipSwitchSchema.extend({
  featureKey: z
    .string({ message: 'Name the feature.' })
    .min(1, 'Name the feature.')
    .max(200, 'Feature keys are at most 200 characters.'),
});
export type FlipSwitchInput = z.infer<typeof FlipSwitchInputSchema>;

// What creating and changing a flag trigger takes (POST/PATCH /api/v1/features/{key}/triggers…, the
// feature page's form).
import { z } from 'zod';

export const TRIGGER_ACTIONS = ['kill', 'restore'] as const;

const name = z
  .string({ message: 'Name the trigger.' })
  .trim()
  .min(1, 'Name the trigger.')
  .max(80, 'Keep the name under 81 characters.')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/,
    'Use letters, digits, spaces, ".", "_" and "-", starting with a letter or digit.',
  );

export const CreateTriggerSchema = z
  .strictObject({
    name,
    action: z.enum(TRIGGER_ACTIONS, { message: 'The action is "kill" or "restore".' }),
    restoreOnResolve: z.boolean({ message: 'restoreOnResolve is true or false.' }).default(false),
  })
  .refine((t) => !(t.action === 'restore' && t.restoreOnResolve), {
    path: ['restoreOnResolve'],
    message: 'Only a kill trigger can restore when the alert resolves.',
  });
export type CreateTrigger = z.infer<typeof CreateTriggerSchema>;

export const UpdateTriggerSchema = z
  .strictObject({
    name: name.optional(),
    enabled: z.boolean({ message: 'enabled is true or false.' }).optional(),
    restoreOnResolve: z.boolean({ message: 'restoreOnResolve is true or false.' }).optional(),
  })
  .refine((t) => Object.keys(t).length > 0, { message: 'Change at least one of name, enabled, restoreOnResolve.' });
export type UpdateTrigger = z.infer<typeof UpdateTriggerSchema>;

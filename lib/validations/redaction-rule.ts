// The redaction rule form (settings page) and its server action share this schema. Its pattern
// check is the one ingestion applies when it compiles the rules, so a rule that saves also runs.
import { z } from 'zod';
import { checkRedactionPattern, MAX_PATTERN_LENGTH, normalizePlaceholder } from '@/lib/sdk/redact/custom-rules';

export const RedactionRuleSchema = z.object({
  name: z.string().trim().min(1, 'Name the rule.').max(100, 'Use at most 100 characters.'),
  pattern: z
    .string()
    .min(1, 'Enter a regular expression.')
    .max(MAX_PATTERN_LENGTH, `Use at most ${MAX_PATTERN_LENGTH} characters.`)
    .superRefine((pattern, ctx) => {
      const problem = checkRedactionPattern(pattern);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** Stored normalised: `employee id` becomes `EMPLOYEE_ID`, shown as `[EMPLOYEE_ID]`. */
  placeholder: z
    .string()
    .trim()
    .min(1, 'Name the placeholder, e.g. EMPLOYEE_ID.')
    .max(40)
    .transform(normalizePlaceholder),
  enabled: z.boolean().default(true),
});

export type RedactionRuleInput = z.infer<typeof RedactionRuleSchema>;

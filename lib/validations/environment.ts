// An environment name, as calls, SLOs, eval runs and every dashboard's ?environment= carry it.
import { z } from 'zod';

/** An environment name as calls carry it: "production", "staging", "eu-prod-2". */
export const EnvironmentSchema = z
  .string()
  .trim()
  .min(1, 'Give an environment name.')
  .max(64, 'Use at most 64 characters.')
  .regex(/^[A-Za-z0-9._:-]+$/, 'Use letters, digits, ".", "_", ":" or "-".');

import type { Severity } from '@/lib/alerts/severity';

/** An alert as the alerts page shows it; times already formatted on the server. */
export interface AlertView {
  id: number;
  feature: string;
  severity: Severity;
  kind: string;
  summary: string;
  /** The numbers that fired it, formatted. */
  values: { name: string; value: string }[];
  /** When the evaluator first saw the condition and stored the alert (not when the problem began). */
  opened: string;
  ended: string | null;
  duration: string | null;
  acknowledgedBy: string | null;
  acknowledged: string | null;
  /** The feature page over the alert's time range. */
  link: string;
}

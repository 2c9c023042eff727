// A stored alert as the alerts page, the feature page, the health API and the alert API show it
// (db/queries/alerts.ts reads it).
import type { Severity } from './severity';

export interface AlertRow {
  id: number;
  feature: string;
  fingerprint: string;
  kind: string;
  severity: Severity;
  state: 'firing' | 'resolved';
  summary: string;
  details: Record<string, number | string | null>;
  startedAt: Date;
  resolvedAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
}

import type { ActionResult } from '@/lib/actions';
import type { Severity } from '@/lib/alerts/severity';
import type { WebhookKind } from '@/lib/webhooks/kinds';

/** One delivery as the log shows it; times already formatted on the server. */
export interface DeliveryView {
  id: number;
  alertId: number;
  feature: string;
  severity: Severity;
  summary: string;
  event: string;
  state: 'delivered' | 'failed' | 'retrying' | 'pending';
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  created: string;
  /** When it was delivered, failed, or is tried next. */
  settled: string | null;
}

export interface WebhookView {
  id: number;
  name: string;
  kind: WebhookKind;
  /** The full URL for admins; the host only for others (the path is the webhook's secret). */
  url: string;
  /** "…a1b2": the end of the paging service's key, never the key; null without one. */
  keyHint: string | null;
  enabled: boolean;
  minSeverity: Severity;
  created: string;
  deliveries: DeliveryView[];
}

export interface TestAnswer {
  status: number | null;
  error: string | null;
  body: string;
  durationMs: number;
}

type Action<T> = (input: unknown) => Promise<ActionResult<T>>;

export interface WebhookActions {
  addWebhook: Action<{ id: number; name: string }>;
  editWebhook: Action<{ id: number; name: string }>;
  setWebhookEnabled: Action<{ id: number; enabled: boolean }>;
  deleteWebhook: Action<{ id: number }>;
  testWebhook: Action<TestAnswer>;
}

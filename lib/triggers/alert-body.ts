// What a call to a trigger URL says: an Alertmanager webhook notification, a Grafana alerting
// webhook, or any other POST. A notification of a group of alerts is one event (its `status`:
// "firing" while any alert of the group fires, "resolved" once all have), so a group of ten
// alerts flips the switch once. Pure: takes the parsed JSON body (undefined when empty).
import { z } from 'zod';
import { ApiError, validationError } from '@/lib/api/errors';
import { REASON_MAX, REASON_MIN } from '@/lib/validations/switch';

export type AlertSource = 'alertmanager' | 'grafana' | 'generic';

export interface TriggerEvent {
  source: AlertSource;
  /** "firing" runs the trigger's action; "resolved" may restore (restoreOnResolve). */
  status: 'firing' | 'resolved';
  /** For the audit log and the switch's reason. */
  reason: string;
  /** Alerts in the notification (1 for a generic call). */
  alertCount: number;
}

const labels = z.record(z.string(), z.string());

const NotifiedAlertSchema = z.object({
  status: z.enum(['firing', 'resolved'], { message: 'An alert\'s status is "firing" or "resolved".' }),
  labels: labels.default({}),
  annotations: labels.default({}),
});

/** Alertmanager's webhook body (version 4) and Grafana's (version 1, with title/state/message); extra fields pass. */
const NotificationSchema = z.object({
  version: z.string().optional(),
  status: z.enum(['firing', 'resolved'], { message: 'The notification\'s status is "firing" or "resolved".' }),
  receiver: z.string().optional(),
  groupKey: z.string().optional(),
  alerts: z.array(NotifiedAlertSchema).max(10_000, 'At most 10,000 alerts in one notification.'),
  commonLabels: labels.default({}),
  commonAnnotations: labels.default({}),
  title: z.string().optional(),
  orgId: z.number().optional(),
});

const GenericSchema = z.object({
  reason: z
    .string({ message: 'reason is a string.' })
    .trim()
    .max(REASON_MAX, `Keep the reason under ${REASON_MAX + 1} characters.`)
    .optional(),
});

/** Whether the body is an alerting notification at all (then it must be a valid one). */
function looksLikeNotification(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && 'alerts' in body;
}

export function parseTriggerBody(body: unknown, triggerName: string): TriggerEvent {
  if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
    throw new ApiError(
      400,
      'invalid_body',
      'Send a JSON object: an Alertmanager or Grafana webhook body, or {"reason": "…"}.',
    );
  }
  if (!looksLikeNotification(body)) {
    const parsed = GenericSchema.safeParse(body ?? {});
    if (!parsed.success) throw validationError(parsed.error, 'The body is not valid; nothing was changed.');
    return {
      source: 'generic',
      status: 'firing',
      reason: fitReason(parsed.data.reason || `trigger ${triggerName} was called`),
      alertCount: 1,
    };
  }
  const parsed = NotificationSchema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error, 'The alert notification is not valid; nothing was changed.');
  const notification = parsed.data;
  const source: AlertSource =
    notification.version === '4' || notification.orgId === undefined ? 'alertmanager' : 'grafana';
  return {
    source,
    status: notification.status,
    reason: fitReason(notificationReason(notification)),
    alertCount: notification.alerts.length,
  };
}

/** "<alertname>: <summary>" of the first alert in the notification's state, and how many more there are. */
function notificationReason(n: z.infer<typeof NotificationSchema>): string {
  const inState = n.alerts.filter((a) => a.status === n.status);
  const first = inState[0] ?? n.alerts[0];
  const name = first?.labels.alertname ?? n.commonLabels.alertname ?? n.title ?? 'alert';
  const summary =
    first?.annotations.summary ??
    n.commonAnnotations.summary ??
    first?.annotations.description ??
    n.commonAnnotations.description;
  const more = inState.length > 1 ? ` (+${inState.length - 1} more)` : '';
  return `${n.status === 'resolved' ? 'resolved: ' : ''}${name}${summary ? `: ${summary}` : ''}${more}`;
}

/** A reason the switch accepts: trimmed to its maximum, padded past its minimum. */
function fitReason(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const fitted = oneLine.length > REASON_MAX ? `${oneLine.slice(0, REASON_MAX - 1)}…` : oneLine;
  return fitted.length >= REASON_MIN ? fitted : `${fitted} (trigger)`;
}

import { createWebhookSender } from '../../lib/webhooks.js';
import type { AlertRow, AlertStore } from './detection.alerts.store.js';
import type { DetectionDeps } from './detection.deps.js';

const BATCH = 100;

/**
 * Tells people about new and escalated alerts: email to the security team and, when
 * configured, a signed webhook. What was sent is recorded per alert (the severity last
 * mailed and last delivered), so a run after a crash or a failed delivery sends exactly what
 * is missing, and mail is keyed so the queue never sends the same alert twice.
 */
export function createAlertNotifier(
  deps: Pick<DetectionDeps, 'clock' | 'notify' | 'config'> & { store: AlertStore },
) {
  const { config } = deps;
  const webhook =
    config.detectionWebhookUrl && config.detectionWebhookSecret
      ? createWebhookSender({
          url: config.detectionWebhookUrl,
          secret: config.detectionWebhookSecret,
        })
      : null;

  const alertUrl = (alert: AlertRow) => `${config.publicUrl}/detection/alerts/${alert.id}`;
  const owed = (column: 'notified_severity' | 'webhook_severity') => deps.store.owed(column, BATCH);

  async function mail(alert: AlertRow): Promise<void> {
    const link = alertUrl(alert);
    await deps.notify(
      {
        subject: `[Cordon] ${alert.severity} detection alert: ${alert.title}`,
        text: `${alert.title}\n\n${alert.reason}\n\nFirst seen ${alert.first_seen_at}, last seen ${alert.last_seen_at}.\n\n${link}\n`,
      },
      { idempotencyKey: `detection-alert:${alert.id}:${alert.severity}` },
    );
    await deps.store.update(alert.id, { notified_severity: alert.severity });
  }

  async function deliver(alert: AlertRow): Promise<boolean> {
    const delivery = await webhook!.send(
      `cordon-alert-${alert.id}-${alert.severity}`,
      {
        type: 'detection.alert',
        alert: {
          id: alert.id,
          detector: alert.detector,
          severity: alert.severity,
          status: alert.status,
          title: alert.title,
          reason: alert.reason,
          firstSeenAt: alert.first_seen_at,
          lastSeenAt: alert.last_seen_at,
          url: alertUrl(alert),
        },
      },
      deps.clock.now(),
    );
    if (delivery.ok) await deps.store.update(alert.id, { webhook_severity: alert.severity });
    return delivery.ok;
  }

  return {
    /**
     * Sends what is owed, mail and webhook separately, so a receiver that is down delays only
     * its own deliveries. Returns how many messages went out.
     */
    async notifyPending(): Promise<number> {
      let sent = 0;
      for (const alert of await owed('notified_severity')) {
        await mail(alert);
        sent++;
      }
      if (webhook)
        for (const alert of await owed('webhook_severity')) if (await deliver(alert)) sent++;
      return sent;
    },
  };
}

import { createHash } from 'node:crypto';
import type { Obligation } from '../../contracts/breach.js';
import type { IncidentSummary } from '../../contracts/incidents.js';
import { systemContext } from '../../lib/principal.js';
import { elapsedShare } from './breach.clock.js';
import type { BreachDeps } from './breach.deps.js';
import type { BreachService } from './breach.service.js';
import type { BreachStore } from './breach.store.js';

/** Shares of a clock's time at which its people are told; 100 is "overdue". */
export const ALERT_LEVELS = [50, 80, 100] as const;
const PAGE = 100;

/**
 * The minute job's work: for every open incident, each owed obligation whose clock passed 50%,
 * 80% or 100% of its time is told to the incident's owner and members (the security team when
 * it has none and is not restricted). Each (obligation, deadline, level) is claimed in the
 * database first, so a second worker or a rerun sends nothing twice; a moved deadline counts
 * afresh. A job that was down for a while sends only the highest level reached.
 */
export function createClockAlerts(
  deps: BreachDeps & { store: BreachStore; service: BreachService },
) {
  const ctx = systemContext('breach.clocks');

  async function alert(incident: IncidentSummary, obligation: Obligation, level: number) {
    const detail = await deps.incidents.get(ctx, incident.id);
    const to = [
      ...new Set(
        [detail.ownerEmail, ...detail.members.map((m) => m.email)].filter(
          (email): email is string => !!email,
        ),
      ),
    ];
    const what = level >= 100 ? 'Overdue' : `${level}% of the time gone`;
    const message = {
      subject: `${what}: ${obligation.duty} (${obligation.jurisdiction.name}) for "${incident.title}"`,
      text: [
        `${obligation.duty}${obligation.recipientName ? ` (${obligation.recipientName})` : ''}`,
        `is due ${obligation.due} (UTC): ${obligation.deadline.text}.`,
        `Rule: ${obligation.citation?.statute ?? obligation.ruleId}.`,
        '',
        `${deps.config.publicUrl}/incidents/${incident.id}?tab=obligations`,
        '',
      ].join('\n'),
    };
    // Message-IDs allow few characters; the key names the obligation, deadline and level.
    const idempotencyKey = `breach-clock-${createHash('sha256')
      .update(`${incident.id}|${obligation.key}|${obligation.due}|${level}`)
      .digest('hex')
      .slice(0, 40)}`;
    // One mail each, keyed per person, so a retry resends to nobody who has it.
    for (const address of to)
      await deps.mail.send(
        { to: address, ...message },
        { idempotencyKey: `${idempotencyKey}-${to.indexOf(address)}` },
      );
    if (to.length === 0 && !incident.restricted) await deps.notify(message, { idempotencyKey });
  }

  return {
    /** Returns how many alerts it sent. */
    async run(): Promise<number> {
      const now = deps.clock.now();
      let sent = 0;
      for (let offset = 0; ; offset += PAGE) {
        const page = await deps.incidents.list(ctx, { limit: PAGE, offset });
        for (const incident of page.items) {
          if (incident.status === 'closed') continue;
          const report = await deps.service.report(ctx, incident.id);
          for (const obligation of report.obligations) {
            if (obligation.status !== 'due' || !obligation.due || !obligation.starts.at) continue;
            const share = elapsedShare(
              new Date(obligation.starts.at),
              new Date(obligation.due),
              now,
            );
            const reached = ALERT_LEVELS.filter((level) => share * 100 >= level);
            const highest = reached[reached.length - 1];
            if (highest === undefined) continue;
            let fresh = false;
            for (const level of reached) {
              const claimed = await deps.store.claimAlert({
                incident_id: incident.id,
                obligation_key: obligation.key,
                due: obligation.due,
                level,
                sent_at: now.toISOString(),
              });
              if (claimed && level === highest) fresh = true;
            }
            if (fresh) {
              await alert(incident, obligation, highest);
              sent++;
            }
          }
        }
        if (page.items.length < PAGE) return sent;
      }
    },
  };
}

import type { Severity } from '../../contracts/advisories.js';
import type { ReportState, SlaClock, SlaTargets } from '../../contracts/disclosure.js';
import type { BusinessCalendar } from '../../lib/business-calendar.js';

const DAY_MS = 86_400_000;
/** Escalations go out as a clock passes each of these shares of its allowed time. */
export const ESCALATION_PERCENTS = [50, 80, 100] as const;

/** The recorded instants a report's clocks are computed from; never "now" at render time. */
export interface SlaFacts {
  status: ReportState;
  severity: Severity | null;
  receivedAt: string;
  firstResponseAt: string | null;
  triagedAt: string | null;
  fixedAt: string | null;
  closedAt: string | null;
}

function clock(
  name: SlaClock['clock'],
  start: string,
  due: Date,
  stoppedAt: string | null,
  now: Date,
): SlaClock {
  const from = Date.parse(start);
  const until = stoppedAt ? Date.parse(stoppedAt) : now.getTime();
  const allowed = Math.max(due.getTime() - from, 1);
  const late = until > due.getTime();
  return {
    clock: name,
    startedAt: start,
    dueAt: due.toISOString(),
    stoppedAt,
    percentUsed: Math.round(((until - from) / allowed) * 1000) / 10,
    state: stoppedAt ? (late ? 'breached' : 'met') : late ? 'overdue' : 'running',
  };
}

/**
 * First response and triage count business days from receipt; the fix counts calendar days
 * from triage, by severity, and runs only for a valid report with a severity that needs one.
 * A verdict that closes the report (spam, duplicate…) stops whatever is still running.
 */
export function clocksOf(
  facts: SlaFacts,
  targets: SlaTargets,
  calendar: BusinessCalendar,
  now: Date,
): SlaClock[] {
  const received = new Date(facts.receivedAt);
  const clocks = [
    clock(
      'first_response',
      facts.receivedAt,
      calendar.addBusinessDays(received, targets.firstResponseBusinessDays),
      facts.firstResponseAt ?? facts.closedAt,
      now,
    ),
    clock(
      'triage',
      facts.receivedAt,
      calendar.addBusinessDays(received, targets.triageBusinessDays),
      facts.triagedAt ?? facts.closedAt,
      now,
    ),
  ];
  const fixDays =
    facts.severity && facts.severity !== 'none' ? targets.fixDays[facts.severity] : null;
  if (facts.triagedAt && fixDays !== null)
    clocks.push(
      clock(
        'fix',
        facts.triagedAt,
        new Date(Date.parse(facts.triagedAt) + fixDays * DAY_MS),
        facts.fixedAt ?? facts.closedAt,
        now,
      ),
    );
  return clocks;
}

export const isLate = (c: SlaClock) => c.state === 'breached' || c.state === 'overdue';

/** Whether a report's SLA outcome is known: every clock has stopped or already lapsed. */
export function outcomeOf(clocks: SlaClock[]): 'within' | 'missed' | 'pending' {
  if (clocks.some(isLate)) return 'missed';
  return clocks.every((c) => c.state === 'met') ? 'within' : 'pending';
}

/** "2026-Q1" for an instant, in UTC. */
export function quarterOf(instant: string): string {
  const date = new Date(instant);
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

import type { z } from 'zod';
import type { slaDashboard, SlaClock } from '../../contracts/disclosure.js';
import { authorize, type CallContext } from '../../lib/principal.js';
import { VIEWER, type DisclosureDeps } from './disclosure.deps.js';
import type { ProgramService } from './disclosure.program.service.js';
import type { ReportRow, ReportStore } from './disclosure.reports.store.js';
import { slaFactsOf, summaryOf } from './disclosure.reports.views.js';
import { ESCALATION_PERCENTS, outcomeOf, quarterOf } from './disclosure.sla.js';

const CLOCK_WORDS: Record<SlaClock['clock'], string> = {
  first_response: 'first response',
  triage: 'triage',
  fix: 'fix',
};

export interface SlaServiceDeps extends DisclosureDeps {
  store: ReportStore;
  program: ProgramService;
}

/**
 * Escalation and the SLA figures. Every clock is recomputed from the report's recorded
 * instants, so the job can run late, twice or after a crash: each (report, clock, share) is
 * recorded once, and a job that finds a clock past several shares mails only the highest.
 */
export function createSlaService(deps: SlaServiceDeps) {
  const { store, clock } = deps;

  async function clocksFor(rows: ReportRow[]) {
    const clocksOf = await deps.program.clocksAt(clock.now());
    return rows.map((row) => ({ row, clocks: clocksOf(slaFactsOf(row)) }));
  }

  /** 50% and 80% go to the owner (the team while there is none); 100% to the admins too. */
  async function recipients(row: ReportRow, percent: number) {
    const owner = row.owner_id ? await deps.team.member(row.owner_id) : null;
    const admins = percent >= 100 ? await deps.team.admins() : [];
    const emails = new Set([...(owner ? [owner.email] : []), ...admins.map((a) => a.email)]);
    return [...emails];
  }

  async function escalate(row: ReportRow, due: SlaClock, percent: number) {
    const subject =
      percent >= 100
        ? `Overdue: report #${row.number} missed its ${CLOCK_WORDS[due.clock]} deadline`
        : `Report #${row.number}: ${percent}% of the ${CLOCK_WORDS[due.clock]} time is used`;
    const text = `Report #${row.number} "${row.title}" (${row.severity ?? 'unscored'}) is ${row.status}.\nThe ${CLOCK_WORDS[due.clock]} deadline is ${due.dueAt}.\n\n${deps.config.publicUrl}/disclosure/reports/${row.id}\n`;
    const key = `disclosure.sla:${row.id}:${due.clock}:${percent}`;
    const to = await recipients(row, percent);
    if (to.length === 0) await deps.notify({ subject, text }, { idempotencyKey: key });
    for (const email of to)
      await deps.mail.send({ to: email, subject, text }, { idempotencyKey: `${key}:${email}` });
  }

  return {
    /** The job's work: returns how many escalations it sent. */
    async escalateDue(): Promise<number> {
      let sent = 0;
      for (const { row, clocks } of await clocksFor(await store.list({ open: true }))) {
        const already = new Set(
          (await store.escalations(row.id)).map((e) => `${e.clock}:${e.percent}`),
        );
        for (const running of clocks.filter((c) => c.stoppedAt === null)) {
          const crossed = ESCALATION_PERCENTS.filter((p) => running.percentUsed >= p);
          const fresh = crossed.filter((p) => !already.has(`${running.clock}:${p}`));
          const highest = fresh.at(-1);
          if (highest === undefined) continue;
          // Mail first, then record: a crash in between re-sends under the same idempotency key.
          await escalate(row, running, highest);
          for (const percent of fresh)
            await store.recordEscalation({
              reportId: row.id,
              clock: running.clock,
              percent,
              at: clock.now().toISOString(),
            });
          sent += 1;
        }
      }
      return sent;
    },

    async dashboard(ctx: CallContext): Promise<z.infer<typeof slaDashboard>> {
      authorize(ctx, VIEWER);
      const all = await clocksFor(await store.list({}));
      const byQuarter = new Map<string, { decided: number; withinSla: number }>();
      for (const { row, clocks } of all) {
        const outcome = outcomeOf(clocks);
        const quarter = quarterOf(row.received_at);
        const entry = byQuarter.get(quarter) ?? { decided: 0, withinSla: 0 };
        if (outcome !== 'pending') entry.decided += 1;
        if (outcome === 'within') entry.withinSla += 1;
        byQuarter.set(quarter, entry);
      }
      // Only an open report's clock can be overdue: a closed report's clocks have stopped.
      const overdue = all
        .filter(({ clocks }) => clocks.some((c) => c.state === 'overdue'))
        .map(({ row, clocks }) => summaryOf(row, clocks));
      return {
        overdue,
        quarters: [...byQuarter.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([quarter, { decided, withinSla }]) => ({
            quarter,
            decided,
            withinSla,
            share: decided === 0 ? null : Math.round((withinSla / decided) * 1000) / 10,
          })),
      };
    },
  };
}

export type SlaService = ReturnType<typeof createSlaService>;

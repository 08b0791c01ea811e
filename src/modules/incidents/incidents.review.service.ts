import type { z } from 'zod';
import type { Review, reviewInput } from '../../contracts/incidents.js';
import { principalUserId, type CallContext } from '../../lib/principal.js';
import { ACCESS } from './incidents.access.js';
import { reportHtml } from './incidents.report.js';
import type { ReviewRow, ReviewStore } from './incidents.review.store.js';
import type { ScopeService } from './incidents.scope.service.js';
import type { IncidentService, IncidentServiceDeps } from './incidents.service.js';
import type { TaskService } from './incidents.tasks.service.js';
import type { TimelineService } from './incidents.timeline.service.js';

/**
 * After the incident: the lessons-learned review (each saved version goes into the timeline
 * verbatim, so earlier wording is never lost) and the printable report built from the record.
 */
export function createReviewService(
  deps: IncidentServiceDeps & {
    reviews: ReviewStore;
    services: {
      incidents: Pick<IncidentService, 'get' | 'changeReturning'>;
      tasks: Pick<TaskService, 'list'>;
      scope: Pick<ScopeService, 'list'>;
      timeline: Pick<TimelineService, 'list'>;
    };
  },
) {
  const { access, reviews, services } = deps;

  async function load(id: string): Promise<Review> {
    const row = await reviews.get(id);
    return row ? reviewOf(row) : { ...EMPTY, updatedBy: null, updatedAt: null };
  }

  return {
    async get(ctx: CallContext, id: string): Promise<Review> {
      await access.load(ctx, id, ACCESS.read);
      return load(id);
    },

    save(ctx: CallContext, id: string, input: z.output<typeof reviewInput>): Promise<Review> {
      return services.incidents.changeReturning(ctx, id, async (_row, principal, trx, now) => {
        const row: ReviewRow = {
          incident_id: id,
          summary: input.summary,
          root_cause: input.rootCause,
          went_well: input.wentWell,
          to_improve: input.toImprove,
          updated_by: principalUserId(principal),
          updated_at: now,
        };
        await reviews.save(row, trx);
        return {
          action: 'incident.review.saved',
          entry: { kind: 'record_change', body: { review: input } },
          value: reviewOf(row),
        };
      });
    },

    async report(ctx: CallContext, id: string): Promise<string> {
      const incident = await services.incidents.get(ctx, id);
      const [review, tasks, snapshots, statusChanges] = await Promise.all([
        load(id),
        services.tasks.list(ctx, id),
        services.scope.list(ctx, id),
        services.timeline.list(ctx, id, { kind: ['status_change'], after: 0, limit: 1000 }),
      ]);
      const people = new Map(incident.people.map((person) => [person.userId, person.email]));
      return reportHtml({
        incident,
        review,
        tasks,
        scope: snapshots[0] ?? null,
        statusChanges: statusChanges.items,
        people,
        generatedAt: deps.clock.now().toISOString(),
      });
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;

const EMPTY = { summary: '', rootCause: '', wentWell: '', toImprove: '' };

function reviewOf(row: ReviewRow): Review {
  return {
    summary: row.summary,
    rootCause: row.root_cause,
    wentWell: row.went_well,
    toImprove: row.to_improve,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

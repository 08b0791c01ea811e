import type { Selectable, Updateable } from 'kysely';
import type { Db, Executor } from '../../db/database.js';
import type { IncidentTasksTable } from '../../db/schema.incidents.js';

export type TaskRow = Selectable<IncidentTasksTable>;

const HOUR_MS = 3_600_000;

/** Incident tasks and the playbooks applied to each incident. */
export function createTaskStore(database: Db) {
  const db = database.kysely;

  return {
    async insert(rows: TaskRow[], trx: Executor): Promise<void> {
      if (rows.length > 0) await trx.insertInto('incident_tasks').values(rows).execute();
    },

    async list(incidentId: string, trx: Executor = db): Promise<TaskRow[]> {
      return trx
        .selectFrom('incident_tasks')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .orderBy('created_at')
        .orderBy('position')
        .execute();
    },

    async get(incidentId: string, taskId: string, trx: Executor = db) {
      return trx
        .selectFrom('incident_tasks')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .where('id', '=', taskId)
        .executeTakeFirst();
    },

    async update(taskId: string, patch: Updateable<IncidentTasksTable>, trx: Executor) {
      await trx.updateTable('incident_tasks').set(patch).where('id', '=', taskId).execute();
    },

    /** Records a playbook as applied; false when it had been already. */
    async markApplied(
      applied: { incidentId: string; playbook: string; version: number; by: string | null },
      at: string,
      trx: Executor,
    ): Promise<boolean> {
      const result = await trx
        .insertInto('incident_playbooks')
        .values({
          incident_id: applied.incidentId,
          playbook: applied.playbook,
          version: applied.version,
          applied_by: applied.by,
          applied_at: at,
        })
        .onConflict((oc) => oc.columns(['incident_id', 'playbook']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    /**
     * Moves the deadlines that follow a trigger time when it is set (or clears them when it is
     * withdrawn). Tasks per incident are few, so the arithmetic stays here, not in two SQLs.
     */
    async reschedule(incidentId: string, trigger: string, at: string | null, trx: Executor) {
      const rows = await trx
        .selectFrom('incident_tasks')
        .select(['id', 'due_offset_hours'])
        .where('incident_id', '=', incidentId)
        .where('due_trigger', '=', trigger)
        .execute();
      for (const row of rows) {
        const due =
          at === null ? null : new Date(Date.parse(at) + Number(row.due_offset_hours) * HOUR_MS);
        await trx
          .updateTable('incident_tasks')
          .set({ due_at: due?.toISOString() ?? null, overdue_notified_at: null })
          .where('id', '=', row.id)
          .execute();
      }
    },

    /** Open tasks past due whose reminder has not gone out, on incidents not closed. */
    async overdue(now: string, limit: number) {
      return db
        .selectFrom('incident_tasks as t')
        .innerJoin('incidents as i', 'i.id', 't.incident_id')
        .leftJoin('users as a', 'a.id', 't.assignee_id')
        .leftJoin('users as o', 'o.id', 'i.owner_id')
        .select([
          't.id',
          't.incident_id',
          't.title',
          't.due_at',
          'i.title as incident_title',
          'i.restricted',
          'a.email as assignee_email',
          'o.email as owner_email',
        ])
        .where('t.status', '=', 'open')
        .where('t.due_at', '<=', now)
        .where('t.overdue_notified_at', 'is', null)
        .where('i.status', '!=', 'closed')
        .orderBy('t.due_at')
        .limit(limit)
        .execute();
    },
  };
}

export type TaskStore = ReturnType<typeof createTaskStore>;

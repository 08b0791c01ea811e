import type { Insertable } from 'kysely';
import type { Db, Executor } from '../../db/database.js';
import type {
  BreachClockAlertsTable,
  BreachDecisionsTable,
  BreachEncryptionTable,
} from '../../db/schema.breach.js';

export type DecisionRow = BreachDecisionsTable;

/** Decisions, encryption facts and sent clock alerts; SQL lives here only. */
export function createBreachStore(database: Db) {
  const db = database.kysely;
  return {
    async decisions(incidentId: string, executor: Executor = db) {
      return executor
        .selectFrom('breach_decisions')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .orderBy('decided_at')
        .orderBy('timeline_seq')
        .execute();
    },

    async decision(incidentId: string, id: string, executor: Executor = db) {
      return executor
        .selectFrom('breach_decisions')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async insertDecision(row: Insertable<DecisionRow>, executor: Executor) {
      await executor.insertInto('breach_decisions').values(row).execute();
    },

    /** Marks a decision withdrawn unless it already was; false when nothing changed. */
    async withdraw(
      id: string,
      fields: { withdrawn_by: string | null; withdrawn_at: string; withdrawn_reason: string },
      executor: Executor,
    ): Promise<boolean> {
      const result = await executor
        .updateTable('breach_decisions')
        .set(fields)
        .where('id', '=', id)
        .where('withdrawn_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async encryption(incidentId: string, executor: Executor = db) {
      return executor
        .selectFrom('breach_encryption')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .orderBy('category')
        .execute();
    },

    async setEncryption(row: BreachEncryptionTable, executor: Executor) {
      await executor
        .insertInto('breach_encryption')
        .values(row)
        .onConflict((c) =>
          c.columns(['incident_id', 'category']).doUpdateSet({
            state: row.state,
            note: row.note,
            set_by: row.set_by,
            set_at: row.set_at,
          }),
        )
        .execute();
    },

    /** Claims one clock alert; false if it was sent already (by this or another worker). */
    async claimAlert(row: BreachClockAlertsTable): Promise<boolean> {
      const result = await db
        .insertInto('breach_clock_alerts')
        .values(row)
        .onConflict((c) => c.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
  };
}

export type BreachStore = ReturnType<typeof createBreachStore>;

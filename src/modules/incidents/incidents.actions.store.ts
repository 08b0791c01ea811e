import type { Selectable, Updateable } from 'kysely';
import type { Db, Executor } from '../../db/database.js';
import type {
  IncidentActionEndpointsTable,
  IncidentActionMessagesTable,
  IncidentActionsTable,
} from '../../db/schema.incidents.js';

export type EndpointRow = Selectable<IncidentActionEndpointsTable>;
export type ActionRow = Selectable<IncidentActionsTable>;
export type MessageRow = Selectable<IncidentActionMessagesTable>;

/** Containment endpoints, the actions asked of them and the signed messages that carry them. */
export function createActionStore(database: Db) {
  const db = database.kysely;

  return {
    async endpoints(): Promise<EndpointRow[]> {
      return db
        .selectFrom('incident_action_endpoints')
        .selectAll()
        .orderBy('action_type')
        .execute();
    },

    async endpoint(actionType: string, trx: Executor = db) {
      return trx
        .selectFrom('incident_action_endpoints')
        .selectAll()
        .where('action_type', '=', actionType)
        .executeTakeFirst();
    },

    async saveEndpoint(row: EndpointRow, trx: Executor = db): Promise<void> {
      await trx
        .insertInto('incident_action_endpoints')
        .values(row)
        .onConflict((oc) =>
          oc.column('action_type').doUpdateSet({
            url: row.url,
            secret_sealed: row.secret_sealed,
            updated_by: row.updated_by,
            updated_at: row.updated_at,
          }),
        )
        .execute();
    },

    async removeEndpoint(actionType: string, trx: Executor): Promise<boolean> {
      const result = await trx
        .deleteFrom('incident_action_endpoints')
        .where('action_type', '=', actionType)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async insert(action: ActionRow, messages: MessageRow[], trx: Executor): Promise<void> {
      await trx.insertInto('incident_actions').values(action).execute();
      await trx.insertInto('incident_action_messages').values(messages).execute();
    },

    async byIdempotencyKey(incidentId: string, key: string, trx: Executor = db) {
      return trx
        .selectFrom('incident_actions')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .where('idempotency_key', '=', key)
        .executeTakeFirst();
    },

    async actions(incidentId: string): Promise<ActionRow[]> {
      return db
        .selectFrom('incident_actions')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .orderBy('requested_at', 'desc')
        .orderBy('id')
        .execute();
    },

    async messagesOf(actionIds: string[], trx: Executor = db): Promise<MessageRow[]> {
      if (actionIds.length === 0) return [];
      return trx
        .selectFrom('incident_action_messages')
        .selectAll()
        .where('action_id', 'in', actionIds)
        .orderBy('part')
        .execute();
    },

    /** A message with what delivering it needs: its action, and the incident it is for. */
    async message(id: string) {
      return db
        .selectFrom('incident_action_messages as m')
        .innerJoin('incident_actions as a', 'a.id', 'm.action_id')
        .select([
          'm.id',
          'm.part',
          'm.payload',
          'm.status',
          'm.action_id',
          'a.action_type',
          'a.incident_id',
        ])
        .where('m.id', '=', id)
        .executeTakeFirst();
    },

    async updateMessage(id: string, patch: Updateable<IncidentActionMessagesTable>, trx: Executor) {
      await trx.updateTable('incident_action_messages').set(patch).where('id', '=', id).execute();
    },

    /** Messages still waiting since before an instant: their job may never have been queued. */
    async stalePending(before: string, limit: number): Promise<string[]> {
      const rows = await db
        .selectFrom('incident_action_messages')
        .select('id')
        .where('status', '=', 'pending')
        .where('created_at', '<', before)
        .orderBy('created_at')
        .limit(limit)
        .execute();
      return rows.map((row) => row.id);
    },

    /** The integration a revocation names, with its vendor, as the shop knows them. */
    async integration(id: string, trx: Executor = db) {
      return trx
        .selectFrom('integrations as i')
        .innerJoin('vendors as v', 'v.id', 'i.vendor_id')
        .select(['i.id', 'i.name', 'i.environment', 'i.credentials_ref', 'v.legal_name'])
        .where('i.id', '=', id)
        .executeTakeFirst();
    },
  };
}

export type ActionStore = ReturnType<typeof createActionStore>;

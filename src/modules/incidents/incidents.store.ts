import {
  sql,
  type ExpressionBuilder,
  type Insertable,
  type Selectable,
  type Updateable,
} from 'kysely';
import type { Db, Executor } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type {
  IncidentsTable,
  IncidentTimelineTable,
  IncidentTriggersTable,
} from '../../db/schema.incidents.js';
import type { LinkKind } from '../../contracts/incidents.js';

export type IncidentRow = Selectable<IncidentsTable>;
export type TriggerRow = Selectable<IncidentTriggersTable>;
export type TimelineRow = Selectable<IncidentTimelineTable>;

export interface IncidentFilter {
  status?: string | undefined;
  type?: string | undefined;
  /** Restricted incidents are listed only when this user owns them or is a member. */
  visibleTo: string | null;
}

/** Where each link kind's target lives, to check that it exists. */
const LINK_TABLES = {
  vendor: 'vendors',
  integration: 'integrations',
  alert: 'detection_alerts',
  finding: 'exposure_findings',
} as const satisfies Record<LinkKind, string>;

/** Incidents a user may see: unrestricted, owned by them, or one they are a member of. */
function seenBy(userId: string) {
  return (eb: ExpressionBuilder<Database, 'incidents'>) =>
    eb.or([
      eb('restricted', '=', 0),
      eb('owner_id', '=', userId),
      eb.exists(
        eb
          .selectFrom('incident_members as m')
          .select('m.user_id')
          .whereRef('m.incident_id', '=', 'incidents.id')
          .where('m.user_id', '=', userId),
      ),
    ]);
}

/** Incidents, their members, links, trigger times and timeline rows. */
export function createIncidentStore(database: Db) {
  const db = database.kysely;

  /** The last entry's seq and hash, as the incident row records them. */
  async function timelineHead(id: string, trx: Executor = db) {
    const head = await trx
      .selectFrom('incidents')
      .select(['timeline_seq', 'timeline_hash'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return { seq: Number(head.timeline_seq), hash: head.timeline_hash };
  }

  return {
    async insert(row: Insertable<IncidentsTable>, trx: Executor): Promise<void> {
      await trx.insertInto('incidents').values(row).execute();
    },

    async get(id: string, trx: Executor = db): Promise<IncidentRow | undefined> {
      return trx.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async update(id: string, patch: Updateable<IncidentsTable>, trx: Executor): Promise<void> {
      await trx.updateTable('incidents').set(patch).where('id', '=', id).execute();
    },

    async list(filter: IncidentFilter, limit: number, offset: number) {
      let query = db.selectFrom('incidents');
      if (filter.status) query = query.where('status', '=', filter.status);
      if (filter.type) query = query.where('type', '=', filter.type);
      const user = filter.visibleTo;
      if (user !== null) query = query.where(seenBy(user));
      const [rows, total] = await Promise.all([
        query
          .leftJoin('users as o', 'o.id', 'incidents.owner_id')
          .selectAll('incidents')
          .select('o.email as owner_email')
          .orderBy('incidents.updated_at', 'desc')
          .limit(limit)
          .offset(offset)
          .execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },

    /** Which of these incidents a user may see: unrestricted, owned, or one they are on. */
    async visibleAmong(ids: string[], userId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('incidents')
        .select('id')
        .where('id', 'in', ids)
        .where(seenBy(userId))
        .execute();
      return rows.map((row) => row.id);
    },

    async members(id: string, trx: Executor = db) {
      return trx
        .selectFrom('incident_members as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['m.user_id', 'u.email', 'm.added_at'])
        .where('m.incident_id', '=', id)
        .orderBy('m.added_at')
        .execute();
    },

    async isMember(id: string, userId: string, trx: Executor = db): Promise<boolean> {
      const row = await trx
        .selectFrom('incident_members')
        .select('user_id')
        .where('incident_id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Adds a member; false when they were one already. */
    async addMember(id: string, userId: string, by: string | null, at: string, trx: Executor) {
      const result = await trx
        .insertInto('incident_members')
        .values({ incident_id: id, user_id: userId, added_by: by, added_at: at })
        .onConflict((oc) => oc.columns(['incident_id', 'user_id']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    async removeMember(id: string, userId: string, trx: Executor): Promise<boolean> {
      const result = await trx
        .deleteFrom('incident_members')
        .where('incident_id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** An active user's id, or undefined. */
    async activeUser(userId: string, trx: Executor = db) {
      return trx
        .selectFrom('users')
        .select(['id', 'email'])
        .where('id', '=', userId)
        .where('status', '=', 'active')
        .executeTakeFirst();
    },

    async links(id: string, trx: Executor = db) {
      return trx
        .selectFrom('incident_links')
        .select(['kind', 'target_id', 'linked_at'])
        .where('incident_id', '=', id)
        .orderBy('linked_at')
        .execute();
    },

    /** What people call each linked object: a vendor's name, an alert's title, …; by kind:id. */
    async linkLabels(links: { kind: string; target_id: string }[], trx: Executor = db) {
      const ids = (kind: LinkKind) =>
        links.filter((link) => link.kind === kind).map((link) => link.target_id);
      const labels = new Map<string, string>();
      const put = (kind: LinkKind, rows: { id: string; label: string }[]) => {
        for (const row of rows) labels.set(`${kind}:${row.id}`, row.label);
      };
      const [vendors, integrations, alerts, findings] = [
        ids('vendor'),
        ids('integration'),
        ids('alert'),
        ids('finding'),
      ];
      if (vendors.length > 0)
        put(
          'vendor',
          await trx
            .selectFrom('vendors')
            .select(['id', 'legal_name as label'])
            .where('id', 'in', vendors)
            .execute(),
        );
      if (integrations.length > 0)
        put(
          'integration',
          (
            await trx
              .selectFrom('integrations as i')
              .innerJoin('vendors as v', 'v.id', 'i.vendor_id')
              .select(['i.id', 'i.name', 'v.legal_name'])
              .where('i.id', 'in', integrations)
              .execute()
          ).map((row) => ({ id: row.id, label: `${row.name} (${row.legal_name})` })),
        );
      if (alerts.length > 0)
        put(
          'alert',
          await trx
            .selectFrom('detection_alerts')
            .select(['id', 'title as label'])
            .where('id', 'in', alerts)
            .execute(),
        );
      if (findings.length > 0)
        put(
          'finding',
          (
            await trx
              .selectFrom('exposure_findings')
              .select(['id', 'advisory_id', 'component_name', 'component_version'])
              .where('id', 'in', findings)
              .execute()
          ).map((row) => ({
            id: row.id,
            label: `${row.advisory_id} in ${row.component_name}${row.component_version ? ` ${row.component_version}` : ''}`,
          })),
        );
      return labels;
    },

    /**
     * Every user the incident's record names (owner, members, assignees, who took a snapshot,
     * saved the review, asked for an action, added evidence or recorded custody), by id.
     */
    async people(id: string, trx: Executor = db) {
      const ids = await sql<{ user_id: string }>`
        select owner_id as user_id from incidents where id = ${id}
        union select created_by from incidents where id = ${id}
        union select user_id from incident_members where incident_id = ${id}
        union select assignee_id from incident_tasks where incident_id = ${id}
        union select completed_by from incident_tasks where incident_id = ${id}
        union select taken_by from incident_scope_snapshots where incident_id = ${id}
        union select updated_by from incident_reviews where incident_id = ${id}
        union select requested_by from incident_actions where incident_id = ${id}
        union select added_by from incident_evidence where incident_id = ${id}
        union select c.recorded_by from incident_custody c
          join incident_evidence e on e.id = c.evidence_id where e.incident_id = ${id}`.execute(
        trx,
      );
      const known = ids.rows.map((row) => row.user_id).filter((userId) => userId !== null);
      if (known.length === 0) return [];
      return trx
        .selectFrom('users')
        .select(['id', 'email'])
        .where('id', 'in', known)
        .orderBy('email')
        .execute();
    },

    async targetExists(kind: LinkKind, targetId: string, trx: Executor = db): Promise<boolean> {
      const row = await trx
        .selectFrom(LINK_TABLES[kind])
        .select('id')
        .where('id', '=', targetId)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Links an object; false when it was linked already. */
    async addLink(
      link: { incidentId: string; kind: LinkKind; targetId: string; by: string | null; at: string },
      trx: Executor,
    ): Promise<boolean> {
      const result = await trx
        .insertInto('incident_links')
        .values({
          incident_id: link.incidentId,
          kind: link.kind,
          target_id: link.targetId,
          linked_by: link.by,
          linked_at: link.at,
        })
        .onConflict((oc) => oc.columns(['incident_id', 'kind', 'target_id']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    async removeLink(id: string, kind: LinkKind, targetId: string, trx: Executor) {
      const result = await trx
        .deleteFrom('incident_links')
        .where('incident_id', '=', id)
        .where('kind', '=', kind)
        .where('target_id', '=', targetId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async vendorOfIntegration(integrationId: string, trx: Executor = db) {
      const row = await trx
        .selectFrom('integrations')
        .select('vendor_id')
        .where('id', '=', integrationId)
        .executeTakeFirst();
      return row?.vendor_id;
    },

    async insertTrigger(row: TriggerRow, trx: Executor): Promise<void> {
      await trx.insertInto('incident_triggers').values(row).execute();
    },

    /** Every setting of every trigger, oldest first: the last of each is in force. */
    async triggers(id: string, trx: Executor = db): Promise<TriggerRow[]> {
      return trx
        .selectFrom('incident_triggers')
        .selectAll()
        .where('incident_id', '=', id)
        .orderBy('timeline_seq')
        .execute();
    },

    /** Vendors' names and the shortest breach-notice term among their agreements. */
    async vendorTerms(vendorIds: string[], trx: Executor = db) {
      if (vendorIds.length === 0) return [];
      return trx
        .selectFrom('vendors as v')
        .leftJoin('agreements as a', 'a.vendor_id', 'v.id')
        .select(['v.id', 'v.legal_name', (eb) => eb.fn.min('a.breach_notice_hours').as('hours')])
        .where('v.id', 'in', vendorIds)
        .groupBy(['v.id', 'v.legal_name'])
        .execute();
    },

    /**
     * Locks the incident's timeline head for the rest of the transaction (a no-op UPDATE: the
     * row lock on PostgreSQL, the write lock on SQLite), so two appenders queue, not fork.
     */
    async lockTimeline(id: string, trx: Executor): Promise<{ seq: number; hash: string }> {
      await trx
        .updateTable('incidents')
        .set((eb) => ({ timeline_seq: eb.ref('timeline_seq') }))
        .where('id', '=', id)
        .execute();
      return timelineHead(id, trx);
    },

    timelineHead,

    async appendTimeline(row: TimelineRow, trx: Executor): Promise<void> {
      await trx.insertInto('incident_timeline').values(row).execute();
      await trx
        .updateTable('incidents')
        .set({ timeline_seq: row.seq, timeline_hash: row.hash })
        .where('id', '=', row.incident_id)
        .execute();
    },

    async timelineEntry(id: string, seq: number, trx: Executor = db) {
      return trx
        .selectFrom('incident_timeline')
        .selectAll()
        .where('incident_id', '=', id)
        .where('seq', '=', seq)
        .executeTakeFirst();
    },

    /** Entries after a seq, oldest first, of some kinds only when `kinds` is given. */
    async timeline(
      id: string,
      after: number,
      limit: number,
      trx: Executor = db,
      kinds?: readonly string[],
    ) {
      let query = trx
        .selectFrom('incident_timeline')
        .selectAll()
        .where('incident_id', '=', id)
        .where('seq', '>', after);
      if (kinds) query = query.where('kind', 'in', kinds);
      return query.orderBy('seq').limit(limit).execute();
    },

    async countTimeline(id: string, kinds: readonly string[]): Promise<number> {
      const row = await db
        .selectFrom('incident_timeline')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('incident_id', '=', id)
        .where('kind', 'in', kinds)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** For each superseded entry among `seqs`, the newest entry that corrects it. */
    async supersededBy(id: string, seqs: number[], trx: Executor = db) {
      if (seqs.length === 0) return new Map<number, number>();
      const rows = await trx
        .selectFrom('incident_timeline')
        .select(['supersedes', (eb) => eb.fn.max('seq').as('by')])
        .where('incident_id', '=', id)
        .where('supersedes', 'in', seqs)
        .groupBy('supersedes')
        .execute();
      return new Map(rows.map((row) => [Number(row.supersedes), Number(row.by)]));
    },
  };
}

export type IncidentStore = ReturnType<typeof createIncidentStore>;

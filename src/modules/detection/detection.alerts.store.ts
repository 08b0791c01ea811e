import { sql, type Selectable, type Updateable } from 'kysely';
import type { Db, Executor } from '../../db/database.js';
import type {
  DetectionAlertsTable,
  DetectionSuppressionsTable,
} from '../../db/schema.detection.js';
import { chunked, selectInChunks } from '../../lib/chunks.js';
import { OPEN_ALERT_STATUSES } from '../../contracts/detection.js';

export type AlertRow = Selectable<DetectionAlertsTable>;
export type SuppressionRow = Selectable<DetectionSuppressionsTable>;
export type SubjectRole = 'source' | 'target' | 'taken_over';
export type SubjectCounts = Record<SubjectRole, number>;

export interface AlertFilter {
  status?: readonly string[] | undefined;
  detector?: string | undefined;
  severity?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Alerts, the sources and accounts each names, and suppression rules. */
export function createAlertStore(database: Db) {
  const db = database.kysely;
  const greatest = database.dialect === 'postgres' ? 'greatest' : 'max';

  return {
    /** The alert an attack key is still updating: open, and seen within the quiet gap. */
    async ongoing(key: string, seenSince: string, trx: Executor): Promise<AlertRow | undefined> {
      return trx
        .selectFrom('detection_alerts')
        .selectAll()
        .where('attack_key', '=', key)
        .where('status', 'in', OPEN_ALERT_STATUSES)
        .where('last_seen_at', '>=', seenSince)
        .orderBy('last_seen_at', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    async insert(row: AlertRow, trx: Executor): Promise<void> {
      await trx.insertInto('detection_alerts').values(row).execute();
    },

    async update(
      id: string,
      patch: Updateable<DetectionAlertsTable>,
      trx: Executor = db,
    ): Promise<void> {
      await trx.updateTable('detection_alerts').set(patch).where('id', '=', id).execute();
    },

    async get(id: string, trx: Executor = db): Promise<AlertRow | undefined> {
      return trx.selectFrom('detection_alerts').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async list(filter: AlertFilter, limit: number, offset: number) {
      let query = db.selectFrom('detection_alerts');
      if (filter.status) query = query.where('status', 'in', filter.status);
      if (filter.detector) query = query.where('detector', '=', filter.detector);
      if (filter.severity) query = query.where('severity', '=', filter.severity);
      if (filter.from) query = query.where('last_seen_at', '>=', filter.from);
      if (filter.to) query = query.where('first_seen_at', '<=', filter.to);
      const [rows, total] = await Promise.all([
        query
          .selectAll()
          .orderBy('last_seen_at', 'desc')
          .orderBy('id')
          .limit(limit)
          .offset(offset)
          .execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },

    /** Adds subjects to an alert; a value seen again only moves its last sighting. */
    async addSubjects(
      alertId: string,
      role: SubjectRole,
      values: Iterable<string>,
      at: string,
      trx: Executor,
    ): Promise<void> {
      const unique = [...new Set(values)];
      const t = 'detection_alert_subjects';
      for (const chunk of chunked(unique, 5000))
        await trx
          .insertInto(t)
          .values(
            chunk.map((value) => ({
              alert_id: alertId,
              role,
              value,
              first_seen_at: at,
              last_seen_at: at,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['alert_id', 'role', 'value']).doUpdateSet({
              last_seen_at: sql<string>`${sql.raw(greatest)}(${sql.ref(`${t}.last_seen_at`)}, excluded.last_seen_at)`,
            }),
          )
          .execute();
    },

    /**
     * Adds the accounts a source tried before its alert fired: detectors keep no list of them
     * (a sketch counts them), but the stored events do.
     */
    async backfillTargets(
      alertId: string,
      ip: string,
      since: string,
      until: string,
      trx: Executor,
    ): Promise<void> {
      await sql`
        insert into detection_alert_subjects (alert_id, role, value, first_seen_at, last_seen_at)
        select ${alertId}, 'target', account_hash, min(at), max(at)
        from detection_events
        where ip = ${ip} and type = 'login' and account_hash is not null and at >= ${since} and at <= ${until}
        group by account_hash
        on conflict do nothing`.execute(trx);
    },

    /** How many sources, targets and taken-over accounts each alert names, in one query. */
    async subjectCounts(alertIds: string[]): Promise<Map<string, SubjectCounts>> {
      const rows = await selectInChunks(alertIds, (chunk) =>
        db
          .selectFrom('detection_alert_subjects')
          .select(['alert_id', 'role', (eb) => eb.fn.countAll<number>().as('n')])
          .where('alert_id', 'in', chunk)
          .groupBy(['alert_id', 'role'])
          .execute(),
      );
      const counts = new Map<string, SubjectCounts>(
        alertIds.map((id) => [id, { source: 0, target: 0, taken_over: 0 }]),
      );
      for (const row of rows) counts.get(row.alert_id)![row.role as SubjectRole] = Number(row.n);
      return counts;
    },

    async subjects(alertId: string, role: SubjectRole, limit: number, offset: number) {
      return db
        .selectFrom('detection_alert_subjects')
        .select(['value', 'first_seen_at', 'last_seen_at'])
        .where('alert_id', '=', alertId)
        .where('role', '=', role)
        .orderBy('value')
        .limit(limit)
        .offset(offset)
        .execute();
    },

    /** Sources seen since an instant by alerts that are not false positives: the blocklist. */
    async blockSources(seenSince: string) {
      return db
        .selectFrom('detection_alert_subjects as s')
        .innerJoin('detection_alerts as a', 'a.id', 's.alert_id')
        .select(['s.value', 's.last_seen_at', 'a.id as alert_id', 'a.detector'])
        .where('s.role', '=', 'source')
        .where('a.status', '!=', 'false_positive')
        .where('s.last_seen_at', '>=', seenSince)
        .orderBy('s.value')
        .execute();
    },

    /** Accounts the given alerts name on the web stream, one row each, taken over first. */
    async accountsOf(alertIds: string[]) {
      if (alertIds.length === 0) return [];
      return db
        .selectFrom('detection_alert_subjects as s')
        .innerJoin('detection_alerts as a', 'a.id', 's.alert_id')
        .select([
          's.value',
          (eb) =>
            eb.fn
              .max(eb.case().when('s.role', '=', 'taken_over').then(1).else(0).end())
              .as('taken'),
        ])
        .where('s.alert_id', 'in', alertIds)
        .where('s.role', 'in', ['taken_over', 'target'])
        .where('a.stream', '=', 'web')
        .groupBy('s.value')
        .orderBy('taken', 'desc')
        .orderBy('s.value')
        .execute();
    },

    /** The sources the given alerts name, with the detector that saw each. */
    async sourcesOf(alertIds: string[]) {
      if (alertIds.length === 0) return [];
      return db
        .selectFrom('detection_alert_subjects as s')
        .innerJoin('detection_alerts as a', 'a.id', 's.alert_id')
        .select(['s.value', 's.last_seen_at', 'a.id as alert_id', 'a.detector'])
        .where('s.alert_id', 'in', alertIds)
        .where('s.role', '=', 'source')
        .orderBy('s.value')
        .execute();
    },

    /**
     * Accounts named by open alerts, one row per account, taken over first: the forced
     * password-reset list, a page at a time (an attack can name hundreds of thousands).
     */
    async resetPage(limit: number, offset: number) {
      const grouped = db
        .selectFrom('detection_alert_subjects as s')
        .innerJoin('detection_alerts as a', 'a.id', 's.alert_id')
        .where('s.role', 'in', ['taken_over', 'target'])
        .where('a.status', 'in', OPEN_ALERT_STATUSES)
        // The shop's customers; SSH user names on servers are a different kind of account.
        .where('a.stream', '=', 'web');
      const [rows, total] = await Promise.all([
        grouped
          .select((eb) => [
            's.value',
            eb.fn.max<number>(sql`case when s.role = 'taken_over' then 1 else 0 end`).as('taken'),
            eb.fn.max<string>('s.last_seen_at').as('last_seen_at'),
          ])
          .groupBy('s.value')
          .orderBy('taken', 'desc')
          .orderBy('s.value')
          .limit(limit)
          .offset(offset)
          .execute(),
        grouped
          .select((eb) => eb.fn.count<number>('s.value').distinct().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      const alerts = await selectInChunks(
        rows.map((row) => row.value),
        (chunk) =>
          grouped
            .select(['s.value', 's.alert_id'])
            .distinct()
            .where('s.value', 'in', chunk)
            .execute(),
      );
      return { rows, total: Number(total.n), alerts };
    },

    /** Open alerts whose current severity a channel has not carried yet, oldest first. */
    async owed(column: 'notified_severity' | 'webhook_severity', limit: number) {
      return db
        .selectFrom('detection_alerts')
        .selectAll()
        .where('status', 'in', OPEN_ALERT_STATUSES)
        .where((eb) => eb.or([eb(column, 'is', null), eb(column, '!=', eb.ref('severity'))]))
        .orderBy('created_at')
        .limit(limit)
        .execute();
    },

    /** Alerts that began in a time range, for chart markers. */
    async startedBetween(from: string, to: string, limit: number) {
      return db
        .selectFrom('detection_alerts')
        .select(['id', 'detector', 'severity', 'title', 'first_seen_at'])
        .where('first_seen_at', '>=', from)
        .where('first_seen_at', '<=', to)
        .where('status', '!=', 'false_positive')
        .orderBy('first_seen_at')
        .limit(limit)
        .execute();
    },

    /** Customers whose email index equals these account hashes (same key: see ingest). */
    async customerIds(hashes: string[]): Promise<Map<string, string>> {
      const found = new Map<string, string>();
      const rows = await selectInChunks(hashes, (chunk) =>
        db
          .selectFrom('customers')
          .select(['email_index', 'external_id'])
          .where('email_index', 'in', chunk)
          .where('erased_at', 'is', null)
          .execute(),
      );
      for (const row of rows) if (row.email_index) found.set(row.email_index, row.external_id);
      return found;
    },

    /** Links an alert to an incident unless another call did first; true when this one did. */
    async linkIncident(
      id: string,
      incidentId: string,
      at: string,
      trx: Executor,
    ): Promise<boolean> {
      const result = await trx
        .updateTable('detection_alerts')
        .set({ incident_id: incidentId, updated_at: at })
        .where('id', '=', id)
        .where('incident_id', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async suppressions(now: string, trx: Executor = db): Promise<SuppressionRow[]> {
      return trx
        .selectFrom('detection_suppressions')
        .selectAll()
        .where('removed_at', 'is', null)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
        .orderBy('created_at')
        .execute();
    },

    async allSuppressions(): Promise<SuppressionRow[]> {
      return db
        .selectFrom('detection_suppressions')
        .selectAll()
        .orderBy('created_at', 'desc')
        .execute();
    },

    async getSuppression(id: string): Promise<SuppressionRow | undefined> {
      return db
        .selectFrom('detection_suppressions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async insertSuppression(row: SuppressionRow, trx: Executor): Promise<void> {
      await trx.insertInto('detection_suppressions').values(row).execute();
    },

    async removeSuppression(id: string, at: string, trx: Executor): Promise<void> {
      await trx
        .updateTable('detection_suppressions')
        .set({ removed_at: at })
        .where('id', '=', id)
        .execute();
    },

    async countSuppressed(hits: Map<string, number>, trx: Executor): Promise<void> {
      for (const [id, n] of hits)
        await trx
          .updateTable('detection_suppressions')
          .set((eb) => ({ hits: eb('hits', '+', n) }))
          .where('id', '=', id)
          .execute();
    },

    async settings(): Promise<{ settings: string; updated_at: string } | undefined> {
      return db
        .selectFrom('detection_settings')
        .select(['settings', 'updated_at'])
        .where('id', '=', 'current')
        .executeTakeFirst();
    },

    async saveSettings(
      settings: string,
      by: string | null,
      at: string,
      trx: Executor,
    ): Promise<void> {
      await trx
        .insertInto('detection_settings')
        .values({ id: 'current', settings, updated_by: by, updated_at: at })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({ settings, updated_by: by, updated_at: at }),
        )
        .execute();
    },
  };
}

export type AlertStore = ReturnType<typeof createAlertStore>;

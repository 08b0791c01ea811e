import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { ExposureComponentsTable } from '../../db/schema.exposure.js';
import type { Component, SbomChange } from '../../contracts/exposure.js';
import { type ComponentOrigin, type ComponentRow, type NewComponent } from './exposure.types.js';
import { chunked, groupBy, IN_LIST_CHUNK, selectInChunks } from '../../lib/chunks.js';

export const toComponent = (row: ComponentRow & { open_findings: number | string }): Component => ({
  id: row.id,
  vendorId: row.vendor_id,
  integrationId: row.integration_id,
  origin: row.origin as ComponentOrigin,
  ecosystem: row.ecosystem,
  name: row.name,
  version: row.version,
  purl: row.purl,
  cpe: row.cpe,
  firstSeenAt: row.first_seen_at,
  lastSeenAt: row.last_seen_at,
  openFindings: Number(row.open_findings),
});

/** The components each vendor runs now: only the current set per scope is kept here. */
export function createComponentStore(db: Executor) {
  return {
    async inScope(scopeKey: string, origin: ComponentOrigin, trx: Executor = db) {
      return trx
        .selectFrom('exposure_components')
        .selectAll()
        .where('scope_key', '=', scopeKey)
        .where('origin', '=', origin)
        .execute();
    },

    /**
     * Makes `next` the scope's component set for `origin`: a component already there keeps its
     * id and first-seen time, a new one is inserted, one no longer listed is deleted. Returns
     * the diff, which is the SBOM history's record of what changed.
     */
    async replace(
      scope: { vendorId: string; integrationId: string | null; scopeKey: string },
      origin: ComponentOrigin,
      next: NewComponent[],
      sbomId: string | null,
      now: string,
      trx: Executor,
    ): Promise<{ current: ComponentRow[]; changes: SbomChange[] }> {
      const before = await this.inScope(scope.scopeKey, origin, trx);
      const byKey = new Map(before.map((row) => [row.component_key, row]));
      const nextKeys = new Set(next.map((item) => item.componentKey));
      const removed = before.filter((row) => !nextKeys.has(row.component_key));
      const inserted: ExposureComponentsTable[] = [];
      const current: ComponentRow[] = [];
      for (const item of next) {
        const existing = byKey.get(item.componentKey);
        if (existing) {
          const identifiers = {
            purl: item.purl,
            cpe: item.cpe,
            cpe_vendor: item.cpeVendor,
            cpe_product: item.cpeProduct,
          };
          // Same package and version, but the SBOM may now say more (a CPE, PURL qualifiers).
          if (existing.purl !== item.purl || existing.cpe !== item.cpe)
            await trx
              .updateTable('exposure_components')
              .set(identifiers)
              .where('id', '=', existing.id)
              .execute();
          current.push({ ...existing, ...identifiers, sbom_id: sbomId, last_seen_at: now });
          continue;
        }
        const row: ExposureComponentsTable = {
          id: randomUUID(),
          vendor_id: scope.vendorId,
          integration_id: scope.integrationId,
          scope_key: scope.scopeKey,
          origin,
          sbom_id: sbomId,
          component_key: item.componentKey,
          ecosystem: item.ecosystem,
          name: item.name,
          version: item.version,
          purl: item.purl,
          cpe: item.cpe,
          cpe_vendor: item.cpeVendor,
          cpe_product: item.cpeProduct,
          first_seen_at: now,
          last_seen_at: now,
        };
        inserted.push(row);
        current.push(row);
      }
      for (const ids of chunked(
        removed.map((row) => row.id),
        IN_LIST_CHUNK,
      ))
        await trx.deleteFrom('exposure_components').where('id', 'in', ids).execute();
      // 16 columns a row: 1,000 rows stay under SQLite's 32,766 bound parameters.
      for (const rows of chunked(inserted, 1000))
        await trx.insertInto('exposure_components').values(rows).execute();
      await trx
        .updateTable('exposure_components')
        .set({ sbom_id: sbomId, last_seen_at: now })
        .where('scope_key', '=', scope.scopeKey)
        .where('origin', '=', origin)
        .execute();
      return { current, changes: diff(before, next) };
    },

    async insertDeclared(row: ExposureComponentsTable, trx: Executor = db): Promise<void> {
      await trx.insertInto('exposure_components').values(row).execute();
    },

    async find(vendorId: string, id: string, trx: Executor = db) {
      return trx
        .selectFrom('exposure_components')
        .selectAll()
        .where('vendor_id', '=', vendorId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async scopesOf(vendorId: string, trx: Executor = db) {
      return trx
        .selectFrom('exposure_components')
        .select(['scope_key', 'origin'])
        .distinct()
        .where('vendor_id', '=', vendorId)
        .execute();
    },

    async remove(id: string, trx: Executor = db): Promise<void> {
      await trx.deleteFrom('exposure_components').where('id', '=', id).execute();
    },

    /** Everyone who runs one of these packages: the advisory side of the two-way index. */
    async byPackages(keys: { ecosystem: string; name: string }[], trx: Executor = db) {
      const rows: ComponentRow[] = [];
      for (const [ecosystem, group] of groupBy(keys, (key) => key.ecosystem))
        rows.push(
          ...(await selectInChunks([...new Set(group.map((key) => key.name))], (chunk) =>
            trx
              .selectFrom('exposure_components')
              .selectAll()
              .where('ecosystem', '=', ecosystem)
              .where('name', 'in', chunk)
              .execute(),
          )),
        );
      return rows;
    },

    async byCpeProducts(pairs: { vendor: string; product: string }[], trx: Executor = db) {
      const rows: ComponentRow[] = [];
      const unique = [...new Map(pairs.map((p) => [`${p.vendor}:${p.product}`, p])).values()];
      for (const chunk of chunked(unique, IN_LIST_CHUNK / 2))
        rows.push(
          ...(await trx
            .selectFrom('exposure_components')
            .selectAll()
            .where((eb) =>
              eb.or(
                chunk.map((pair) =>
                  eb.and([
                    eb('cpe_vendor', '=', pair.vendor),
                    eb('cpe_product', '=', pair.product),
                  ]),
                ),
              ),
            )
            .execute()),
        );
      return rows;
    },

    async list(
      vendorId: string,
      query: { q?: string | undefined; limit: number; offset: number },
      trx: Executor = db,
    ) {
      let base = trx.selectFrom('exposure_components as c').where('c.vendor_id', '=', vendorId);
      if (query.q) {
        const pattern = `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        base = base.where(sql<boolean>`lower(c.name) like ${pattern} escape '\\'`);
      }
      const [items, total] = await Promise.all([
        base
          .selectAll('c')
          .select((eb) =>
            eb
              .selectFrom('exposure_findings as f')
              .whereRef('f.component_id', '=', 'c.id')
              .where('f.status', '=', 'open')
              .select(eb.fn.countAll<number>().as('n'))
              .as('open_findings'),
          )
          .orderBy('open_findings', 'desc')
          .orderBy('c.name')
          .orderBy('c.version')
          .limit(query.limit)
          .offset(query.offset)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: items.map((row) => toComponent({ ...row, open_findings: row.open_findings ?? 0 })),
        total: Number(total.n),
      };
    },
  };
}

export type ComponentStore = ReturnType<typeof createComponentStore>;

/** Added, removed, and "changed" where the same package now has another version. */
function diff(before: ComponentRow[], next: NewComponent[]): SbomChange[] {
  const packageOf = (ecosystem: string | null, name: string) => `${ecosystem ?? ''}\u0000${name}`;
  const oldKeys = new Set(before.map((row) => row.component_key));
  const newKeys = new Set(next.map((item) => item.componentKey));
  const gone = before.filter((row) => !newKeys.has(row.component_key));
  const arrived = next.filter((item) => !oldKeys.has(item.componentKey));
  const goneByPackage = new Map<string, ComponentRow[]>();
  for (const row of gone) {
    const key = packageOf(row.ecosystem, row.name);
    goneByPackage.set(key, [...(goneByPackage.get(key) ?? []), row]);
  }
  const changes: SbomChange[] = [];
  for (const item of arrived) {
    const previous = goneByPackage.get(packageOf(item.ecosystem, item.name))?.shift();
    changes.push({
      change: previous ? 'changed' : 'added',
      ecosystem: item.ecosystem,
      name: item.name,
      fromVersion: previous?.version ?? null,
      toVersion: item.version,
    });
  }
  for (const rows of goneByPackage.values())
    for (const row of rows)
      changes.push({
        change: 'removed',
        ecosystem: row.ecosystem,
        name: row.name,
        fromVersion: row.version,
        toVersion: null,
      });
  return changes;
}

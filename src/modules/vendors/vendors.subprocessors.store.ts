import type { Executor } from '../../db/database.js';
import type { SubprocessorLink } from '../../contracts/vendors.js';
import type { SubprocessorEdge } from './vendors.subprocessors.graph.js';

export function createSubprocessorStore(db: Executor) {
  function baseQuery(trx: Executor) {
    return trx
      .selectFrom('subprocessors as link')
      .innerJoin('vendors as parent', 'parent.id', 'link.vendor_id')
      .innerJoin('vendors as child', 'child.id', 'link.subprocessor_id')
      .selectAll('link')
      .select(['parent.legal_name as vendor_name', 'child.legal_name as subprocessor_name']);
  }

  type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

  function toLink(row: Row): SubprocessorLink {
    return {
      id: row.id,
      vendorId: row.vendor_id,
      vendorName: row.vendor_name,
      subprocessorId: row.subprocessor_id,
      subprocessorName: row.subprocessor_name,
      categories: JSON.parse(row.categories) as string[],
      location: row.location,
      purpose: row.purpose,
      createdAt: row.created_at,
    };
  }

  return {
    /** Links from one side: a vendor's own subprocessors, or the vendors using one. */
    async list(
      filter: { vendorId: string } | { subprocessorId: string },
      trx: Executor = db,
    ): Promise<SubprocessorLink[]> {
      const query =
        'vendorId' in filter
          ? baseQuery(trx).where('link.vendor_id', '=', filter.vendorId)
          : baseQuery(trx).where('link.subprocessor_id', '=', filter.subprocessorId);
      const rows = await query
        .orderBy('child.legal_name')
        .orderBy('parent.legal_name')
        .orderBy('link.id')
        .execute();
      return rows.map(toLink);
    },

    async find(vendorId: string, id: string, trx: Executor = db) {
      const row = await baseQuery(trx)
        .where('link.id', '=', id)
        .where('link.vendor_id', '=', vendorId)
        .executeTakeFirst();
      return row && toLink(row);
    },

    /** The whole graph, small by nature (one row per vendor relationship). */
    async edges(trx: Executor = db): Promise<SubprocessorEdge[]> {
      const rows = await trx
        .selectFrom('subprocessors')
        .select(['vendor_id', 'subprocessor_id', 'categories'])
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((row) => ({
        vendorId: row.vendor_id,
        subprocessorId: row.subprocessor_id,
        categories: JSON.parse(row.categories) as string[],
      }));
    },

    async insert(link: Omit<SubprocessorLink, 'vendorName' | 'subprocessorName'>, trx = db) {
      await trx
        .insertInto('subprocessors')
        .values({
          id: link.id,
          vendor_id: link.vendorId,
          subprocessor_id: link.subprocessorId,
          categories: JSON.stringify(link.categories),
          location: link.location,
          purpose: link.purpose,
          created_at: link.createdAt,
        })
        .execute();
    },

    async delete(id: string, trx: Executor = db): Promise<void> {
      await trx.deleteFrom('subprocessors').where('id', '=', id).execute();
    },
  };
}

export type SubprocessorStore = ReturnType<typeof createSubprocessorStore>;

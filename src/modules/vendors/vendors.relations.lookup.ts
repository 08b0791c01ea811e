import type { Executor } from '../../db/database.js';
import { NotFound } from '../../lib/errors.js';

/** Legal names of the given vendors; ids that name no vendor are simply absent. */
export async function vendorNames(
  trx: Executor,
  vendorIds: readonly string[],
): Promise<Map<string, string>> {
  if (vendorIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('vendors')
    .select(['id', 'legal_name'])
    .where('id', 'in', [...new Set(vendorIds)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.legal_name]));
}

/**
 * The vendor a nested path names (`/vendors/:vendorId/...`). Integrations, subprocessor links
 * and agreements are always looked up *under* it, so an id from another vendor is a 404.
 */
export async function requireVendorName(trx: Executor, vendorId: string): Promise<string> {
  const name = (await vendorNames(trx, [vendorId])).get(vendorId);
  if (name === undefined) throw new NotFound('Vendor', vendorId);
  return name;
}

import type { z } from 'zod';
import type { vendorImportResult } from '../../contracts/vendors.js';
import type { Executor } from '../../db/database.js';
import type { RowIssue } from '../../lib/errors.js';
import { authorize, type CallContext } from '../../lib/principal.js';
import type { VendorDeps } from './vendors.deps.js';
import { parseVendorCsv, rejectRows, type ImportedRow } from './vendors.import.js';
import type { VendorStore } from './vendors.store.js';
import {
  ACCESS,
  changedFields,
  nameKeyOf,
  newVendor,
  normaliseProfile,
  profileOf,
  type StoredVendor,
  type VendorInput,
} from './vendors.types.js';

export type VendorImportResult = z.infer<typeof vendorImportResult>;

type Planned =
  | { kind: 'create'; row: ImportedRow; vendor: StoredVendor }
  | { kind: 'update'; row: ImportedRow; id: string; profile: VendorInput; changed: string[] }
  | { kind: 'unchanged' };

/**
 * Applies a checked inventory file in one transaction: vendors are matched on their name key,
 * existing ones get the file's columns (columns the file lacks keep their values), new ones are
 * created. Each created or changed vendor gets its own audit event, so its history is whole.
 */
export function createImportService(
  { db, clock, audit }: Pick<VendorDeps, 'db' | 'clock' | 'audit'>,
  store: VendorStore,
) {
  function plan(
    row: ImportedRow,
    existing: StoredVendor | undefined,
    at: string,
  ): Planned | RowIssue {
    if (!existing) {
      if (row.status === 'offboarded') {
        const message =
          'a new vendor cannot start offboarded; the offboarding checklist comes first';
        return { line: row.line, field: 'status', message };
      }
      const vendor = newVendor(row.profile, row.status ?? 'prospect', at);
      return { kind: 'create', row, vendor };
    }
    if (row.status !== null && row.status !== existing.status) {
      const message = `the vendor is ${existing.status}; change its status through the lifecycle, not an import`;
      return { line: row.line, field: 'status', message };
    }
    const current = profileOf(existing);
    const fromFile = Object.fromEntries(row.fields.map((field) => [field, row.profile[field]]));
    const profile = normaliseProfile({ ...current, ...fromFile });
    const changed = changedFields(current, profile);
    if (changed.length === 0) return { kind: 'unchanged' };
    return { kind: 'update', row, id: existing.id, profile, changed };
  }

  async function apply(ctx: CallContext, step: Planned, at: string, trx: Executor) {
    if (step.kind === 'unchanged') return;
    const record = (action: string, id: string, details: Record<string, unknown>) =>
      audit.record(
        ctx,
        { action, objectType: 'vendor', objectId: id, details: { ...details, source: 'import' } },
        trx,
      );
    const { line } = step.row;
    if (step.kind === 'create') {
      const { id, legalName, status } = step.vendor;
      await store.insert(step.vendor, trx);
      await record('vendors.vendor.create', id, { legalName, status, line });
    } else {
      await store.updateProfile(step.id, step.profile, at, trx);
      await record('vendors.vendor.update', step.id, { changed: step.changed, line });
    }
  }

  return {
    async importCsv(ctx: CallContext, csv: string): Promise<VendorImportResult> {
      authorize(ctx, ACCESS.write);
      const rows = parseVendorCsv(csv);
      const at = clock.now().toISOString();
      return db.kysely.transaction().execute(async (trx) => {
        const keys = rows.map((row) => nameKeyOf(row.profile.legalName));
        const existing = new Map(
          (await store.findByNameKeys(keys, trx)).map((vendor) => [vendor.nameKey, vendor]),
        );
        const steps: Planned[] = [];
        const issues: RowIssue[] = [];
        for (const [index, row] of rows.entries()) {
          const planned = plan(row, existing.get(keys[index]!), at);
          if ('line' in planned) issues.push(planned);
          else steps.push(planned);
        }
        if (issues.length > 0) throw rejectRows(issues);
        for (const step of steps) await apply(ctx, step, at, trx);
        const count = (kind: Planned['kind']) => steps.filter((s) => s.kind === kind).length;
        return {
          created: count('create'),
          updated: count('update'),
          unchanged: count('unchanged'),
        };
      });
    },
  };
}

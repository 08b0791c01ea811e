import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { customerInput, externalId, type CustomerImport } from '../../contracts/datamap.js';
import { RowsRejected, type RowIssue } from '../../lib/errors.js';
import { principalUserId, type CallContext } from '../../lib/principal.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CustomerCrypto } from './datamap.customers.pii.js';
import { readCustomerRecords } from './datamap.customers.read.js';
import type { CustomerStore, StagedRow } from './datamap.customers.store.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';

const customerRow = customerInput.extend({ externalId });
/** Issues name the file's column, not the API field. */
const COLUMN_NAMES: Record<string, string> = {
  externalId: 'external_id',
  customerSince: 'customer_since',
};
const STAGE_BATCH = 1000;
const PROGRESS_EVERY = 10_000;
const MAX_REPORTED = 1000;

export interface ImportDeps {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  store: CustomerStore;
  crypto: () => Promise<CustomerCrypto>;
}

/**
 * A customer file import, all or nothing. Rows are validated and sealed as they stream in and
 * parked in a staging table; only when the whole file is clean does one statement merge them
 * into the directory. A bad row anywhere means nothing is written, and every bad row is named.
 */
export async function importCustomers(
  deps: ImportDeps,
  ctx: CallContext,
  source: Readable,
  format: 'csv' | 'ndjson',
  onProgress?: (rowsRead: number) => void,
): Promise<CustomerImport> {
  const { store, clock } = deps;
  const id = randomUUID();
  await store.createImport(id, format, principalUserId(ctx.principal), clock.now().toISOString());
  const issues: RowIssue[] = [];
  let invalid = 0;
  let rowsRead = 0;
  try {
    const crypto = await deps.crypto();
    let staged: StagedRow[] = [];
    for await (const item of readCustomerRecords(source, format)) {
      rowsRead += 1;
      const row = 'record' in item ? toStagedRow(item.line, item.record, crypto) : item;
      if ('field' in row) {
        invalid += 1;
        if (issues.length < MAX_REPORTED) issues.push(row);
      } else if (invalid === 0) {
        // Once a row is bad nothing will be written, so later rows are only checked.
        staged.push(row);
      }
      if (staged.length >= STAGE_BATCH) {
        await store.stageRows(id, staged);
        staged = [];
      }
      if (rowsRead % PROGRESS_EVERY === 0) {
        await store.recordProgress(id, rowsRead, invalid);
        onProgress?.(rowsRead);
      }
    }
    if (invalid === 0 && staged.length > 0) await store.stageRows(id, staged);
    if (invalid === 0) {
      for (const dup of await store.duplicates(id, MAX_REPORTED)) {
        invalid += dup.occurrences - 1;
        issues.push({
          line: dup.lastLine,
          field: 'external_id',
          message: `'${dup.externalId}' appears ${dup.occurrences} times in the file (first on line ${dup.firstLine})`,
        });
      }
    }
    if (invalid > 0) return await reject(deps, ctx, id, { rowsRead, invalid, issues });
    return await commit(deps, ctx, id, rowsRead);
  } catch (error) {
    if (!(error instanceof RowsRejected)) {
      await store.dropStaged(id);
      await store.finishImport(
        id,
        {
          status: 'failed',
          rowsRead,
          rowsInvalid: invalid,
          errors: issues,
          inserted: null,
          updated: null,
        },
        clock.now().toISOString(),
      );
    }
    throw error;
  }
}

function toStagedRow(
  line: number,
  record: Record<string, unknown>,
  crypto: CustomerCrypto,
): StagedRow | RowIssue {
  const parsed = customerRow.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? '(row)');
    return { line, field: COLUMN_NAMES[field] ?? field, message: issue.message };
  }
  const c = parsed.data;
  const hasPii = c.email !== null || c.name !== null || c.phone !== null;
  return {
    line,
    externalId: c.externalId,
    emailIndex: c.email ? crypto.emailIndex(c.email) : null,
    pii: hasPii
      ? crypto.seal(c.externalId, { email: c.email, name: c.name, phone: c.phone })
      : null,
    country: c.country,
    region: c.region,
    locale: c.locale,
    customerSince: c.customerSince,
  };
}

async function reject(
  { store, clock, audit }: ImportDeps,
  ctx: CallContext,
  id: string,
  result: { rowsRead: number; invalid: number; issues: RowIssue[] },
): Promise<never> {
  await store.dropStaged(id);
  await store.finishImport(
    id,
    {
      status: 'rejected',
      rowsRead: result.rowsRead,
      rowsInvalid: result.invalid,
      errors: result.issues,
      inserted: null,
      updated: null,
    },
    clock.now().toISOString(),
  );
  await audit.record(ctx, {
    action: 'datamap.customers.import',
    objectType: 'customer_import',
    objectId: id,
    outcome: 'failure',
    details: { rowsRead: result.rowsRead, rowsInvalid: result.invalid },
  });
  throw new RowsRejected(
    `${result.invalid} of ${result.rowsRead} rows are not valid; nothing was imported`,
    result.issues.sort((a, b) => a.line - b.line),
    result.invalid,
  );
}

async function commit(
  { db, store, clock, audit }: ImportDeps,
  ctx: CallContext,
  id: string,
  rowsRead: number,
): Promise<CustomerImport> {
  const at = clock.now().toISOString();
  await db.kysely.transaction().execute(async (trx) => {
    const merged = await store.mergeImport(id, at, trx);
    await store.finishImport(
      id,
      { status: 'committed', rowsRead, rowsInvalid: 0, errors: [], ...merged },
      at,
      trx,
    );
    await store.dropStaged(id, trx);
    await audit.record(
      ctx,
      {
        action: 'datamap.customers.import',
        objectType: 'customer_import',
        objectId: id,
        details: { rowsRead, ...merged },
      },
      trx,
    );
  });
  return toImport((await store.findImport(id))!);
}

export function toImport(
  row: NonNullable<Awaited<ReturnType<CustomerStore['findImport']>>>,
): CustomerImport {
  return {
    id: row.id,
    format: row.format as CustomerImport['format'],
    status: row.status as CustomerImport['status'],
    rowsRead: row.rows_read,
    rowsInvalid: row.rows_invalid,
    errors: JSON.parse(row.errors) as CustomerImport['errors'],
    inserted: row.inserted,
    updated: row.updated,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

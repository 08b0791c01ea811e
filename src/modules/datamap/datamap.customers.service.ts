import type { Readable } from 'node:stream';
import type { Customer, CustomerImport, CustomerInput } from '../../contracts/datamap.js';
import { NotFound } from '../../lib/errors.js';
import type { Keyring } from '../../lib/keyring.js';
import { authorize, type CallContext } from '../../lib/principal.js';
import type { DatamapDeps } from './datamap.deps.js';
import { importCustomers, toImport } from './datamap.customers.import.js';
import { createCustomerCrypto, type CustomerCrypto } from './datamap.customers.pii.js';
import { createCustomerStore } from './datamap.customers.store.js';

const VIEWER = { role: 'viewer', scope: 'read' } as const;
/** Reading a customer's PII is an analyst's job, and each read is audited. */
const PII_READER = { role: 'analyst', scope: 'read' } as const;
const WRITER = { role: 'analyst', scope: 'write' } as const;
const ADMIN = { role: 'admin', scope: 'admin' } as const;

/** What a letter to one customer needs; `email` null when none is on file. */
export interface CustomerContact {
  email: string | null;
  name: string | null;
  emailIndex: string | null;
  locale: string | null;
  erased: boolean;
}

/** The shop's customers: who may need to be told when their data is breached. */
export function createCustomerService(deps: DatamapDeps & { keyring: Keyring }) {
  const { db, clock, audit } = deps;
  const store = createCustomerStore(db.kysely);
  let crypto: Promise<CustomerCrypto> | null = null;
  const pii = () => (crypto ??= createCustomerCrypto(deps.keyring));

  async function reveal(
    ctx: CallContext,
    row: Awaited<ReturnType<typeof store.findByExternalId>>,
    requested: string,
  ): Promise<Customer> {
    if (!row) throw new NotFound('Customer', requested);
    await audit.record(ctx, {
      action: 'datamap.customer.view',
      objectType: 'customer',
      objectId: row.external_id,
    });
    const opened = row.pii ? (await pii()).open(row.external_id, row.pii) : null;
    return {
      externalId: row.external_id,
      email: opened?.email ?? null,
      name: opened?.name ?? null,
      phone: opened?.phone ?? null,
      country: row.country,
      region: row.region,
      locale: row.locale,
      customerSince: row.customer_since,
      updatedAt: row.updated_at,
      erasedAt: row.erased_at,
    };
  }

  return {
    /** Opens sealed PII for a caller allowed to read it; the blast-radius export audits its read. */
    async opener(ctx: CallContext): Promise<CustomerCrypto> {
      authorize(ctx, PII_READER);
      return pii();
    },

    /**
     * Opens the contact details of many customers for one purpose (a notification campaign):
     * one audit event names the purpose, then pages of customers are read without one each.
     */
    async contacts(ctx: CallContext, purpose: { objectType: string; objectId: string }) {
      authorize(ctx, PII_READER);
      await audit.record(ctx, { action: 'datamap.customer.contacts', ...purpose });
      const crypto = await pii();
      return {
        async read(refs: readonly string[]): Promise<Map<string, CustomerContact>> {
          const rows = await store.contactsOf(refs);
          return new Map(
            rows.map((row) => {
              const opened = row.pii ? crypto.open(row.external_id, row.pii) : null;
              return [
                row.external_id,
                {
                  email: opened?.email ?? null,
                  name: opened?.name ?? null,
                  emailIndex: row.email_index,
                  locale: row.locale,
                  erased: row.erased_at !== null,
                },
              ];
            }),
          );
        },
      };
    },

    /** The keyed hash an address is looked up by: lists of addresses keep only this. */
    async emailIndex(ctx: CallContext, email: string): Promise<string> {
      authorize(ctx, PII_READER);
      return (await pii()).emailIndex(email);
    },

    async summary(ctx: CallContext) {
      authorize(ctx, VIEWER);
      return store.summary();
    },

    async get(ctx: CallContext, externalId: string): Promise<Customer> {
      authorize(ctx, PII_READER);
      return reveal(ctx, await store.findByExternalId(externalId), externalId);
    },

    async findByEmail(ctx: CallContext, email: string): Promise<Customer> {
      authorize(ctx, PII_READER);
      const row = await store.findByEmailIndex((await pii()).emailIndex(email));
      if (!row) {
        // Probing whether someone is a customer leaves a trace too (without the email).
        await audit.record(ctx, { action: 'datamap.customer.lookup', outcome: 'failure' });
      }
      // The email is PII: the 404 message must not echo it into logs or screenshots.
      return reveal(ctx, row, 'with that email');
    },

    async upsert(ctx: CallContext, externalId: string, input: CustomerInput): Promise<Customer> {
      authorize(ctx, WRITER);
      const crypto = await pii();
      const at = clock.now().toISOString();
      await db.kysely.transaction().execute(async (trx) => {
        await store.upsert(
          {
            externalId,
            emailIndex: input.email ? crypto.emailIndex(input.email) : null,
            pii: crypto.seal(externalId, input),
            country: input.country,
            region: input.region,
            locale: input.locale,
            customerSince: input.customerSince,
          },
          at,
          trx,
        );
        await audit.record(
          ctx,
          { action: 'datamap.customer.upsert', objectType: 'customer', objectId: externalId },
          trx,
        );
      });
      return { externalId, ...input, updatedAt: at, erasedAt: null };
    },

    async erase(ctx: CallContext, externalId: string, reason: string): Promise<void> {
      authorize(ctx, ADMIN);
      const at = clock.now().toISOString();
      await db.kysely.transaction().execute(async (trx) => {
        if (!(await store.erase(externalId, at, trx))) throw new NotFound('Customer', externalId);
        await audit.record(
          ctx,
          {
            action: 'datamap.customer.erase',
            objectType: 'customer',
            objectId: externalId,
            details: { reason },
          },
          trx,
        );
      });
    },

    async import(
      ctx: CallContext,
      source: Readable,
      format: 'csv' | 'ndjson',
      onProgress?: (rowsRead: number) => void,
    ): Promise<CustomerImport> {
      authorize(ctx, WRITER);
      return importCustomers(
        { db, clock, audit, store, crypto: pii },
        ctx,
        source,
        format,
        onProgress,
      );
    },

    async listImports(ctx: CallContext): Promise<CustomerImport[]> {
      authorize(ctx, VIEWER);
      return (await store.listImports(20)).map(toImport);
    },

    async getImport(ctx: CallContext, id: string): Promise<CustomerImport> {
      authorize(ctx, VIEWER);
      const row = await store.findImport(id);
      if (!row) throw new NotFound('Customer import', id);
      return toImport(row);
    },
  };
}

export type CustomerService = ReturnType<typeof createCustomerService>;

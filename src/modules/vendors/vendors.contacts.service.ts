import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { contactInput } from '../../contracts/vendors.js';
import type { Executor } from '../../db/database.js';
import { NotFound } from '../../lib/errors.js';
import { authorize, type CallContext } from '../../lib/principal.js';
import { createContactStore } from './vendors.contacts.store.js';
import type { VendorDeps } from './vendors.deps.js';
import type { VendorStore } from './vendors.store.js';
import { ACCESS, type Contact } from './vendors.types.js';

export type ContactInput = z.infer<typeof contactInput>;

/** People to call at a vendor. A contact is only ever reached through its own vendor. */
export function createContactService(
  { db, clock, audit }: Pick<VendorDeps, 'db' | 'clock' | 'audit'>,
  vendors: Pick<VendorStore, 'exists'>,
) {
  const store = createContactStore(db.kysely);

  async function requireVendor(vendorId: string, trx?: Executor): Promise<void> {
    if (!(await vendors.exists(vendorId, trx))) throw new NotFound('Vendor', vendorId);
  }

  async function requireContact(vendorId: string, id: string, trx: Executor): Promise<Contact> {
    await requireVendor(vendorId, trx);
    const contact = await store.find(vendorId, id, trx);
    if (!contact) throw new NotFound('Contact', id);
    return contact;
  }

  return {
    async list(ctx: CallContext, vendorId: string): Promise<Contact[]> {
      authorize(ctx, ACCESS.read);
      await requireVendor(vendorId);
      return store.list(vendorId);
    },

    async create(ctx: CallContext, vendorId: string, input: ContactInput): Promise<Contact> {
      authorize(ctx, ACCESS.write);
      const contact: Contact = {
        id: randomUUID(),
        vendorId,
        ...input,
        createdAt: clock.now().toISOString(),
      };
      await db.kysely.transaction().execute(async (trx) => {
        await requireVendor(vendorId, trx);
        await store.insert(contact, trx);
        await audit.record(
          ctx,
          {
            action: 'vendors.contact.create',
            objectType: 'vendor_contact',
            objectId: contact.id,
            details: { vendorId, name: contact.name, role: contact.role },
          },
          trx,
        );
      });
      return contact;
    },

    async update(
      ctx: CallContext,
      vendorId: string,
      id: string,
      input: ContactInput,
    ): Promise<Contact> {
      authorize(ctx, ACCESS.write);
      return db.kysely.transaction().execute(async (trx) => {
        const current = await requireContact(vendorId, id, trx);
        const updated: Contact = { ...current, ...input };
        const changed = (['name', 'email', 'phone', 'role'] as const).filter(
          (field) => current[field] !== updated[field],
        );
        if (changed.length === 0) return current;
        await store.update(updated, trx);
        await audit.record(
          ctx,
          {
            action: 'vendors.contact.update',
            objectType: 'vendor_contact',
            objectId: id,
            details: { vendorId, changed },
          },
          trx,
        );
        return updated;
      });
    },

    async remove(ctx: CallContext, vendorId: string, id: string): Promise<void> {
      authorize(ctx, ACCESS.write);
      await db.kysely.transaction().execute(async (trx) => {
        const contact = await requireContact(vendorId, id, trx);
        await store.delete(vendorId, id, trx);
        await audit.record(
          ctx,
          {
            action: 'vendors.contact.delete',
            objectType: 'vendor_contact',
            objectId: id,
            details: { vendorId, name: contact.name },
          },
          trx,
        );
      });
    },
  };
}

export type ContactService = ReturnType<typeof createContactService>;

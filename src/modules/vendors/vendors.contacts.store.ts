import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { VendorContactsTable } from '../../db/schema.js';
import type { Contact } from './vendors.types.js';

export type ContactFields = Pick<Contact, 'name' | 'email' | 'phone' | 'role'>;

/** Every lookup is by vendor and contact together, so one vendor never reaches another's. */
export function createContactStore(db: Executor) {
  return {
    async list(vendorId: string, trx: Executor = db): Promise<Contact[]> {
      const rows = await trx
        .selectFrom('vendor_contacts')
        .selectAll()
        .where('vendor_id', '=', vendorId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toContact);
    },

    async find(vendorId: string, id: string, trx: Executor = db): Promise<Contact | undefined> {
      const row = await trx
        .selectFrom('vendor_contacts')
        .selectAll()
        .where('vendor_id', '=', vendorId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toContact(row);
    },

    async insert(contact: Contact, trx: Executor = db): Promise<void> {
      await trx
        .insertInto('vendor_contacts')
        .values({
          id: contact.id,
          vendor_id: contact.vendorId,
          name: contact.name,
          email: contact.email,
          phone: contact.phone,
          role: contact.role,
          created_at: contact.createdAt,
        })
        .execute();
    },

    async update(contact: Contact, trx: Executor = db): Promise<void> {
      await trx
        .updateTable('vendor_contacts')
        .set({ name: contact.name, email: contact.email, phone: contact.phone, role: contact.role })
        .where('vendor_id', '=', contact.vendorId)
        .where('id', '=', contact.id)
        .execute();
    },

    async delete(vendorId: string, id: string, trx: Executor = db): Promise<void> {
      await trx
        .deleteFrom('vendor_contacts')
        .where('vendor_id', '=', vendorId)
        .where('id', '=', id)
        .execute();
    },
  };
}

export type ContactStore = ReturnType<typeof createContactStore>;

function toContact(row: Selectable<VendorContactsTable>): Contact {
  return {
    id: row.id,
    vendorId: row.vendor_id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    role: row.role,
    createdAt: row.created_at,
  };
}

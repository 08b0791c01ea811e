import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type {
  DisclosureAttachmentsTable,
  DisclosureMessagesTable,
} from '../../db/schema.disclosure.js';

export type MessageRow = Selectable<DisclosureMessagesTable> & { author_name: string | null };
export type AttachmentRow = Selectable<DisclosureAttachmentsTable>;

/** A report's thread: messages (researcher, team, team-only notes) and attachments. */
export function createThreadStore(db: Executor) {
  return {
    /** Numbered under the caller's transaction, which also holds the report's row lock. */
    async insertMessage(message: Omit<Insertable<DisclosureMessagesTable>, 'seq'>, trx: Executor) {
      const last = await trx
        .selectFrom('disclosure_messages')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('report_id', '=', message.report_id)
        .executeTakeFirst();
      await trx
        .insertInto('disclosure_messages')
        .values({ ...message, seq: Number(last?.seq ?? 0) + 1 })
        .execute();
    },

    async insertAttachment(row: Insertable<DisclosureAttachmentsTable>, trx: Executor) {
      await trx.insertInto('disclosure_attachments').values(row).execute();
    },

    /** Team members are named by their display name; researchers never are. */
    async messages(reportId: string, trx: Executor = db): Promise<MessageRow[]> {
      return trx
        .selectFrom('disclosure_messages as m')
        .leftJoin('users as u', 'u.id', 'm.author_id')
        .selectAll('m')
        .select('u.display_name as author_name')
        .where('m.report_id', '=', reportId)
        .orderBy('m.seq')
        .execute();
    },

    async attachments(reportId: string, trx: Executor = db): Promise<AttachmentRow[]> {
      return trx
        .selectFrom('disclosure_attachments')
        .selectAll()
        .where('report_id', '=', reportId)
        .orderBy('created_at')
        .execute();
    },

    async countAttachments(reportId: string, trx: Executor = db): Promise<number> {
      const row = await trx
        .selectFrom('disclosure_attachments')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('report_id', '=', reportId)
        .executeTakeFirst();
      return Number(row?.count ?? 0);
    },

    /** Scoped to the report: an attachment id from another report is not found. */
    async findAttachment(reportId: string, id: string, trx: Executor = db) {
      return trx
        .selectFrom('disclosure_attachments')
        .selectAll()
        .where('report_id', '=', reportId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
  };
}

export type ThreadStore = ReturnType<typeof createThreadStore>;

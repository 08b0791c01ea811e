import type { Executor } from '../../db/database.js';
import type { OffboardingStep } from './vendors.types.js';

export interface CompletedStep {
  step: OffboardingStep;
  doneBy: string;
  doneAt: string;
  note: string;
}

export function createOffboardingStore(db: Executor) {
  return {
    async list(vendorId: string, trx: Executor = db): Promise<CompletedStep[]> {
      const rows = await trx
        .selectFrom('offboarding_steps')
        .selectAll()
        .where('vendor_id', '=', vendorId)
        .execute();
      return rows.map((row) => ({
        step: row.step as OffboardingStep,
        doneBy: row.done_by,
        doneAt: row.done_at,
        note: row.note,
      }));
    },

    async insert(vendorId: string, done: CompletedStep, trx: Executor = db): Promise<void> {
      await trx
        .insertInto('offboarding_steps')
        .values({
          vendor_id: vendorId,
          step: done.step,
          done_by: done.doneBy,
          done_at: done.doneAt,
          note: done.note,
        })
        .execute();
    },

    /** Forgets every completed step; returns how many there were. */
    async clear(vendorId: string, trx: Executor = db): Promise<number> {
      const result = await trx
        .deleteFrom('offboarding_steps')
        .where('vendor_id', '=', vendorId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type OffboardingStore = ReturnType<typeof createOffboardingStore>;

import type { z } from 'zod';
import { OFFBOARDING_STEPS, type offboardingChecklist } from '../../contracts/vendors.js';
import { Conflict, NotFound } from '../../lib/errors.js';
import { authorize, type CallContext } from '../../lib/principal.js';
import type { VendorDeps } from './vendors.deps.js';
import type { CompletedStep, OffboardingStore } from './vendors.offboarding.store.js';
import type { VendorStore } from './vendors.store.js';
import { ACCESS, actorName, type OffboardingStep } from './vendors.types.js';

export type OffboardingChecklist = z.infer<typeof offboardingChecklist>;

/** The steps still open, in checklist order; a vendor is offboarded only once none are. */
export function missingSteps(done: readonly CompletedStep[]): OffboardingStep[] {
  return OFFBOARDING_STEPS.filter((step) => !done.some((completed) => completed.step === step));
}

function checklistOf(done: readonly CompletedStep[]): OffboardingChecklist {
  return OFFBOARDING_STEPS.map((step) => {
    const completed = done.find((entry) => entry.step === step);
    return {
      step,
      doneBy: completed?.doneBy ?? null,
      doneAt: completed?.doneAt ?? null,
      note: completed?.note ?? '',
    };
  });
}

/**
 * The offboarding checklist. Steps are recorded while the vendor is `offboarding`; entering
 * that status starts a fresh checklist (see the vendor service), so steps from an earlier
 * offboarding never count for a later one.
 */
export function createOffboardingService(
  { db, clock, audit }: Pick<VendorDeps, 'db' | 'clock' | 'audit'>,
  stores: { vendors: Pick<VendorStore, 'exists' | 'findById'>; steps: OffboardingStore },
) {
  return {
    async checklist(ctx: CallContext, vendorId: string): Promise<OffboardingChecklist> {
      authorize(ctx, ACCESS.read);
      if (!(await stores.vendors.exists(vendorId))) throw new NotFound('Vendor', vendorId);
      return checklistOf(await stores.steps.list(vendorId));
    },

    async complete(
      ctx: CallContext,
      vendorId: string,
      step: OffboardingStep,
      input: { note: string },
    ): Promise<OffboardingChecklist> {
      authorize(ctx, ACCESS.write);
      return db.kysely.transaction().execute(async (trx) => {
        const vendor = await stores.vendors.findById(vendorId, trx);
        if (!vendor) throw new NotFound('Vendor', vendorId);
        if (vendor.status !== 'offboarding') {
          throw new Conflict(
            `Vendor '${vendor.legalName}' is ${vendor.status}; offboarding steps can be marked only while it is offboarding`,
          );
        }
        const done = await stores.steps.list(vendorId, trx);
        const previous = done.find((entry) => entry.step === step);
        if (previous) {
          throw new Conflict(
            `Step '${step}' was already marked done by ${previous.doneBy} at ${previous.doneAt}`,
          );
        }
        const completed: CompletedStep = {
          step,
          doneBy: actorName(ctx.principal),
          doneAt: clock.now().toISOString(),
          note: input.note,
        };
        await stores.steps.insert(vendorId, completed, trx);
        await audit.record(
          ctx,
          {
            action: 'vendors.offboarding.step',
            objectType: 'vendor',
            objectId: vendorId,
            details: { step, remaining: missingSteps([...done, completed]) },
          },
          trx,
        );
        return checklistOf([...done, completed]);
      });
    },
  };
}

export type OffboardingService = ReturnType<typeof createOffboardingService>;

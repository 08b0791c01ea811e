import type { CallContext } from '../../lib/principal.js';
import { NotFound } from '../../lib/errors.js';
import { authorize, principalUserId } from '../../lib/principal.js';
import type { BreachDeps } from './breach.deps.js';
import { BREACH_ACCESS } from './breach.access.js';
import type { CampaignStore, SuppressionRow } from './breach.campaigns.store.js';

/**
 * Addresses no campaign writes to (people who asked, role accounts, known traps), kept as the
 * customer directory's keyed email hash with a masked hint, so the list itself holds no
 * address. A campaign checks it while preparing; each change is audited.
 */
export function createSuppressionService(deps: BreachDeps & { campaigns: CampaignStore }) {
  const { campaigns } = deps;
  return {
    async list(ctx: CallContext) {
      authorize(ctx, BREACH_ACCESS.read);
      return (await campaigns.suppressions()).map(suppressionOf);
    },

    async add(ctx: CallContext, input: { email: string; reason: string }) {
      const principal = authorize(ctx, BREACH_ACCESS.write);
      const row: SuppressionRow = {
        email_index: await deps.contacts.emailIndex(ctx, input.email),
        hint: hintOf(input.email),
        reason: input.reason,
        added_by: principalUserId(principal),
        added_at: deps.clock.now().toISOString(),
      };
      await deps.db.kysely.transaction().execute(async (trx) => {
        if (await campaigns.suppress(row, trx))
          await deps.audit.record(
            ctx,
            {
              action: 'breach.suppression.added',
              objectType: 'breach_suppression',
              objectId: row.email_index,
            },
            trx,
          );
      });
      return suppressionOf(
        (await campaigns.suppressions()).find((s) => s.email_index === row.email_index)!,
      );
    },

    async remove(ctx: CallContext, id: string) {
      authorize(ctx, BREACH_ACCESS.write);
      await deps.db.kysely.transaction().execute(async (trx) => {
        if (!(await campaigns.unsuppress(id, trx))) throw new NotFound('Suppression', id);
        await deps.audit.record(
          ctx,
          { action: 'breach.suppression.removed', objectType: 'breach_suppression', objectId: id },
          trx,
        );
      });
    },
  };
}

/** `a…@example.com`: enough to recognise an entry, not enough to read an address from. */
function hintOf(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}…@${domain}`;
}

function suppressionOf(row: SuppressionRow) {
  return {
    id: row.email_index,
    hint: row.hint,
    reason: row.reason,
    addedBy: row.added_by,
    addedAt: row.added_at,
  };
}

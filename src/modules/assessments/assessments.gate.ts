import type { Db, Executor } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { createDecisionStore } from './assessments.decisions.store.js';

export interface GateVerdict {
  allowed: boolean;
  /** Why, in words a reviewer can act on. */
  reason: string;
  decisionId: string | null;
}

/**
 * Whether an integration may go live: the decision in force for it (its own, or its vendor's
 * as a whole, whichever is newer) must be an approval, or a risk acceptance that has not
 * expired. Only the database is needed, so the vendors module can ask without depending on
 * the assessments services.
 */
export function createApprovalGate({ db, clock }: { db: Db; clock: Clock }) {
  const decisions = createDecisionStore(db.kysely);
  return {
    async check(
      vendorId: string,
      integrationId: string | null,
      trx: Executor = db.kysely,
    ): Promise<GateVerdict> {
      const decision = await decisions.latestFor(vendorId, integrationId, trx);
      if (!decision)
        return {
          allowed: false,
          reason: 'it has no approved assessment and no unexpired risk acceptance',
          decisionId: null,
        };
      const today = clock.now().toISOString().slice(0, 10);
      const day = decision.decidedAt.slice(0, 10);
      switch (decision.outcome) {
        case 'approve':
        case 'approve_with_conditions':
          return { allowed: true, reason: `approved on ${day}`, decisionId: decision.id };
        case 'reject':
          return {
            allowed: false,
            reason: `its assessment was rejected on ${day}`,
            decisionId: decision.id,
          };
        case 'risk_acceptance':
          return decision.expiresOn! >= today
            ? {
                allowed: true,
                reason: `risk accepted until ${decision.expiresOn}`,
                decisionId: decision.id,
              }
            : {
                allowed: false,
                reason: `its risk acceptance expired on ${decision.expiresOn}`,
                decisionId: decision.id,
              };
      }
    },
  };
}

export type ApprovalGate = ReturnType<typeof createApprovalGate>;

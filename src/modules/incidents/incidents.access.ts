import { NotFound } from '../../lib/errors.js';
import type { Executor } from '../../db/database.js';
import {
  authorize,
  principalUserId,
  roleAtLeast,
  type CallContext,
  type Principal,
  type Requirement,
} from '../../lib/principal.js';
import type { IncidentRow, IncidentStore } from './incidents.store.js';

/** Who may do what in incident response; routes declare these and services check them again. */
export const ACCESS = {
  read: { role: 'viewer', scope: 'read' },
  write: { role: 'analyst', scope: 'write' },
} as const satisfies Record<string, Requirement>;

/** The user a listing is filtered for; null for system callers, who see every incident. */
export function viewerOf(principal: Principal): string | null {
  return principal.kind === 'system' ? null : principalUserId(principal);
}

/**
 * Loads an incident the caller may see, or answers 404 as if it did not exist. A restricted
 * incident is seen only by its owner and members, whatever their role: an incident about an
 * insider must be hideable from admins too.
 */
export function createIncidentAccess(store: IncidentStore) {
  async function load(
    ctx: CallContext,
    id: string,
    requirement: Requirement,
    trx?: Executor,
  ): Promise<{ row: IncidentRow; principal: Principal }> {
    const principal = authorize(ctx, requirement);
    const row = await store.get(id, trx);
    if (!row || !(await canSee(principal, row, trx))) throw new NotFound('Incident', id);
    return { row, principal };
  }

  async function canSee(principal: Principal, row: IncidentRow, trx?: Executor) {
    const user = viewerOf(principal);
    if (!row.restricted || user === null || row.owner_id === user) return true;
    return store.isMember(row.id, user, trx);
  }

  return {
    load,

    /** Which of these incidents the caller may see, in one query: the rule `load` applies. */
    async visibleAmong(ctx: CallContext, ids: string[]): Promise<ReadonlySet<string>> {
      if (!ctx.principal) return new Set();
      const user = viewerOf(ctx.principal);
      return new Set(user === null ? ids : await store.visibleAmong([...new Set(ids)], user));
    },
    /**
     * Members, ownership and restriction are the owner's to change, or an admin's on an
     * incident they can see.
     */
    canManage(principal: Principal, row: IncidentRow): boolean {
      if (principal.kind === 'system') return true;
      return row.owner_id === principalUserId(principal) || roleAtLeast(principal.role, 'admin');
    },
  };
}

export type IncidentAccess = ReturnType<typeof createIncidentAccess>;

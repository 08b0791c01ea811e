import { trustSettingsInput, type TrustSettingsInput } from '../../contracts/trust.js';
import { createSettingsStore } from '../../db/settings.store.js';
import { authorize, principalUserId, type CallContext } from '../../lib/principal.js';
import type { TrustParts } from './trust.deps.js';
import { ACCESS, type TrustSettings } from './trust.types.js';

const SETTING = 'trust.settings';

/** Theme, notice period and link lifetime; defaults until an admin saves them. */
export function createTrustSettingsService(parts: TrustParts) {
  const settings = createSettingsStore(parts.db.kysely);

  return {
    /** For pages and jobs: no caller, nothing secret in it. */
    async current(): Promise<TrustSettings> {
      const row = await settings.get(SETTING);
      const defaults = trustSettingsInput.parse({ shopName: parts.config.shopName });
      if (!row) return { ...defaults, updatedAt: null };
      const stored = trustSettingsInput.safeParse(JSON.parse(row.value));
      return { ...(stored.success ? stored.data : defaults), updatedAt: row.updated_at };
    },

    async get(ctx: CallContext): Promise<TrustSettings> {
      authorize(ctx, ACCESS.staff);
      return this.current();
    },

    async update(ctx: CallContext, input: TrustSettingsInput): Promise<TrustSettings> {
      authorize(ctx, ACCESS.admin);
      const now = parts.clock.now().toISOString();
      await parts.db.kysely.transaction().execute(async (trx) => {
        await settings.put(
          SETTING,
          JSON.stringify(input),
          now,
          principalUserId(ctx.principal),
          trx,
        );
        await parts.store.bumpVersion(trx);
        await parts.audit.record(
          ctx,
          {
            action: 'trust.settings.updated',
            objectType: 'settings',
            objectId: SETTING,
            details: { noticeDays: input.noticeDays, linkDays: input.linkDays },
          },
          trx,
        );
      });
      parts.changed();
      return this.current();
    },
  };
}

export type TrustSettingsService = ReturnType<typeof createTrustSettingsService>;

import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  detectionSettings,
  type DetectionSettings,
  type Suppression,
  type suppressionInput,
} from '../../contracts/detection.js';
import { NotFound, ValidationError } from '../../lib/errors.js';
import { authorize, principalUserId, type CallContext } from '../../lib/principal.js';
import { emailIndexOf } from '../datamap/datamap.customers.pii.js';
import type { AlertStore, SuppressionRow } from './detection.alerts.store.js';
import { parseCidr } from './detection.cidr.js';
import type { DetectionDeps } from './detection.deps.js';
import { ACCESS } from './detection.access.js';

/** Detector thresholds (admin) and suppression rules (analysts). */
export function createDetectionSettingsService(
  deps: Pick<DetectionDeps, 'db' | 'clock' | 'audit'> & {
    store: AlertStore;
    accountKey: () => Promise<Buffer>;
    /** Called after the thresholds change, so detectors restart with them. */
    onSettingsChanged: () => Promise<void>;
  },
) {
  let cached: DetectionSettings | null = null;

  async function current(): Promise<DetectionSettings> {
    if (cached) return cached;
    const row = await deps.store.settings();
    // Stored settings are re-read through the schema, so defaults added later fill in.
    cached = detectionSettings.parse(row ? JSON.parse(row.settings) : {});
    return cached;
  }

  return {
    current,

    async get(ctx: CallContext): Promise<DetectionSettings> {
      authorize(ctx, ACCESS.read);
      return current();
    },

    async update(ctx: CallContext, input: DetectionSettings): Promise<DetectionSettings> {
      const principal = authorize(ctx, ACCESS.admin);
      const now = deps.clock.now().toISOString();
      await deps.db.kysely.transaction().execute(async (trx) => {
        await deps.store.saveSettings(JSON.stringify(input), principalUserId(principal), now, trx);
        await deps.audit.record(
          ctx,
          { action: 'detection.settings.update', details: { settings: input } },
          trx,
        );
      });
      cached = input;
      await deps.onSettingsChanged();
      return input;
    },

    async suppressions(ctx: CallContext): Promise<Suppression[]> {
      authorize(ctx, ACCESS.read);
      return (await deps.store.allSuppressions()).map(toSuppression);
    },

    async suppress(
      ctx: CallContext,
      input: z.output<typeof suppressionInput>,
    ): Promise<Suppression> {
      const principal = authorize(ctx, ACCESS.write);
      let value = input.value ?? null;
      if (input.subject === 'cidr' && (value === null || !parseCidr(value)))
        throw ValidationError.forField('value', 'must be an IP address or CIDR range');
      // Accounts are matched by their keyed hash, like everything detection stores.
      if (input.subject === 'account' && value !== null)
        value = emailIndexOf(await deps.accountKey(), value);
      if (input.subject === 'all') value = null;
      const now = deps.clock.now().toISOString();
      const row: SuppressionRow = {
        id: randomUUID(),
        detector: input.detector ?? null,
        subject: input.subject,
        value,
        reason: input.reason,
        expires_at: input.expiresAt ?? null,
        hits: 0,
        created_by: principalUserId(principal),
        created_at: now,
        removed_at: null,
      };
      await deps.db.kysely.transaction().execute(async (trx) => {
        await deps.store.insertSuppression(row, trx);
        await deps.audit.record(
          ctx,
          {
            action: 'detection.suppression.create',
            objectType: 'detection_suppression',
            objectId: row.id,
            details: { detector: row.detector, subject: row.subject, expiresAt: row.expires_at },
          },
          trx,
        );
      });
      return toSuppression(row);
    },

    async unsuppress(ctx: CallContext, id: string): Promise<void> {
      authorize(ctx, ACCESS.write);
      const row = await deps.store.getSuppression(id);
      if (!row || row.removed_at) throw new NotFound('Suppression', id);
      const now = deps.clock.now().toISOString();
      await deps.db.kysely.transaction().execute(async (trx) => {
        await deps.store.removeSuppression(id, now, trx);
        await deps.audit.record(
          ctx,
          {
            action: 'detection.suppression.remove',
            objectType: 'detection_suppression',
            objectId: id,
          },
          trx,
        );
      });
    },
  };
}

function toSuppression(row: SuppressionRow): Suppression {
  return {
    id: row.id,
    detector: row.detector as Suppression['detector'],
    subject: row.subject as Suppression['subject'],
    value: row.value,
    reason: row.reason,
    expiresAt: row.expires_at,
    hits: row.hits,
    createdAt: row.created_at,
    removedAt: row.removed_at,
  };
}

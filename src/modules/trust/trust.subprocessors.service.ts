import { randomUUID } from 'node:crypto';
import type { ScheduleSubprocessorInput } from '../../contracts/trust.js';
import type { Executor } from '../../db/database.js';
import { Conflict, Forbidden, NotFound, ValidationError } from '../../lib/errors.js';
import { authorize, systemContext, type CallContext } from '../../lib/principal.js';
import type { VendorSummary } from '../vendors/vendors.types.js';
import type { Announcer } from './trust.announce.js';
import type { TrustParts } from './trust.deps.js';
import type { TrustSettingsService } from './trust.settings.service.js';
import { toChange, toSubprocessor, type SubprocessorRow } from './trust.subprocessors.store.js';
import { ACCESS, dateAfter, ENGAGED_STATUSES, type SubprocessorChange } from './trust.types.js';

const regions = new Intl.DisplayNames(['en'], { type: 'region' });
const SYNC = systemContext('trust.subprocessors');

/** What the public sees of a vendor; any difference from what was published is a change. */
interface PublicFacts {
  name: string;
  purpose: string;
  categories: string[];
  location: string;
}
const FACT_LABELS: Record<keyof PublicFacts, string> = {
  name: 'name',
  purpose: 'purpose',
  categories: 'data categories',
  location: 'location',
};

/**
 * The public subprocessor list, derived from vendors. A vendor enters it only by being
 * scheduled (announced at least `noticeDays` ahead); the daily job moves due entries to the
 * current list and diffs the published facts against the vendors now, logging every change.
 */
export function createSubprocessorService(
  parts: TrustParts,
  settings: TrustSettingsService,
  announcer: Announcer,
) {
  const { subprocessorStore: store, clock } = parts;

  async function factsOf(vendor: VendorSummary, override: string | null): Promise<PublicFacts> {
    const index = await parts.categories.index();
    return {
      name: vendor.tradingName ?? vendor.legalName,
      purpose: override ?? (vendor.services.trim() || 'Not stated'),
      categories: vendor.categories.map((key) => index.byKey.get(key)?.name ?? key),
      location: vendor.country ? (regions.of(vendor.country) ?? vendor.country) : 'Not stated',
    };
  }

  const stored = (facts: PublicFacts) => ({
    ...facts,
    categories: JSON.stringify(facts.categories),
  });

  /** One change: the row moves, the log grows, subscribers are told, caches drop. */
  async function change(
    ctx: CallContext,
    row: { id: string; name: string },
    kind: SubprocessorChange['kind'],
    summary: string,
    work: (trx: Executor) => Promise<boolean>,
  ): Promise<boolean> {
    const changeId = randomUUID();
    const done = await parts.db.kysely.transaction().execute(async (trx) => {
      if (!(await work(trx))) return false;
      const at = clock.now().toISOString();
      await store.logChange(
        { id: changeId, subprocessor_id: row.id, kind, name: row.name, summary, at },
        trx,
      );
      await parts.store.bumpVersion(trx);
      await announcer.enqueue('subprocessor_change', changeId, trx);
      await parts.audit.record(
        ctx,
        {
          action: `trust.subprocessor.${kind}`,
          objectType: 'trust_subprocessor',
          objectId: row.id,
        },
        trx,
      );
      return true;
    });
    if (done) parts.changed();
    return done;
  }

  async function engagedVendors(): Promise<Map<string, VendorSummary>> {
    const vendors = new Map<string, VendorSummary>();
    for (const status of ENGAGED_STATUSES)
      for (let offset = 0; ; offset += 500) {
        const page = await parts.vendors.list(SYNC, { status, limit: 500, offset });
        for (const vendor of page.items) vendors.set(vendor.id, vendor);
        if (page.items.length < 500) break;
      }
    return vendors;
  }

  function differences(row: SubprocessorRow, facts: PublicFacts): (keyof PublicFacts)[] {
    const before = toSubprocessor(row);
    return (Object.keys(FACT_LABELS) as (keyof PublicFacts)[]).filter(
      (key) => JSON.stringify(before[key]) !== JSON.stringify(facts[key]),
    );
  }

  return {
    async schedule(ctx: CallContext, input: ScheduleSubprocessorInput) {
      authorize(ctx, ACCESS.staff);
      const { noticeDays } = await settings.current();
      const earliest = dateAfter(clock.now(), noticeDays);
      if (input.goLiveOn < earliest)
        throw ValidationError.forField(
          'body.goLiveOn',
          `must give subscribers ${noticeDays} days' notice: ${earliest} or later`,
        );
      const vendor = await parts.vendors.get(ctx, input.vendorId);
      if (vendor.status !== 'approved' && vendor.status !== 'active')
        throw ValidationError.forField(
          'body.vendorId',
          `vendor '${vendor.legalName}' is ${vendor.status}; only approved or active vendors can be announced`,
        );
      const existing = await store.findByVendor(vendor.id);
      if (existing && existing.state !== 'removed')
        throw new Conflict(
          `'${existing.name}' is already ${existing.state} on the subprocessor list`,
        );
      const override = input.purpose ?? null;
      const facts = await factsOf(vendor, override);
      const at = clock.now().toISOString();
      const fields = {
        ...stored(facts),
        purpose_override: override,
        state: 'upcoming',
        go_live_on: input.goLiveOn,
        announced_at: at,
        live_since: null,
        removed_at: null,
        updated_at: at,
      };
      const id = existing?.id ?? randomUUID();
      const summary = `${facts.name} will process data (${facts.categories.join(', ') || 'no personal data'}) for: ${facts.purpose}; from ${input.goLiveOn}, located in ${facts.location}`;
      await change(ctx, { id, name: facts.name }, 'announced', summary, async (trx) => {
        if (existing) return store.move(id, 'removed', fields, trx);
        await store.insert({ id, vendor_id: vendor.id, created_at: at, ...fields }, trx);
        return true;
      });
      return toSubprocessor((await store.find(id))!);
    },

    /**
     * Imports a subprocessor the shop had already published before using Cordon, live since
     * `liveSince`, without notice (the notice was given back then). System callers only.
     */
    async importPublished(ctx: CallContext, vendorId: string, liveSince: string) {
      if (ctx.principal?.kind !== 'system') throw new Forbidden('Only an import may do this');
      if (await store.findByVendor(vendorId)) return;
      const vendor = await parts.vendors.get(ctx, vendorId);
      const facts = await factsOf(vendor, null);
      const id = randomUUID();
      const at = clock.now().toISOString();
      await parts.db.kysely.transaction().execute(async (trx) => {
        await store.insert(
          {
            id,
            vendor_id: vendorId,
            ...stored(facts),
            purpose_override: null,
            state: 'current',
            go_live_on: liveSince.slice(0, 10),
            announced_at: null,
            live_since: liveSince,
            removed_at: null,
            created_at: at,
            updated_at: at,
          },
          trx,
        );
        await store.logChange(
          {
            id: randomUUID(),
            subprocessor_id: id,
            kind: 'added',
            name: facts.name,
            summary: `${facts.name} is a subprocessor`,
            at: liveSince,
          },
          trx,
        );
        await parts.store.bumpVersion(trx);
        await parts.audit.record(
          ctx,
          { action: 'trust.subprocessor.imported', objectType: 'trust_subprocessor', objectId: id },
          trx,
        );
      });
      parts.changed();
    },

    /** Withdraws an announcement before its go-live date. */
    async cancel(ctx: CallContext, id: string) {
      authorize(ctx, ACCESS.staff);
      const row = await store.find(id);
      if (!row) throw new NotFound('Subprocessor', id);
      const at = clock.now().toISOString();
      const moved = await change(
        ctx,
        row,
        'withdrawn',
        `${row.name} will not become a subprocessor after all`,
        (trx) =>
          store.move(id, 'upcoming', { state: 'removed', removed_at: at, updated_at: at }, trx),
      );
      if (!moved)
        throw new Conflict(`'${row.name}' is ${row.state}; only upcoming entries can be withdrawn`);
      return toSubprocessor((await store.find(id))!);
    },

    /**
     * The daily job (idempotent): due entries go live, then every published entry is compared
     * with its vendor now; a vendor no longer engaged is removed, changed facts are logged.
     */
    async refresh(ctx: CallContext = SYNC) {
      authorize(ctx, ACCESS.staff);
      const result = { promoted: 0, changed: 0, removed: 0 };
      const today = clock.now().toISOString().slice(0, 10);
      for (const row of await store.due(today)) {
        const at = clock.now().toISOString();
        if (
          await change(ctx, row, 'added', `${row.name} is now a subprocessor`, (trx) =>
            store.move(
              row.id,
              'upcoming',
              { state: 'current', live_since: at, updated_at: at },
              trx,
            ),
          )
        )
          result.promoted += 1;
      }
      const vendors = await engagedVendors();
      for (const row of await store.all()) {
        if (row.state === 'removed') continue;
        const vendor = vendors.get(row.vendor_id);
        const at = clock.now().toISOString();
        if (!vendor) {
          const kind = row.state === 'upcoming' ? 'withdrawn' : 'removed';
          const summary = `${row.name} is no longer ${kind === 'removed' ? 'a subprocessor' : 'planned as a subprocessor'}`;
          if (
            await change(ctx, row, kind, summary, (trx) =>
              store.move(
                row.id,
                row.state,
                { state: 'removed', removed_at: at, updated_at: at },
                trx,
              ),
            )
          )
            result.removed += 1;
          continue;
        }
        const facts = await factsOf(vendor, row.purpose_override);
        const changed = differences(row, facts);
        if (changed.length === 0) continue;
        const summary = `${facts.name}: ${changed.map((key) => FACT_LABELS[key]).join(', ')} changed`;
        if (
          await change(ctx, { id: row.id, name: facts.name }, 'changed', summary, (trx) =>
            store.move(row.id, row.state, { ...stored(facts), updated_at: at }, trx),
          )
        )
          result.changed += 1;
      }
      return result;
    },

    async overview(ctx: CallContext) {
      authorize(ctx, ACCESS.staff);
      const rows = await store.all();
      const listed = new Set(rows.filter((r) => r.state !== 'removed').map((r) => r.vendor_id));
      const active = await parts.vendors.list(ctx, { status: 'active', limit: 500, offset: 0 });
      return {
        items: rows.map(toSubprocessor),
        unannounced: active.items
          .filter((vendor) => !listed.has(vendor.id))
          .map((vendor) => ({ vendorId: vendor.id, name: vendor.tradingName ?? vendor.legalName })),
      };
    },

    async publicList() {
      const [current, upcoming, changes] = await Promise.all([
        store.inState('current'),
        store.inState('upcoming'),
        store.changes(200),
      ]);
      return {
        current: current.map(toSubprocessor),
        upcoming: upcoming
          .map(toSubprocessor)
          .sort((a, b) => a.goLiveOn!.localeCompare(b.goLiveOn!)),
        changes: changes.map(toChange),
      };
    },
  };
}

export type SubprocessorService = ReturnType<typeof createSubprocessorService>;

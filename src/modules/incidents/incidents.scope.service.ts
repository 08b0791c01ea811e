import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ScopeSnapshot } from '../../contracts/incidents.js';
import { createBlobStore } from '../../lib/blob-store.js';
import { NotFound, ValidationError } from '../../lib/errors.js';
import { principalUserId, type CallContext } from '../../lib/principal.js';
import { ACCESS } from './incidents.access.js';
import type { IncidentDeps } from './incidents.deps.js';
import type { SnapshotRow, SnapshotStore } from './incidents.scope.store.js';
import type { IncidentService, IncidentServiceDeps } from './incidents.service.js';
import { withTakeovers } from './incidents.scope.merge.js';
import { currentTriggers, triggerAt } from './incidents.triggers.js';

/**
 * The breach's scope: every customer whose data reached the incident's linked vendors and
 * integrations within its exposure window, counted by jurisdiction and category combination
 * (what notification law asks) and kept as an exact set, by hash, beside the inputs that made
 * it. Each snapshot is compared with the one before, so a rerun shows what changed.
 */
export function createScopeService(
  deps: IncidentServiceDeps &
    Pick<IncidentDeps, 'scope' | 'alerts'> & {
      snapshots: SnapshotStore;
      incidents: Pick<IncidentService, 'changeReturning'>;
    },
) {
  const { store, access, snapshots, timeline } = deps;
  const blobs = createBlobStore(deps.db.kysely, deps.clock);

  /** Customers whose accounts the alerts say were taken over: their data was seen. */
  async function takenOver(alertIds: string[]): Promise<string[]> {
    return (alertIds.length ? await deps.alerts.accounts(alertIds) : [])
      .filter((account) => account.reason === 'taken_over' && account.customerId !== null)
      .map((account) => account.customerId!);
  }

  /** The refs of a stored set, one a line. */
  async function readSet(sha256: string): Promise<string[]> {
    const blob = await blobs.get(sha256);
    if (!blob) return [];
    const text = gunzipSync(blob.content).toString('utf8');
    return text === '' ? [] : text.slice(0, -1).split('\n');
  }

  return {
    members,

    async list(ctx: CallContext, id: string): Promise<ScopeSnapshot[]> {
      await access.load(ctx, id, ACCESS.read);
      return (await snapshots.list(id)).map(snapshotOf);
    },

    async take(ctx: CallContext, id: string): Promise<ScopeSnapshot> {
      await access.load(ctx, id, ACCESS.write);
      const links = await store.links(id);
      const targets = {
        vendorIds: links.filter((l) => l.kind === 'vendor').map((l) => l.target_id),
        integrationIds: links.filter((l) => l.kind === 'integration').map((l) => l.target_id),
      };
      const alertIds = links.filter((l) => l.kind === 'alert').map((l) => l.target_id);
      if (targets.vendorIds.length + targets.integrationIds.length + alertIds.length === 0)
        throw ValidationError.forField(
          'links',
          'link the vendors, integrations or alerts the breach went through first',
        );
      const triggers = currentTriggers(await store.triggers(id));
      const from = triggerAt(triggers, 'exposure_from');
      if (!from)
        throw ValidationError.forField(
          'exposure_from',
          "set the start of the exposure window (the trigger time 'exposure_from') first",
        );
      // An exposure still open runs to now; the snapshot records the end it used.
      const window = {
        from,
        to: triggerAt(triggers, 'exposure_to') ?? deps.clock.now().toISOString(),
      };
      const scope = await deps.scope.scope(ctx, targets, window);
      const vendorRefs: string[] = [];
      for await (const page of scope.refs()) for (const ref of page) vendorRefs.push(ref);
      const victims = await takenOver(alertIds);
      const { counts, refs } = withTakeovers(
        { ...scope, groups: scope.groups.map((group) => ({ ...group, via: 'vendor' as const })) },
        vendorRefs,
        victims,
        victims.length ? await deps.scope.jurisdictionsOf(ctx, victims) : new Map(),
        victims.length ? await scope.categoriesOf(victims) : new Map(),
      );
      const setBytes = gzipSync(refs.length === 0 ? '' : `${refs.join('\n')}\n`);
      const previous = await snapshots.latest(id);
      const change = previous ? await compare(previous, refs) : null;
      const inputs = {
        ...targets,
        alertIds,
        takenOverAccounts: victims.length,
        paths: scope.paths,
      };
      return deps.incidents.changeReturning(ctx, id, async (_row, principal, trx, now) => {
        const setSha256 = await blobs.put(setBytes, 'application/gzip', trx);
        const row: SnapshotRow = {
          id: randomUUID(),
          incident_id: id,
          window_from: window.from,
          window_to: window.to,
          inputs: JSON.stringify(inputs),
          summary: JSON.stringify({ ...counts, change }),
          customers: counts.customers,
          set_sha256: setSha256,
          taken_by: principalUserId(principal),
          taken_at: now,
          timeline_seq: await timeline.nextSeq(trx, id),
        };
        await snapshots.insert(row, trx);
        return {
          action: 'incident.scope.snapshot',
          entry: {
            kind: 'scope_snapshot',
            body: {
              snapshotId: row.id,
              window,
              customers: counts.customers,
              setSha256,
              change,
              byJurisdiction: counts.byJurisdiction.slice(0, 20),
            },
          },
          details: { snapshotId: row.id, customers: counts.customers },
          value: snapshotOf(row),
        };
      });
    },
  };

  /**
   * Who exactly is in one snapshot, a page at a time in the set's order: each member's place
   * and what reached them, the way the snapshot's groups were counted (a taken-over account
   * is `account_takeover` with whatever the vendors also received of theirs). What reached
   * them is read from the ledger now, over the snapshot's own targets and window.
   */
  async function* members(
    ctx: CallContext,
    id: string,
    snapshotId: string,
    options: { from?: number; pageSize?: number } = {},
  ): AsyncGenerator<ScopeMember[]> {
    await access.load(ctx, id, ACCESS.read);
    const row = await snapshots.get(id, snapshotId);
    if (!row) throw new NotFound('Scope snapshot', snapshotId);
    const inputs = JSON.parse(row.inputs) as ScopeSnapshot['inputs'];
    const scope = await deps.scope.scope(
      ctx,
      { vendorIds: inputs.vendorIds, integrationIds: inputs.integrationIds },
      { from: row.window_from, to: row.window_to },
    );
    const victims = new Set(await takenOver(inputs.alertIds));
    const refs = await readSet(row.set_sha256);
    const size = options.pageSize ?? MEMBER_PAGE;
    for (let start = options.from ?? 0; start < refs.length; start += size) {
      const page = refs.slice(start, start + size);
      const [places, reached] = await Promise.all([
        deps.scope.jurisdictionsOf(ctx, page),
        scope.categoriesOf(page),
      ]);
      yield page.map((ref) => {
        const place = places.get(ref);
        return {
          ref,
          country: place?.country ?? null,
          region: place?.region ?? null,
          known: place !== undefined,
          categories: reached.get(ref) ?? [],
          via: victims.has(ref) ? ('account_takeover' as const) : ('vendor' as const),
        };
      });
    }
  }

  async function compare(previous: SnapshotRow, refs: readonly string[]) {
    const before = new Set(await readSet(previous.set_sha256));
    let added = 0;
    for (const ref of refs) if (!before.delete(ref)) added++;
    return {
      previousId: previous.id,
      added,
      removed: before.size,
      customers: refs.length - Number(previous.customers),
    };
  }
}

export type ScopeService = ReturnType<typeof createScopeService>;

/** One person in a snapshot: where they live and what of theirs was exposed, and how. */
export type ScopeMember = Pick<
  ScopeSnapshot['groups'][number],
  'country' | 'region' | 'known' | 'categories' | 'via'
> & { ref: string };

const MEMBER_PAGE = 2000;

function snapshotOf(row: SnapshotRow): ScopeSnapshot {
  const summary = JSON.parse(row.summary) as Pick<
    ScopeSnapshot,
    'customers' | 'unknownCustomers' | 'byCategory' | 'byJurisdiction' | 'groups' | 'change'
  >;
  return {
    id: row.id,
    incidentId: row.incident_id,
    window: { from: row.window_from, to: row.window_to },
    inputs: JSON.parse(row.inputs) as ScopeSnapshot['inputs'],
    ...summary,
    customers: Number(row.customers),
    setSha256: row.set_sha256,
    takenBy: row.taken_by,
    takenAt: row.taken_at,
    timelineSeq: Number(row.timeline_seq),
  };
}

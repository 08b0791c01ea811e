import type { Executor } from '../../db/database.js';
import type { AdvisoryStore } from './exposure.advisories.store.js';
import type { ComponentStore } from './exposure.components.store.js';
import { createMatchEngine } from './exposure.engine.js';
import type { FindingStore } from './exposure.findings.store.js';
import { createReconciler, type ReconcileResult } from './exposure.reconcile.js';
import { type ComponentOrigin, type ComponentRow } from './exposure.types.js';
import { chunked } from '../../lib/chunks.js';
import type { createVexStore } from './exposure.vex.store.js';

/** Advisories re-matched per round: bounds the components and findings held at once. */
const ADVISORY_ROUND = 1000;

const merge = (into: ReconcileResult, from: ReconcileResult): ReconcileResult => ({
  raised: [...into.raised, ...from.raised],
  opened: into.opened + from.opened,
  closed: into.closed + from.closed,
});

/**
 * The two directions of the index. An SBOM re-matches only its own scope, looking up the
 * packages it names; a batch of new or changed advisories re-matches only the components
 * that name their packages. Neither rescans the other side.
 */
export function createRematcher(deps: {
  advisories: AdvisoryStore;
  components: ComponentStore;
  findings: FindingStore;
  vex: ReturnType<typeof createVexStore>;
}) {
  const engine = createMatchEngine(deps.advisories);
  const reconciler = createReconciler(deps);

  /** What these advisories affect, found through the component index alone. */
  async function affectedBy(keys: readonly string[], trx: Executor) {
    const index = await deps.advisories.indexKeysOf(keys, trx);
    const components = new Map<string, ComponentRow>();
    for (const row of await deps.components.byPackages(index.packages, trx))
      components.set(row.id, row);
    for (const row of await deps.components.byCpeProducts(index.cpes, trx))
      components.set(row.id, row);
    return engine.match([...components.values()], trx, new Set(keys));
  }

  return {
    affectedBy,

    async scope(
      scopeKey: string,
      origin: ComponentOrigin,
      components: readonly ComponentRow[],
      goneReason: string,
      now: string,
      trx: Executor,
    ): Promise<ReconcileResult> {
      const [universe, desired] = await Promise.all([
        deps.findings.forScope(scopeKey, origin, trx),
        engine.match(components, trx),
      ]);
      return reconciler.apply(universe, desired, { status: 'fixed', reason: goneReason }, now, trx);
    },

    async advisories(
      keys: readonly string[],
      now: string,
      trx: Executor,
    ): Promise<ReconcileResult> {
      let result: ReconcileResult = { raised: [], opened: 0, closed: 0 };
      for (const round of chunked([...new Set(keys)], ADVISORY_ROUND)) {
        const universe = await deps.findings.forAdvisories(round, trx);
        const desired = await affectedBy(round, trx);
        result = merge(
          result,
          await reconciler.apply(
            universe,
            desired,
            {
              status: 'not_affected',
              reason: 'the advisory no longer covers this version (withdrawn or corrected)',
            },
            now,
            trx,
          ),
        );
      }
      return result;
    },
  };
}

export type Rematcher = ReturnType<typeof createRematcher>;

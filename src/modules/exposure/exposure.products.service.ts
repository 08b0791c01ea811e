import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/database.js';
import type { Component, DeclaredProductInput } from '../../contracts/exposure.js';
import { sanitizeFileName, type UploadedFile } from '../../lib/blob-store.js';
import { Conflict, NotFound, ValidationError } from '../../lib/errors.js';
import { authorize, principalUserId, type CallContext } from '../../lib/principal.js';
import { requireVendorName } from '../vendors/vendors.relations.lookup.js';
import type { Alerter } from './exposure.alerts.js';
import { declaredComponentRow } from './exposure.components.js';
import type { NamedProduct } from './exposure.identifiers.js';
import { toComponent, type ComponentStore } from './exposure.components.store.js';
import type { ExposureDeps } from './exposure.deps.js';
import type { FindingStore } from './exposure.findings.store.js';
import type { Rematcher } from './exposure.rematch.js';
import { cpeProblem } from './exposure.cpe.js';
import { purlProblem } from './exposure.sbom.js';
import type { createSbomStore } from './exposure.sboms.store.js';
import { ACCESS, scopeOf, type ComponentOrigin } from './exposure.types.js';
import { vexClaims } from './exposure.vex.match.js';
import { parseVex } from './exposure.vex.js';
import type { createVexStore, VexRow } from './exposure.vex.store.js';

/**
 * Declared products (what a vendor says it runs, by CPE or PURL), the component list, and
 * VEX statements. Each change re-matches the scopes it touches, in the same transaction.
 */
export function createProductService(
  deps: Pick<ExposureDeps, 'db' | 'clock' | 'audit'> & {
    components: ComponentStore;
    sboms: Pick<ReturnType<typeof createSbomStore>, 'integrationBelongs'>;
    vex: ReturnType<typeof createVexStore>;
    findings: Pick<FindingStore, 'openCount'>;
    rematch: Rematcher;
    alerter: Alerter;
  },
) {
  const { db, clock, audit, components } = deps;

  async function rematchScope(
    scopeKey: string,
    origin: ComponentOrigin,
    reason: string,
    now: string,
    trx: Executor,
  ) {
    const current = await components.inScope(scopeKey, origin, trx);
    const result = await deps.rematch.scope(scopeKey, origin, current, reason, now, trx);
    return { ...result, alerts: await deps.alerter.raise(result.raised, trx) };
  }

  /**
   * Declares products (one typed in, or all those named in questionnaire answers): those not
   * declared in the scope yet are added, in one transaction, and the scope is re-matched once.
   */
  async function declareNamed(
    ctx: CallContext,
    target: { vendorId: string; integrationId: string | null },
    products: readonly NamedProduct[],
  ): Promise<{ declared: Component[]; findingsOpened: number }> {
    authorize(ctx, ACCESS.write);
    const now = clock.now().toISOString();
    const { scopeKey } = scopeOf(target.vendorId, target.integrationId);
    const { rows, result } = await db.kysely.transaction().execute(async (trx) => {
      await requireVendorName(trx, target.vendorId);
      if (
        target.integrationId &&
        !(await deps.sboms.integrationBelongs(target.vendorId, target.integrationId, trx))
      )
        throw new NotFound('Integration', target.integrationId);
      const existing = new Set(
        (await components.inScope(scopeKey, 'declared', trx)).map((row) => row.component_key),
      );
      const rows = [];
      for (const product of products) {
        const row = declaredComponentRow({ ...target, ...product }, now);
        if (existing.has(row.component_key)) continue;
        existing.add(row.component_key);
        await components.insertDeclared(row, trx);
        rows.push(row);
      }
      const result = await rematchScope(
        scopeKey,
        'declared',
        'product no longer declared',
        now,
        trx,
      );
      await audit.record(
        ctx,
        {
          action: 'exposure.product.declare',
          objectType: 'vendor',
          objectId: target.vendorId,
          details: {
            named: products.length,
            declared: rows.map((row) => ({
              componentId: row.id,
              name: row.name,
              version: row.version,
            })),
          },
        },
        trx,
      );
      return { rows, result };
    });
    await deps.alerter.notifyAfterCommit(result.alerts);
    return {
      declared: rows.map((row) => toComponent({ ...row, open_findings: 0 })),
      findingsOpened: result.opened,
    };
  }

  return {
    async list(
      ctx: CallContext,
      vendorId: string,
      query: { q?: string | undefined; limit: number; offset: number },
    ) {
      authorize(ctx, ACCESS.read);
      await requireVendorName(db.kysely, vendorId);
      return components.list(vendorId, query);
    },

    /** One product, entered by a person; declaring it twice in a scope is a conflict. */
    async declare(
      ctx: CallContext,
      vendorId: string,
      input: DeclaredProductInput,
    ): Promise<Component> {
      const cpeIssue = input.cpe === null ? null : cpeProblem(input.cpe);
      if (cpeIssue) throw ValidationError.forField('body.cpe', cpeIssue);
      const purlIssue = input.purl === null ? null : purlProblem(input.purl);
      if (purlIssue) throw ValidationError.forField('body.purl', purlIssue);
      const { integrationId, ...product } = input;
      const { declared, findingsOpened } = await declareNamed(ctx, { vendorId, integrationId }, [
        product,
      ]);
      if (!declared[0])
        throw new Conflict(`'${input.name} ${input.version}' is already declared here`);
      return { ...declared[0], openFindings: findingsOpened };
    },

    declareNamed,

    async remove(ctx: CallContext, vendorId: string, componentId: string): Promise<void> {
      authorize(ctx, ACCESS.write);
      await db.kysely.transaction().execute(async (trx) => {
        await requireVendorName(trx, vendorId);
        const row = await components.find(vendorId, componentId, trx);
        if (!row || row.origin !== 'declared') throw new NotFound('Declared product', componentId);
        await components.remove(componentId, trx);
        const now = clock.now().toISOString();
        await rematchScope(row.scope_key, 'declared', 'product no longer declared', now, trx);
        await audit.record(
          ctx,
          {
            action: 'exposure.product.remove',
            objectType: 'vendor',
            objectId: vendorId,
            details: { componentId },
          },
          trx,
        );
      });
    },

    /** Stores a vendor's VEX statements and re-matches its scopes so they apply at once. */
    async importVex(ctx: CallContext, vendorId: string, file: UploadedFile) {
      const principal = authorize(ctx, ACCESS.write);
      if (file.bytes.length === 0) throw ValidationError.forField('body.file', 'is empty');
      const statements = parseVex(file.bytes, sanitizeFileName(file.fileName));
      const now = clock.now().toISOString();
      const rows: VexRow[] = statements.flatMap((statement) =>
        vexClaims(statement).flatMap((claim) =>
          [statement.vulnerabilityId, ...statement.aliases].map((vulnerabilityId) => ({
            id: randomUUID(),
            vendor_id: vendorId,
            vulnerability_id: vulnerabilityId,
            purl: claim.purl,
            state: claim.state,
            justification: statement.justification,
            detail: statement.detail,
            imported_by: principalUserId(principal),
            imported_at: now,
          })),
        ),
      );
      const { result, alerts } = await db.kysely.transaction().execute(async (trx) => {
        await requireVendorName(trx, vendorId);
        const open = await deps.findings.openCount(vendorId, trx);
        await deps.vex.insert(rows, trx);
        // A VEX can reopen as well as close (a later "exploitable"), so alerts may follow.
        const alerts = [];
        for (const scope of await components.scopesOf(vendorId, trx))
          alerts.push(
            ...(
              await rematchScope(
                scope.scope_key,
                scope.origin as ComponentOrigin,
                'gone from the component list',
                now,
                trx,
              )
            ).alerts,
          );
        const findingsUpdated = open - (await deps.findings.openCount(vendorId, trx));
        await audit.record(
          ctx,
          {
            action: 'exposure.vex.import',
            objectType: 'vendor',
            objectId: vendorId,
            details: { statements: statements.length, findingsUpdated },
          },
          trx,
        );
        return { result: { statements: statements.length, findingsUpdated }, alerts };
      });
      await deps.alerter.notifyAfterCommit(alerts);
      return result;
    },
  };
}

export type ProductService = ReturnType<typeof createProductService>;

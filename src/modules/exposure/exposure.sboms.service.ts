import { randomUUID } from 'node:crypto';
import type { SbomSummary, SbomUploadResult } from '../../contracts/exposure.js';
import { createBlobStore, sanitizeFileName, type UploadedFile } from '../../lib/blob-store.js';
import { NotFound, ValidationError } from '../../lib/errors.js';
import {
  authorize,
  principalUserId,
  systemContext,
  type CallContext,
} from '../../lib/principal.js';
import { requireVendorName } from '../vendors/vendors.relations.lookup.js';
import type { Alerter } from './exposure.alerts.js';
import { indexedComponents } from './exposure.components.js';
import type { ComponentStore } from './exposure.components.store.js';
import type { ExposureDeps } from './exposure.deps.js';
import type { Rematcher } from './exposure.rematch.js';
import { parseSbom } from './exposure.sbom.js';
import { createSbomStore, type SbomRow } from './exposure.sboms.store.js';
import { ACCESS, scopeOf } from './exposure.types.js';

/** The vendor acting through its link: no account, so the portal is the recorded actor. */
const PORTAL = systemContext('vendor portal');

const toSummary = (row: SbomRow): SbomSummary => ({
  id: row.id,
  vendorId: row.vendor_id,
  integrationId: row.integration_id,
  format: row.format as SbomSummary['format'],
  specVersion: row.spec_version,
  fileName: row.file_name,
  sha256: row.sha256,
  componentCount: Number(row.component_count),
  added: Number(row.added),
  removed: Number(row.removed),
  changed: Number(row.changed),
  uploadedVia: row.uploaded_via as SbomSummary['uploadedVia'],
  uploadedBy: row.uploaded_by,
  uploadedAt: row.uploaded_at,
});

/**
 * SBOM uploads. An upload replaces the component set of its scope (one integration, or the
 * vendor as a whole), records what changed since the previous one, and re-matches that scope
 * only. It commits whole or not at all: a bad file changes nothing.
 */
export function createSbomService(
  deps: Pick<ExposureDeps, 'db' | 'clock' | 'audit'> & {
    components: ComponentStore;
    rematch: Rematcher;
    alerter: Alerter;
  },
) {
  const { db, clock, audit } = deps;
  const store = createSbomStore(db.kysely);
  const blobs = createBlobStore(db.kysely, clock);

  async function ingest(
    ctx: CallContext,
    target: {
      vendorId: string;
      integrationId: string | null;
      via: 'upload' | 'portal';
      /** The assessment whose link a portal upload came through. */
      assessmentId?: string;
    },
    file: UploadedFile,
  ): Promise<SbomUploadResult> {
    if (file.bytes.length === 0) throw ValidationError.forField('body.file', 'is empty');
    const fileName = sanitizeFileName(file.fileName);
    const parsed = parseSbom(file.bytes, fileName);
    const components = indexedComponents(parsed.components);
    const scope = scopeOf(target.vendorId, target.integrationId);
    const now = clock.now().toISOString();
    const sbomId = randomUUID();
    const { row, result, alerts } = await db.kysely.transaction().execute(async (trx) => {
      await requireVendorName(trx, target.vendorId);
      if (
        target.integrationId &&
        !(await store.integrationBelongs(target.vendorId, target.integrationId, trx))
      )
        throw new NotFound('Integration', target.integrationId);
      const sha256 = await blobs.put(file.bytes, 'application/json', trx);
      const row: SbomRow = {
        id: sbomId,
        vendor_id: scope.vendorId,
        integration_id: scope.integrationId,
        scope_key: scope.scopeKey,
        format: parsed.format,
        spec_version: parsed.specVersion,
        serial_number: parsed.serialNumber,
        file_name: fileName,
        sha256,
        component_count: components.length,
        added: 0,
        removed: 0,
        changed: 0,
        uploaded_via: target.via,
        uploaded_by: principalUserId(ctx.principal),
        uploaded_at: now,
      };
      await store.insert(row, trx);
      const { current, changes } = await deps.components.replace(
        scope,
        'sbom',
        components,
        sbomId,
        now,
        trx,
      );
      const count = (kind: string) => changes.filter((change) => change.change === kind).length;
      Object.assign(row, {
        added: count('added'),
        removed: count('removed'),
        changed: count('changed'),
      });
      await store.recordChanges(row, changes, trx);
      const result = await deps.rematch.scope(
        scope.scopeKey,
        'sbom',
        current,
        `gone from the SBOM '${fileName}' uploaded ${now.slice(0, 10)}`,
        now,
        trx,
      );
      await audit.record(
        ctx,
        {
          action: 'exposure.sbom.upload',
          objectType: 'vendor',
          objectId: target.vendorId,
          // Through a capability link the actor is the vendor, named as the portal is elsewhere.
          ...(target.via === 'portal' ? { actorLabel: 'vendor portal' } : {}),
          details: {
            sbomId,
            assessmentId: target.assessmentId ?? null,
            integrationId: target.integrationId,
            via: target.via,
            components: components.length,
            findingsOpened: result.opened,
            findingsFixed: result.closed,
          },
        },
        trx,
      );
      return { row, result, alerts: await deps.alerter.raise(result.raised, trx) };
    });
    await deps.alerter.notifyAfterCommit(alerts);
    return { ...toSummary(row), findingsOpened: result.opened, findingsFixed: result.closed };
  }

  async function requireSbom(vendorId: string, sbomId: string) {
    await requireVendorName(db.kysely, vendorId);
    const row = await store.find(vendorId, sbomId);
    if (!row) throw new NotFound('SBOM', sbomId);
    return row;
  }

  return {
    /**
     * The questionnaire's SBOM file question feeds the index too: a vendor answering it in
     * the portal has uploaded its SBOM. A file that is not one is refused before the answer
     * is stored, so the vendor learns at once.
     */
    intake: {
      questionKeys: new Set(['patch_sbom_file']),
      check(file: UploadedFile): void {
        parseSbom(file.bytes, sanitizeFileName(file.fileName));
      },
      async ingest(
        subject: { vendorId: string; integrationId: string | null },
        file: UploadedFile,
      ) {
        await ingest(systemContext('vendor portal'), { ...subject, via: 'portal' }, file);
      },
    },

    async upload(
      ctx: CallContext,
      vendorId: string,
      integrationId: string | null,
      file: UploadedFile,
    ) {
      authorize(ctx, ACCESS.write);
      return ingest(ctx, { vendorId, integrationId, via: 'upload' }, file);
    },

    /** From the vendor portal: the capability link has already named the vendor. */
    async uploadFromPortal(
      ctx: CallContext,
      target: { vendorId: string; integrationId: string | null; assessmentId: string },
      file: UploadedFile,
    ) {
      return ingest(
        ctx.principal ? ctx : { ...PORTAL, requestId: ctx.requestId, ip: ctx.ip },
        { ...target, via: 'portal' },
        file,
      );
    },

    async list(ctx: CallContext, vendorId: string): Promise<SbomSummary[]> {
      authorize(ctx, ACCESS.read);
      await requireVendorName(db.kysely, vendorId);
      return (await store.list(vendorId)).map(toSummary);
    },

    async changes(ctx: CallContext, vendorId: string, sbomId: string) {
      authorize(ctx, ACCESS.read);
      const row = await requireSbom(vendorId, sbomId);
      return { sbom: toSummary(row), changes: await store.changes(sbomId) };
    },

    async download(ctx: CallContext, vendorId: string, sbomId: string) {
      authorize(ctx, ACCESS.read);
      const row = await requireSbom(vendorId, sbomId);
      const blob = await blobs.get(row.sha256);
      if (!blob) throw new NotFound('SBOM file', sbomId);
      return { fileName: row.file_name, mediaType: 'application/json', content: blob.content };
    },
  };
}

export type SbomService = ReturnType<typeof createSbomService>;

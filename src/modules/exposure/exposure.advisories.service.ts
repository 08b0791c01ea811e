import { createHash, randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { ExposureImportsTable } from '../../db/schema.exposure.js';
import type {
  AdvisoryImpact,
  AdvisoryKind,
  AdvisoryView,
  ImportResult,
} from '../../contracts/exposure.js';
import { vendorNames } from '../vendors/vendors.relations.lookup.js';
import { sanitizeFileName, type UploadedFile } from '../../lib/blob-store.js';
import { NotFound, ValidationError } from '../../lib/errors.js';
import { authorize, principalUserId, type CallContext } from '../../lib/principal.js';
import type { AdvisoryStore, StoredAdvisory } from './exposure.advisories.store.js';
import { readOsvFile, type ReadIssue } from './exposure.advisories.read.js';
import { advisoryView, storedNvd, storedOsv } from './exposure.advisories.records.js';
import type { Alerter } from './exposure.alerts.js';
import type { ExposureDeps } from './exposure.deps.js';
import { parseKevCatalog } from './exposure.kev.js';
import { parseNvdCves } from './exposure.nvd.js';
import type { Rematcher } from './exposure.rematch.js';
import { ACCESS } from './exposure.types.js';

/** Advisories written per statement batch while a file streams in. */
const WRITE_BATCH = 500;
/** Bad records reported back at most; the count says how many there were in all. */
const REPORTED_ISSUES = 20;
const MAX_ZIP_ENTRIES = 2_000_000;

interface Counts {
  records: number;
  added: number;
  updated: number;
  unchanged: number;
}

/**
 * Advisory feeds: OSV (JSON, NDJSON, gzip, zip), CISA KEV, NVD CVE JSON 2.0. A file commits
 * whole or not at all. A record replaces the stored one only when its `modified` is newer, and
 * only the advisories that changed are re-matched, through the component index.
 */
export function createAdvisoryService(
  deps: Pick<ExposureDeps, 'db' | 'clock' | 'audit' | 'config'> & {
    advisories: AdvisoryStore;
    rematch: Rematcher;
    alerter: Alerter;
  },
) {
  const { db, clock, audit, advisories } = deps;

  /** Writes the records that are new or newer than what is stored; returns the changed keys. */
  async function writeNewer(records: StoredAdvisory[], counts: Counts, trx: Executor) {
    // A file may carry one id twice (an export of two database states): the newest counts.
    const newest = new Map<string, StoredAdvisory>();
    for (const advisory of records) {
      const seen = newest.get(advisory.row.key);
      if (seen) counts.unchanged += 1;
      if (!seen || seen.row.modified < advisory.row.modified)
        newest.set(advisory.row.key, advisory);
    }
    const batch = [...newest.values()];
    const stored = await advisories.modifiedOf(
      batch.map((a) => a.row.key),
      trx,
    );
    const newer = batch.filter((advisory) => {
      const before = stored.get(advisory.row.key);
      if (before === undefined) counts.added += 1;
      else if (before < advisory.row.modified) counts.updated += 1;
      else {
        counts.unchanged += 1;
        return false;
      }
      return true;
    });
    await advisories.upsert(newer, trx);
    return newer.map((advisory) => advisory.row.key);
  }

  async function importAdvisories(
    file: UploadedFile,
    kind: 'osv' | 'nvd',
    source: string,
    now: string,
    trx: Executor,
  ) {
    const counts: Counts = { records: 0, added: 0, updated: 0, unchanged: 0 };
    const changed: string[] = [];
    const issues: { field: string; message: string }[] = [];
    let issueCount = 0;
    let batch: StoredAdvisory[] = [];
    const flush = async () => {
      // Once a record is bad the file will be refused: keep reading to report, stop writing.
      if (issueCount === 0) changed.push(...(await writeNewer(batch, counts, trx)));
      batch = [];
    };
    for await (const item of storedItems(file, kind, source, now)) {
      if ('issue' in item) {
        issueCount += 1;
        if (issues.length < REPORTED_ISSUES)
          issues.push({ field: item.issue.location, message: item.issue.message });
        continue;
      }
      counts.records += 1;
      batch.push(item.stored);
      if (batch.length >= WRITE_BATCH) await flush();
    }
    await flush();
    if (issueCount > 0)
      throw new ValidationError(
        `${issueCount} advisor${issueCount === 1 ? 'y' : 'ies'} in '${file.fileName}' could not be read; nothing was imported`,
        issues,
      );
    if (counts.records === 0)
      throw ValidationError.forField('file', `'${file.fileName}' holds no advisories`);
    return { counts, changed };
  }

  async function* storedItems(
    file: UploadedFile,
    kind: 'osv' | 'nvd',
    source: string,
    now: string,
  ): AsyncGenerator<{ stored: StoredAdvisory } | { issue: ReadIssue }> {
    if (kind === 'nvd') {
      for (const cve of parseNvdCves(file.bytes)) yield { stored: storedNvd(cve, source, now) };
      return;
    }
    const limits = {
      maxExpandedBytes: deps.config.exposureMaxExpandedBytes,
      maxEntries: MAX_ZIP_ENTRIES,
    };
    for await (const item of readOsvFile(file, limits))
      yield 'issue' in item ? item : { stored: storedOsv(item.record, source, now) };
  }

  async function importKev(file: UploadedFile, trx: Executor) {
    const catalog = parseKevCatalog(file.bytes);
    const added = await advisories.upsertKev(
      catalog.entries.map((entry) => ({
        cve_id: entry.cveId,
        vendor_project: entry.vendorProject,
        product: entry.product,
        name: entry.name,
        date_added: entry.dateAdded,
        due_date: entry.dueDate,
        ransomware: entry.knownRansomwareCampaignUse,
        short_description: entry.shortDescription,
        required_action: entry.requiredAction,
        catalog_version: catalog.catalogVersion,
      })),
      trx,
    );
    const counts: Counts = {
      records: catalog.entries.length,
      added: added.length,
      updated: 0,
      unchanged: catalog.entries.length - added.length,
    };
    // Only the advisories that name a newly listed CVE can change: those are re-matched.
    return { counts, changed: await advisories.keysForAliases(added, trx) };
  }

  return {
    async importFile(
      ctx: CallContext,
      kind: AdvisoryKind,
      file: UploadedFile,
      source: string = sanitizeFileName(file.fileName),
    ): Promise<ImportResult> {
      authorize(ctx, ACCESS.feeds);
      if (file.bytes.length === 0) throw ValidationError.forField('body.file', 'is empty');
      const now = clock.now().toISOString();
      const id = randomUUID();
      const row = await db.kysely.transaction().execute(async (trx) => {
        const { counts, changed } =
          kind === 'kev'
            ? await importKev(file, trx)
            : await importAdvisories(file, kind, source, now, trx);
        const { raised, opened } = await deps.rematch.advisories(changed, now, trx);
        const row = {
          id,
          kind,
          file_name: source,
          sha256: createHash('sha256').update(file.bytes).digest('hex'),
          ...counts,
          findings_opened: opened,
          imported_by: principalUserId(ctx.principal),
          imported_at: now,
        };
        await advisories.recordImport(row, trx);
        await audit.record(
          ctx,
          {
            action: 'exposure.advisories.import',
            objectType: 'advisory_import',
            objectId: id,
            details: { kind, source, ...counts, findingsOpened: opened },
          },
          trx,
        );
        return { row, alerts: await deps.alerter.raise(raised, trx) };
      });
      await deps.alerter.notifyAfterCommit(row.alerts);
      return toImportResult(row.row);
    },

    async imports(ctx: CallContext, limit: number): Promise<ImportResult[]> {
      authorize(ctx, ACCESS.read);
      return (await advisories.imports(limit)).map(toImportResult);
    },

    /** Which vendors run something this advisory affects: the incident-response question. */
    async impact(ctx: CallContext, advisoryId: string): Promise<AdvisoryImpact> {
      authorize(ctx, ACCESS.read);
      const row = await advisories.findById(advisoryId);
      if (!row) throw new NotFound('Advisory', advisoryId);
      const matches = await deps.rematch.affectedBy([row.key], db.kysely);
      const names = await vendorNames(
        db.kysely,
        matches.map((m) => m.component.vendor_id),
      );
      return {
        advisoryId: row.id,
        vendors: names.size,
        components: matches.map(({ component, match }) => ({
          vendorId: component.vendor_id,
          vendorName: names.get(component.vendor_id) ?? '',
          integrationId: component.integration_id,
          componentId: component.id,
          name: component.name,
          version: component.version,
          rule: match.rule,
          fixedVersion: match.fixedVersion,
        })),
      };
    },

    async advisory(ctx: CallContext, advisoryId: string): Promise<AdvisoryView> {
      authorize(ctx, ACCESS.read);
      const row = await advisories.findById(advisoryId);
      if (!row) throw new NotFound('Advisory', advisoryId);
      return advisoryView(row);
    },
  };
}

function toImportResult(row: Selectable<ExposureImportsTable>): ImportResult {
  return {
    id: row.id,
    kind: row.kind as AdvisoryKind,
    fileName: row.file_name,
    records: Number(row.records),
    added: Number(row.added),
    updated: Number(row.updated),
    unchanged: Number(row.unchanged),
    findingsOpened: Number(row.findings_opened),
    importedBy: row.imported_by,
    importedAt: row.imported_at,
  };
}

export type AdvisoryService = ReturnType<typeof createAdvisoryService>;

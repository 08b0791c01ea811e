import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type {
  ExposureAdvisoriesTable,
  ExposureAdvisoryCpesTable,
  ExposureAdvisoryPackagesTable,
  ExposureImportsTable,
  ExposureKevTable,
} from '../../db/schema.exposure.js';
import { chunked, groupBy, IN_LIST_CHUNK, selectInChunks } from '../../lib/chunks.js';

/** Rows per multi-row insert: under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const ROWS_PER_INSERT = 1000;

/** An advisory as stored: the record plus the index rows derived from it. */
export interface StoredAdvisory {
  row: Insertable<ExposureAdvisoriesTable>;
  packages: Insertable<ExposureAdvisoryPackagesTable>[];
  cpes: Insertable<ExposureAdvisoryCpesTable>[];
  aliases: string[];
}

export type KevRow = Selectable<ExposureKevTable>;

/** What a package lookup returns: one advisory's `affected` entry for the package. */
export interface CandidateRow {
  advisory_key: string;
  ecosystem: string;
  name: string;
  affected: string;
}

/** The advisory facts a finding copies, fetched only for the advisories that matched. */
export interface AdvisoryFacts {
  advisory_key: string;
  id: string;
  source: string;
  severity_rating: string;
  severity_score: number | null;
  aliases: string;
}

export function createAdvisoryStore(db: Executor) {
  return {
    async modifiedOf(keys: readonly string[], trx: Executor = db): Promise<Map<string, string>> {
      const rows = await selectInChunks(keys, (chunk) =>
        trx
          .selectFrom('exposure_advisories')
          .select(['key', 'modified'])
          .where('key', 'in', chunk)
          .execute(),
      );
      return new Map(rows.map((row) => [row.key, row.modified]));
    },

    /** Writes a batch of advisories, replacing earlier versions and their index rows. */
    async upsert(batch: readonly StoredAdvisory[], trx: Executor): Promise<void> {
      const keys = batch.map((advisory) => advisory.row.key);
      for (const chunk of chunked(keys, IN_LIST_CHUNK))
        for (const table of [
          'exposure_advisory_packages',
          'exposure_advisory_cpes',
          'exposure_aliases',
        ] as const)
          await trx.deleteFrom(table).where('advisory_key', 'in', chunk).execute();
      for (const rows of chunked(
        batch.map((advisory) => advisory.row),
        ROWS_PER_INSERT,
      ))
        await trx
          .insertInto('exposure_advisories')
          .values(rows)
          .onConflict((conflict) =>
            conflict.column('key').doUpdateSet((eb) => ({
              source: eb.ref('excluded.source'),
              modified: eb.ref('excluded.modified'),
              published: eb.ref('excluded.published'),
              withdrawn: eb.ref('excluded.withdrawn'),
              summary: eb.ref('excluded.summary'),
              severity_rating: eb.ref('excluded.severity_rating'),
              severity_score: eb.ref('excluded.severity_score'),
              severity_vector: eb.ref('excluded.severity_vector'),
              severity_source: eb.ref('excluded.severity_source'),
              aliases: eb.ref('excluded.aliases'),
              record: eb.ref('excluded.record'),
              imported_at: eb.ref('excluded.imported_at'),
            })),
          )
          .execute();
      const packages = batch.flatMap((advisory) => advisory.packages);
      for (const rows of chunked(packages, ROWS_PER_INSERT))
        await trx.insertInto('exposure_advisory_packages').values(rows).execute();
      const cpes = batch.flatMap((advisory) => advisory.cpes);
      for (const rows of chunked(cpes, ROWS_PER_INSERT))
        await trx.insertInto('exposure_advisory_cpes').values(rows).execute();
      const aliases = batch.flatMap((advisory) =>
        [...new Set(advisory.aliases)].map((alias) => ({ alias, advisory_key: advisory.row.key })),
      );
      for (const rows of chunked(aliases, ROWS_PER_INSERT))
        await trx.insertInto('exposure_aliases').values(rows).execute();
    },

    /**
     * The package side of the index: what may affect these packages. Withdrawn advisories
     * have no index rows, so this reads one table and nothing else (the hot path of an upload).
     */
    async candidatesFor(
      keys: readonly { ecosystem: string; name: string }[],
      trx: Executor = db,
    ): Promise<CandidateRow[]> {
      const rows: CandidateRow[] = [];
      for (const [ecosystem, group] of groupBy(keys, (key) => key.ecosystem)) {
        const names = [...new Set(group.map((key) => key.name))];
        rows.push(
          ...(await selectInChunks(names, (chunk) =>
            trx
              .selectFrom('exposure_advisory_packages')
              .select(['advisory_key', 'ecosystem', 'name', 'affected'])
              .where('ecosystem', '=', ecosystem)
              .where('name', 'in', chunk)
              .execute(),
          )),
        );
      }
      return rows;
    },

    async factsFor(
      keys: readonly string[],
      trx: Executor = db,
    ): Promise<Map<string, AdvisoryFacts>> {
      const rows = await selectInChunks([...new Set(keys)], (chunk) =>
        trx
          .selectFrom('exposure_advisories')
          .select([
            'key as advisory_key',
            'id',
            'source',
            'severity_rating',
            'severity_score',
            'aliases',
          ])
          .where('key', 'in', chunk)
          .execute(),
      );
      return new Map(rows.map((row) => [row.advisory_key, row]));
    },

    async cpeCandidatesFor(
      pairs: readonly { vendor: string; product: string }[],
      trx: Executor = db,
    ) {
      const products = [...new Set(pairs.map((pair) => pair.product))];
      const rows = await selectInChunks(products, (chunk) =>
        trx
          .selectFrom('exposure_advisory_cpes')
          .select(['advisory_key', 'vendor', 'product', 'criteria', 'bounds'])
          .where('product', 'in', chunk)
          .execute(),
      );
      const wanted = new Set(pairs.map((pair) => `${pair.vendor}\u0000${pair.product}`));
      return rows.filter((row) => wanted.has(`${row.vendor}\u0000${row.product}`));
    },

    /** The packages and CPE products these advisories name: where to look for components. */
    async indexKeysOf(advisoryKeys: readonly string[], trx: Executor = db) {
      const [packages, cpes] = await Promise.all([
        selectInChunks(advisoryKeys, (chunk) =>
          trx
            .selectFrom('exposure_advisory_packages')
            .select(['ecosystem', 'name'])
            .where('advisory_key', 'in', chunk)
            .execute(),
        ),
        selectInChunks(advisoryKeys, (chunk) =>
          trx
            .selectFrom('exposure_advisory_cpes')
            .select(['vendor', 'product'])
            .where('advisory_key', 'in', chunk)
            .execute(),
        ),
      ]);
      return { packages, cpes };
    },

    async keysForAliases(aliases: readonly string[], trx: Executor = db): Promise<string[]> {
      const rows = await selectInChunks(aliases, (chunk) =>
        trx
          .selectFrom('exposure_aliases')
          .select('advisory_key')
          .distinct()
          .where('alias', 'in', chunk)
          .execute(),
      );
      return [...new Set(rows.map((row) => row.advisory_key))];
    },

    async find(key: string, trx: Executor = db) {
      return trx
        .selectFrom('exposure_advisories')
        .selectAll()
        .where('key', '=', key)
        .executeTakeFirst();
    },

    /** By the id a person types: an OSV id first, else the NVD record of that CVE. */
    async findById(id: string, trx: Executor = db) {
      const rows = await trx
        .selectFrom('exposure_advisories')
        .selectAll()
        .where('id', '=', id)
        .orderBy('kind', 'desc')
        .execute();
      return rows[0];
    },

    async kevFor(cveIds: readonly string[], trx: Executor = db): Promise<Map<string, KevRow>> {
      const rows = await selectInChunks([...new Set(cveIds)], (chunk) =>
        trx.selectFrom('exposure_kev').selectAll().where('cve_id', 'in', chunk).execute(),
      );
      return new Map(rows.map((row) => [row.cve_id, row]));
    },

    /** Stores a catalog; returns the CVE ids it adds (the ones that may raise alerts). */
    async upsertKev(entries: readonly KevRow[], trx: Executor): Promise<string[]> {
      const known = await this.kevFor(
        entries.map((entry) => entry.cve_id),
        trx,
      );
      for (const rows of chunked(entries, ROWS_PER_INSERT))
        await trx
          .insertInto('exposure_kev')
          .values([...rows])
          .onConflict((conflict) =>
            conflict.column('cve_id').doUpdateSet((eb) => ({
              vendor_project: eb.ref('excluded.vendor_project'),
              product: eb.ref('excluded.product'),
              name: eb.ref('excluded.name'),
              date_added: eb.ref('excluded.date_added'),
              due_date: eb.ref('excluded.due_date'),
              ransomware: eb.ref('excluded.ransomware'),
              short_description: eb.ref('excluded.short_description'),
              required_action: eb.ref('excluded.required_action'),
              catalog_version: eb.ref('excluded.catalog_version'),
            })),
          )
          .execute();
      return entries.filter((entry) => !known.has(entry.cve_id)).map((entry) => entry.cve_id);
    },

    async recordImport(row: ExposureImportsTable, trx: Executor = db): Promise<void> {
      await trx.insertInto('exposure_imports').values(row).execute();
    },

    async imports(limit: number, trx: Executor = db) {
      return trx
        .selectFrom('exposure_imports')
        .selectAll()
        .orderBy('imported_at', 'desc')
        .limit(limit)
        .execute();
    },
  };
}

export type AdvisoryStore = ReturnType<typeof createAdvisoryStore>;

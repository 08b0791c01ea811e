import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Db } from './database.js';
import * as identity from './migrations/20261123180000_identity.js';
import * as audit from './migrations/20261123180100_audit.js';
import * as jobs from './migrations/20261123180200_jobs.js';
import * as jobsExtra from './migrations/20261123190000_jobs_extra.js';
import * as vendors from './migrations/20261123200000_vendors.js';
import * as datamap from './migrations/20261123200100_datamap.js';
import * as sharingPending from './migrations/20261201070000_sharing_pending.js';
import * as assessments from './migrations/20261201080000_assessments.js';
import * as exposure from './migrations/20261201100000_exposure.js';
import * as detection from './migrations/20261201120000_detection.js';
import * as detectionEventIdentity from './migrations/20261201180000_detection_event_identity.js';
import * as incidents from './migrations/20261201190000_incidents.js';
import * as breach from './migrations/20261201200000_breach.js';
import * as breachCampaigns from './migrations/20261202090000_breach_campaigns.js';
import * as disclosureReports from './migrations/20261203090000_disclosure_reports.js';
import * as trust from './migrations/20261203100000_trust.js';

/**
 * Migrations are listed here rather than discovered on disk, so the same list works from
 * TypeScript sources, compiled output and bundles. Append new entries; never edit old ones.
 */
const migrations: Record<string, Migration> = {
  '20261123180000_identity': identity,
  '20261123180100_audit': audit,
  '20261123180200_jobs': jobs,
  '20261123190000_jobs_extra': jobsExtra,
  '20261123200000_vendors': vendors,
  '20261123200100_datamap': datamap,
  '20261201070000_sharing_pending': sharingPending,
  '20261201080000_assessments': assessments,
  '20261201100000_exposure': exposure,
  '20261201120000_detection': detection,
  '20261201180000_detection_event_identity': detectionEventIdentity,
  '20261201190000_incidents': incidents,
  '20261201200000_breach': breach,
  '20261202090000_breach_campaigns': breachCampaigns,
  '20261203090000_disclosure_reports': disclosureReports,
  '20261203100000_trust': trust,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

export class MigrationFailed extends Error {}

export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db: db.kysely, provider });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason =
      result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
    throw new MigrationFailed(`Migration ${failed} failed: ${reason}`, { cause: result.error });
  }
  return result;
}

/** Names of migrations not yet applied to this database. */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider });
  const all = await migrator.getMigrations();
  return all
    .filter((migration) => migration.executedAt === undefined)
    .map((migration) => migration.name);
}

export function listMigrationNames(): string[] {
  return Object.keys(migrations).sort();
}

import type { Kysely } from 'kysely';

/**
 * Vendor software exposure. Both sides of the match are indexed by the same key, so neither
 * side is ever scanned: `exposure_components (ecosystem, name)` finds who runs a package when
 * an advisory arrives, `exposure_advisory_packages (ecosystem, name)` finds what affects a
 * package when an SBOM arrives. CPE-described products use (vendor, product) the same way.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('exposure_sboms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vendor_id', 'text', (c) => c.notNull().references('vendors.id').onDelete('cascade'))
    .addColumn('integration_id', 'text', (c) => c.references('integrations.id').onDelete('cascade'))
    // The component set an upload replaces: one integration, or the vendor as a whole.
    .addColumn('scope_key', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('spec_version', 'text', (c) => c.notNull())
    .addColumn('serial_number', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('component_count', 'integer', (c) => c.notNull())
    .addColumn('added', 'integer', (c) => c.notNull())
    .addColumn('removed', 'integer', (c) => c.notNull())
    .addColumn('changed', 'integer', (c) => c.notNull())
    .addColumn('uploaded_via', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'exposure_sboms', ['vendor_id']);
  await index(db, 'exposure_sboms', ['integration_id']);
  await index(db, 'exposure_sboms', ['scope_key', 'uploaded_at']);
  await index(db, 'exposure_sboms', ['sha256']);

  await db.schema
    .createTable('exposure_sbom_changes')
    .addColumn('sbom_id', 'text', (c) =>
      c.notNull().references('exposure_sboms.id').onDelete('cascade'),
    )
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('ecosystem', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('from_version', 'text')
    .addColumn('to_version', 'text')
    .execute();
  await index(db, 'exposure_sbom_changes', ['sbom_id']);

  await db.schema
    .createTable('exposure_components')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vendor_id', 'text', (c) => c.notNull().references('vendors.id').onDelete('cascade'))
    .addColumn('integration_id', 'text', (c) => c.references('integrations.id').onDelete('cascade'))
    .addColumn('scope_key', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('sbom_id', 'text', (c) => c.references('exposure_sboms.id').onDelete('set null'))
    // (ecosystem, name, version) identifies a component within its scope and origin.
    .addColumn('component_key', 'text', (c) => c.notNull())
    .addColumn('ecosystem', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'text')
    .addColumn('purl', 'text')
    .addColumn('cpe', 'text')
    .addColumn('cpe_vendor', 'text')
    .addColumn('cpe_product', 'text')
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('exposure_components_identity', ['scope_key', 'origin', 'component_key'])
    .execute();
  await index(db, 'exposure_components', ['ecosystem', 'name']);
  await index(db, 'exposure_components', ['cpe_vendor', 'cpe_product']);
  await index(db, 'exposure_components', ['vendor_id']);
  await index(db, 'exposure_components', ['integration_id']);
  await index(db, 'exposure_components', ['sbom_id']);

  await db.schema
    .createTable('exposure_advisories')
    // `<kind>:<id>`: an OSV record and an NVD record may carry the same CVE id.
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('modified', 'text', (c) => c.notNull())
    .addColumn('published', 'text')
    .addColumn('withdrawn', 'text')
    .addColumn('summary', 'text')
    .addColumn('severity_rating', 'text', (c) => c.notNull())
    .addColumn('severity_score', 'real')
    .addColumn('severity_vector', 'text')
    .addColumn('severity_source', 'text', (c) => c.notNull())
    .addColumn('aliases', 'text', (c) => c.notNull())
    .addColumn('record', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'exposure_advisories', ['id']);
  await index(db, 'exposure_advisories', ['modified']);

  await db.schema
    .createTable('exposure_advisory_packages')
    .addColumn('advisory_key', 'text', (c) =>
      c.notNull().references('exposure_advisories.key').onDelete('cascade'),
    )
    .addColumn('ecosystem', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // The OSV `affected` entry (ranges and versions), as JSON: evaluated, never queried.
    .addColumn('affected', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'exposure_advisory_packages', ['ecosystem', 'name']);
  await index(db, 'exposure_advisory_packages', ['advisory_key']);

  await db.schema
    .createTable('exposure_advisory_cpes')
    .addColumn('advisory_key', 'text', (c) =>
      c.notNull().references('exposure_advisories.key').onDelete('cascade'),
    )
    .addColumn('vendor', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('bounds', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'exposure_advisory_cpes', ['vendor', 'product']);
  await index(db, 'exposure_advisory_cpes', ['advisory_key']);

  // Every identifier a record is known by, its own id included: CVE ↔ GHSA ↔ GO- ↔ RUSTSEC-.
  await db.schema
    .createTable('exposure_aliases')
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('advisory_key', 'text', (c) =>
      c.notNull().references('exposure_advisories.key').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('exposure_aliases_pk', ['alias', 'advisory_key'])
    .execute();
  await index(db, 'exposure_aliases', ['advisory_key']);

  await db.schema
    .createTable('exposure_kev')
    .addColumn('cve_id', 'text', (c) => c.primaryKey())
    .addColumn('vendor_project', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('date_added', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('ransomware', 'text', (c) => c.notNull())
    .addColumn('short_description', 'text', (c) => c.notNull())
    .addColumn('required_action', 'text', (c) => c.notNull())
    .addColumn('catalog_version', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('exposure_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('records', 'integer', (c) => c.notNull())
    .addColumn('added', 'integer', (c) => c.notNull())
    .addColumn('updated', 'integer', (c) => c.notNull())
    .addColumn('unchanged', 'integer', (c) => c.notNull())
    .addColumn('findings_opened', 'integer', (c) => c.notNull())
    .addColumn('imported_by', 'text')
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'exposure_imports', ['imported_at']);

  await db.schema
    .createTable('exposure_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vendor_id', 'text', (c) => c.notNull().references('vendors.id').onDelete('cascade'))
    .addColumn('integration_id', 'text', (c) => c.references('integrations.id').onDelete('cascade'))
    .addColumn('scope_key', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('component_key', 'text', (c) => c.notNull())
    .addColumn('component_id', 'text', (c) =>
      c.references('exposure_components.id').onDelete('set null'),
    )
    .addColumn('ecosystem', 'text')
    .addColumn('component_name', 'text', (c) => c.notNull())
    .addColumn('component_version', 'text')
    .addColumn('purl', 'text')
    .addColumn('advisory_key', 'text', (c) =>
      c.notNull().references('exposure_advisories.key').onDelete('cascade'),
    )
    .addColumn('advisory_id', 'text', (c) => c.notNull())
    .addColumn('severity_rating', 'text', (c) => c.notNull())
    .addColumn('severity_score', 'real')
    .addColumn('known_exploited', 'integer', (c) => c.notNull())
    .addColumn('kev_cve', 'text')
    .addColumn('fixed_version', 'text')
    .addColumn('version_comparable', 'integer', (c) => c.notNull())
    .addColumn('match_source', 'text', (c) => c.notNull())
    .addColumn('match_range', 'text', (c) => c.notNull())
    .addColumn('match_rule', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('status_by', 'text')
    .addColumn('accepted_until', 'text')
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('exposure_findings_identity', [
      'scope_key',
      'origin',
      'component_key',
      'advisory_key',
    ])
    .execute();
  await index(db, 'exposure_findings', ['vendor_id', 'status']);
  await index(db, 'exposure_findings', ['integration_id']);
  await index(db, 'exposure_findings', ['component_id']);
  await index(db, 'exposure_findings', ['advisory_key']);
  await index(db, 'exposure_findings', ['status', 'known_exploited', 'severity_score']);
  await index(db, 'exposure_findings', ['updated_at']);

  // VEX statements outlive the findings they close: a finding raised later honours them too.
  await db.schema
    .createTable('exposure_vex')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vendor_id', 'text', (c) => c.notNull().references('vendors.id').onDelete('cascade'))
    .addColumn('vulnerability_id', 'text', (c) => c.notNull())
    .addColumn('purl', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('justification', 'text')
    .addColumn('detail', 'text')
    .addColumn('imported_by', 'text')
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'exposure_vex', ['vendor_id', 'vulnerability_id']);

  await db.schema
    .createTable('exposure_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('finding_id', 'text', (c) =>
      c.notNull().references('exposure_findings.id').onDelete('cascade'),
    )
    .addColumn('vendor_id', 'text', (c) => c.notNull().references('vendors.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text')
    // Set once the team has been mailed; alerts left unset are mailed by the next job run.
    .addColumn('notified_at', 'text')
    // One alert per finding and reason, however often a feed is re-imported.
    .addUniqueConstraint('exposure_alerts_once', ['finding_id', 'reason'])
    .execute();
  await index(db, 'exposure_alerts', ['vendor_id']);
  await index(db, 'exposure_alerts', ['acknowledged_at', 'created_at']);
  await index(db, 'exposure_alerts', ['notified_at']);
}

async function index(db: Kysely<unknown>, table: string, columns: string[]): Promise<void> {
  await db.schema
    .createIndex(`${table}_${columns.join('_')}_idx`)
    .on(table)
    .columns(columns)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'exposure_alerts',
    'exposure_vex',
    'exposure_findings',
    'exposure_imports',
    'exposure_kev',
    'exposure_aliases',
    'exposure_advisory_cpes',
    'exposure_advisory_packages',
    'exposure_advisories',
    'exposure_components',
    'exposure_sbom_changes',
    'exposure_sboms',
  ])
    await db.schema.dropTable(table).execute();
}

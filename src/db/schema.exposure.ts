/** Table types of the exposure module (see migrations/20261201100000_exposure.ts). */
export interface ExposureSbomsTable {
  id: string;
  vendor_id: string;
  integration_id: string | null;
  scope_key: string;
  format: string;
  spec_version: string;
  serial_number: string | null;
  file_name: string;
  sha256: string;
  component_count: number;
  added: number;
  removed: number;
  changed: number;
  uploaded_via: string;
  uploaded_by: string | null;
  uploaded_at: string;
}

export interface ExposureSbomChangesTable {
  sbom_id: string;
  change: string;
  ecosystem: string | null;
  name: string;
  from_version: string | null;
  to_version: string | null;
}

export interface ExposureComponentsTable {
  id: string;
  vendor_id: string;
  integration_id: string | null;
  scope_key: string;
  origin: string;
  sbom_id: string | null;
  component_key: string;
  ecosystem: string | null;
  name: string;
  version: string | null;
  purl: string | null;
  cpe: string | null;
  cpe_vendor: string | null;
  cpe_product: string | null;
  first_seen_at: string;
  last_seen_at: string;
}

export interface ExposureAdvisoriesTable {
  key: string;
  id: string;
  kind: string;
  source: string;
  modified: string;
  published: string | null;
  withdrawn: string | null;
  summary: string | null;
  severity_rating: string;
  severity_score: number | null;
  severity_vector: string | null;
  severity_source: string;
  aliases: string;
  record: string;
  imported_at: string;
}

export interface ExposureAdvisoryPackagesTable {
  advisory_key: string;
  ecosystem: string;
  name: string;
  affected: string;
}

export interface ExposureAdvisoryCpesTable {
  advisory_key: string;
  vendor: string;
  product: string;
  criteria: string;
  bounds: string;
}

export interface ExposureAliasesTable {
  alias: string;
  advisory_key: string;
}

export interface ExposureKevTable {
  cve_id: string;
  vendor_project: string;
  product: string;
  name: string;
  date_added: string;
  due_date: string | null;
  ransomware: string;
  short_description: string;
  required_action: string;
  catalog_version: string;
}

export interface ExposureImportsTable {
  id: string;
  kind: string;
  file_name: string;
  sha256: string;
  records: number;
  added: number;
  updated: number;
  unchanged: number;
  findings_opened: number;
  imported_by: string | null;
  imported_at: string;
}

export interface ExposureFindingsTable {
  id: string;
  vendor_id: string;
  integration_id: string | null;
  scope_key: string;
  origin: string;
  component_key: string;
  component_id: string | null;
  ecosystem: string | null;
  component_name: string;
  component_version: string | null;
  purl: string | null;
  advisory_key: string;
  advisory_id: string;
  severity_rating: string;
  severity_score: number | null;
  known_exploited: number;
  kev_cve: string | null;
  fixed_version: string | null;
  version_comparable: number;
  match_source: string;
  match_range: string;
  match_rule: string;
  status: string;
  status_reason: string | null;
  status_by: string | null;
  accepted_until: string | null;
  first_seen_at: string;
  last_seen_at: string;
  resolved_at: string | null;
  updated_at: string;
}

export interface ExposureVexTable {
  id: string;
  vendor_id: string;
  vulnerability_id: string;
  purl: string | null;
  state: string;
  justification: string | null;
  detail: string | null;
  imported_by: string | null;
  imported_at: string;
}

export interface ExposureAlertsTable {
  id: string;
  finding_id: string;
  vendor_id: string;
  reason: string;
  title: string;
  created_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  notified_at: string | null;
}

export interface ExposureTables {
  exposure_sboms: ExposureSbomsTable;
  exposure_sbom_changes: ExposureSbomChangesTable;
  exposure_components: ExposureComponentsTable;
  exposure_advisories: ExposureAdvisoriesTable;
  exposure_advisory_packages: ExposureAdvisoryPackagesTable;
  exposure_advisory_cpes: ExposureAdvisoryCpesTable;
  exposure_aliases: ExposureAliasesTable;
  exposure_kev: ExposureKevTable;
  exposure_imports: ExposureImportsTable;
  exposure_findings: ExposureFindingsTable;
  exposure_vex: ExposureVexTable;
  exposure_alerts: ExposureAlertsTable;
}

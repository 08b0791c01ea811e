/** Table types of the trust module (see migrations/20261203100000_trust.ts). */
export interface TrustMeasuresTable {
  id: string;
  position: number;
  title: string;
  description: string;
  created_at: string;
  updated_at: string;
}

export interface TrustDocumentsTable {
  id: string;
  title: string;
  description: string;
  kind: string;
  access: string;
  file_name: string;
  media_type: string;
  byte_size: number;
  sha256: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface TrustDocumentRequestsTable {
  id: string;
  document_id: string;
  /** Sealed JSON: name, email, company, reason. */
  requester: string;
  status: string;
  link_hash: string | null;
  link_expires_at: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface TrustSubprocessorsTable {
  id: string;
  vendor_id: string;
  name: string;
  purpose: string;
  purpose_override: string | null;
  /** JSON array of category names, as published. */
  categories: string;
  location: string;
  state: string;
  go_live_on: string | null;
  announced_at: string | null;
  live_since: string | null;
  removed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface TrustSubprocessorChangesTable {
  id: string;
  subprocessor_id: string;
  kind: string;
  name: string;
  summary: string;
  at: string;
}

export interface TrustUpdatesTable {
  id: string;
  incident_id: string;
  state: string;
  title: string;
  body: string;
  published_by: string | null;
  published_at: string;
}

export interface TrustSubscribersTable {
  id: string;
  email_index: string;
  /** Sealed (AES-256-GCM, bound to the row id). */
  email: string;
  /** JSON array of topics awaiting confirmation. */
  pending_topics: string;
  nonce: string;
  confirmed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface TrustSubscriptionsTable {
  subscriber_id: string;
  topic: string;
  created_at: string;
}

export interface TrustAnnouncementsTable {
  kind: string;
  item_id: string;
  announced_at: string;
}

export interface TrustVersionTable {
  id: number;
  version: number;
}

export interface TrustTables {
  trust_measures: TrustMeasuresTable;
  trust_documents: TrustDocumentsTable;
  trust_document_requests: TrustDocumentRequestsTable;
  trust_subprocessors: TrustSubprocessorsTable;
  trust_subprocessor_changes: TrustSubprocessorChangesTable;
  trust_updates: TrustUpdatesTable;
  trust_subscribers: TrustSubscribersTable;
  trust_subscriptions: TrustSubscriptionsTable;
  trust_announcements: TrustAnnouncementsTable;
  trust_version: TrustVersionTable;
}

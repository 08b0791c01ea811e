import type { Severity } from '../../contracts/advisories.js';
import type {
  ReportState,
  ReportSummary,
  ResearcherView,
  SlaClock,
  TeamReportView,
} from '../../contracts/disclosure.js';
import type { SecretBox } from '../../lib/crypto.js';
import { ratingOfScore } from '../../lib/cvss.js';
import { renderMarkdown } from './disclosure.markdown.js';
import type { ReportRow } from './disclosure.reports.store.js';
import type { SlaFacts } from './disclosure.sla.js';
import type { Thread } from './disclosure.thread.js';

type ThreadContent = Awaited<ReturnType<Thread['read']>>;
export interface Contact {
  name: string | null;
  email: string | null;
}

// The associated data binds a sealed contact to its report: copied onto another, it won't open.
const contactData = (reportId: string) => `disclosure_reports:${reportId}`;

export const sealContact = (box: SecretBox, reportId: string, contact: Contact | null) =>
  contact && (contact.name || contact.email)
    ? box.seal(JSON.stringify(contact), contactData(reportId))
    : null;

export const openContact = (box: SecretBox, row: ReportRow): Contact | null =>
  row.contact_sealed
    ? (JSON.parse(box.open(row.contact_sealed, contactData(row.id))) as Contact)
    : null;

export const slaFactsOf = (row: ReportRow): SlaFacts => ({
  status: row.status as ReportState,
  severity: row.severity as Severity | null,
  receivedAt: row.received_at,
  firstResponseAt: row.first_response_at,
  triagedAt: row.triaged_at,
  fixedAt: row.fixed_at,
  closedAt: row.closed_at,
});

const parseList = (json: string) => JSON.parse(json) as string[];

export const summaryOf = (row: ReportRow, clocks: SlaClock[]): ReportSummary => ({
  id: row.id,
  number: Number(row.number),
  title: row.title,
  asset: row.asset,
  status: row.status as ReportState,
  severity: row.severity as Severity | null,
  ownerId: row.owner_id,
  receivedAt: row.received_at,
  updatedAt: row.updated_at,
  overdue: clocks.filter((c) => c.state === 'overdue').map((c) => c.clock),
});

function core(row: ReportRow, thread: ThreadContent) {
  const cvss =
    row.cvss_vector && row.cvss_version && row.cvss_score !== null
      ? {
          version: row.cvss_version as '3.1' | '4.0',
          vector: row.cvss_vector,
          score: Number(row.cvss_score),
          severity: ratingOfScore(Number(row.cvss_score), row.cvss_version as '3.1') as Severity,
        }
      : null;
  return {
    number: Number(row.number),
    title: row.title,
    description: row.description,
    descriptionHtml: renderMarkdown(row.description),
    steps: row.steps,
    stepsHtml: renderMarkdown(row.steps),
    asset: row.asset,
    status: row.status as ReportState,
    severity: row.severity as Severity | null,
    cvss,
    cwe: row.cwe_id && row.cwe_name ? { id: row.cwe_id, name: row.cwe_name } : null,
    receivedAt: row.received_at,
    disclosureDate: row.disclosure_date,
    messages: thread.messages,
    attachments: thread.attachments,
  };
}

const creditOf = (row: ReportRow) =>
  row.credit_name ? { name: row.credit_name, optIn: row.credit_opt_in === 1 } : null;

export function researcherViewOf(
  row: ReportRow,
  thread: ThreadContent,
  contact: Contact | null,
  advisory: { id: string; url: string } | null,
): ResearcherView {
  return {
    ...core(row, thread),
    credit: creditOf(row),
    notify: row.notify_researcher === 1,
    hasEmail: Boolean(contact?.email),
    advisory,
  };
}

export function teamViewOf(
  row: ReportRow,
  parts: {
    thread: ThreadContent;
    contact: Contact | null;
    clocks: SlaClock[];
    events: { kind: string; detail: string; actor: string; at: string }[];
    links: TeamReportView['links'];
    duplicateOf: { id: string; number: number } | null;
    duplicates: { id: string; number: number }[];
    advisoryId: string | null;
  },
): TeamReportView {
  return {
    id: row.id,
    ...core(row, parts.thread),
    suggestedSeverity: row.suggested_severity as Severity | null,
    contact: parts.contact,
    notify: row.notify_researcher === 1,
    credit: creditOf(row),
    affectedAssets: parseList(row.affected_assets),
    affectedVersions: parseList(row.affected_versions),
    duplicateOf: parts.duplicateOf,
    duplicates: parts.duplicates,
    incidentId: row.incident_id,
    ownerId: row.owner_id,
    clocks: parts.clocks,
    events: parts.events.map((e) => ({
      kind: e.kind,
      detail: JSON.parse(e.detail) as Record<string, unknown>,
      actor: e.actor,
      at: e.at,
    })),
    links: parts.links,
    advisoryId: parts.advisoryId,
    updatedAt: row.updated_at,
  };
}

import type {
  Incident,
  Review,
  ScopeSnapshot,
  Task,
  TimelineEntry,
} from '../../contracts/incidents.js';
import { escapeHtml as e } from './incidents.bundle.js';

export interface ReportFacts {
  incident: Incident;
  review: Review;
  tasks: Task[];
  scope: ScopeSnapshot | null;
  statusChanges: TimelineEntry[];
  /** Email of each user a task is assigned to. */
  people: ReadonlyMap<string, string>;
  generatedAt: string;
}

/** A status-change body's text field: written by Cordon as a string or null. */
const field = (entry: TimelineEntry, name: string, none: string) => {
  const value = entry.body[name];
  return typeof value === 'string' ? value : none;
};

const paragraphs = (text: string) =>
  text.trim() === ''
    ? '<p class="empty">Not written yet.</p>'
    : text
        .trim()
        .split(/\n{2,}/)
        .map((part) => `<p>${e(part).replace(/\n/g, '<br>')}</p>`)
        .join('');

/**
 * The post-incident report as one printable page: what happened and when (trigger times,
 * lifecycle), whom it reached, what the vendors owed, the review, and the action items. Every
 * value is escaped: titles and notes come from people, and vendors' words are quoted.
 */
export function reportHtml(facts: ReportFacts): string {
  const { incident, review, tasks, scope } = facts;
  const triggers = incident.triggers
    .filter((t) => t.at !== null)
    .map(
      (t) =>
        `<tr><td>${e(t.trigger)}</td><td>${e(t.at!)}</td><td>${e(t.source)}</td><td>${e(t.reason)}</td></tr>`,
    )
    .join('');
  const lifecycle = facts.statusChanges
    .map(
      (entry) =>
        `<tr><td>${e(entry.occurredAt)}</td><td>${e(field(entry, 'from', '—'))} → ${e(field(entry, 'to', '?'))}</td><td>${e(field(entry, 'reason', ''))}</td></tr>`,
    )
    .join('');
  const notices = incident.vendorNotices
    .map(
      (n) =>
        `<li>${e(n.vendorName)}: notice received ${e(n.receivedAt)}${n.dueAt ? `, due ${e(n.dueAt)} (${n.termHours} h from ${e(n.countedFrom ?? '')})` : ', no contract term'}${n.lateByHours ? `: <strong>${n.lateByHours} h late</strong>` : ''}</li>`,
    )
    .join('');
  const actionItems = tasks.filter((task) => task.actionItem);
  const open = tasks.filter((task) => task.status === 'open' && !task.actionItem);
  const itemRows = (items: Task[]) =>
    items
      .map(
        (task) =>
          `<tr><td>${e(task.title)}</td><td>${e((task.assigneeId && facts.people.get(task.assigneeId)) ?? task.role ?? '—')}</td><td>${e(task.dueAt ?? '—')}</td><td>${e(task.status)}</td></tr>`,
      )
      .join('');
  const jurisdictions = (scope?.byJurisdiction ?? [])
    .slice(0, 25)
    .map(
      (j) =>
        `<tr><td>${e(j.country ?? '?')}${j.region ? `-${e(j.region)}` : ''}</td><td>${j.customers}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Incident report: ${e(incident.title)}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:60em;color:#111}
h1{margin-bottom:0}table{border-collapse:collapse;width:100%;margin:.5em 0 1em}
td,th{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}.empty{color:#777}
.meta{color:#444}@media print{body{margin:0}a{color:inherit}}</style></head><body>
<h1>${e(incident.title)}</h1>
<p class="meta">Incident ${e(incident.id)} · ${e(incident.type)} · severity ${e(incident.severity)} · status ${e(incident.status)} · owner ${e(incident.ownerEmail ?? '—')}<br>
Report generated ${e(facts.generatedAt)}. Timeline: ${incident.timeline.entries} entries, chain head <code>${e(incident.timeline.headHash)}</code>.</p>
${incident.summary ? `<h2>Summary</h2>${paragraphs(incident.summary)}` : ''}
<h2>Trigger times</h2>
${triggers ? `<table><thead><tr><th>Trigger</th><th>At (UTC)</th><th>Source</th><th>Reason</th></tr></thead><tbody>${triggers}</tbody></table>` : '<p class="empty">None recorded.</p>'}
<h2>Lifecycle</h2>
<table><thead><tr><th>When (UTC)</th><th>Status</th><th>Reason</th></tr></thead><tbody>${lifecycle}</tbody></table>
<h2>Vendors' breach notices</h2>
${notices ? `<ul>${notices}</ul>` : '<p class="empty">None recorded.</p>'}
<h2>Who is affected</h2>
${
  scope
    ? `<p>${scope.customers} customers (${scope.unknownCustomers} not in the customer directory), exposure window ${e(scope.window.from)} to ${e(scope.window.to)}, snapshot ${e(scope.id)} of ${e(scope.takenAt)}, customer set SHA-256 <code>${e(scope.setSha256)}</code>.</p>
<table><thead><tr><th>Jurisdiction</th><th>Customers</th></tr></thead><tbody>${jurisdictions}</tbody></table>`
    : '<p class="empty">No scope snapshot taken.</p>'
}
<h2>Review</h2>
<h3>What happened</h3>${paragraphs(review.summary)}
<h3>Root cause</h3>${paragraphs(review.rootCause)}
<h3>What went well</h3>${paragraphs(review.wentWell)}
<h3>What to improve</h3>${paragraphs(review.toImprove)}
<h2>Action items</h2>
${actionItems.length ? `<table><thead><tr><th>Item</th><th>Owner</th><th>Due</th><th>Status</th></tr></thead><tbody>${itemRows(actionItems)}</tbody></table>` : '<p class="empty">None yet.</p>'}
${open.length ? `<h2>Response tasks still open</h2><table><thead><tr><th>Task</th><th>Owner</th><th>Due</th><th>Status</th></tr></thead><tbody>${itemRows(open)}</tbody></table>` : ''}
</body></html>
`;
}

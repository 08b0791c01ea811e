import type { PublicAdvisory } from '../../contracts/advisories.js';
import { html, paragraphs, type Html } from './trust.html.js';
import { alternatesOf, layout, stateBadge, time, type Chrome } from './trust.layout.js';
import type {
  Measure,
  StatusUpdate,
  Subprocessor,
  SubprocessorChange,
  TrustDocument,
} from './trust.types.js';

/**
 * The public pages, as functions of published data. Status updates render only their public
 * fields (state, title, body, date): an update's incident id is never printed.
 */
export interface Published {
  measures: Measure[];
  documents: TrustDocument[];
  updates: StatusUpdate[];
  subprocessors: {
    current: Subprocessor[];
    upcoming: Subprocessor[];
    changes: SubprocessorChange[];
  };
  advisories: PublicAdvisory[];
}

/** Export links come from the port as site-relative paths; anything else is not linked. */
const sitePath = (path: string) => (/^\/(?!\/)/.test(path) ? path : '#');

const UPDATES = alternatesOf('updates', 'Status updates');
const ADVISORIES = alternatesOf('advisories', 'Security advisories');
const SUBPROCESSORS = alternatesOf('subprocessors', 'Subprocessor changes');

/** The newest update of each incident, newest first: one entry per incident. */
export function threads(updates: StatusUpdate[]): StatusUpdate[] {
  const seen = new Set<string>();
  return updates.filter((u) => !seen.has(u.incidentId) && seen.add(u.incidentId));
}

function measureList(measures: Measure[]): Html {
  if (measures.length === 0) return html`<p class="muted">No measures are listed yet.</p>`;
  return html`<ol class="measures">
    ${measures.map(
      (m) =>
        html`<li>
          <h3>${m.title}</h3>
          ${paragraphs(m.description)}
        </li>`,
    )}
  </ol>`;
}

function threadList(updates: StatusUpdate[]): Html {
  const latest = threads(updates);
  if (latest.length === 0) return html`<p class="notice">No incidents have been reported.</p>`;
  return html`<ul>
    ${latest.map(
      (u) =>
        html`<li>
          <a href="/trust/updates/${u.id}">${u.title}</a> ${stateBadge(u.state)}
          <span class="muted">updated ${time(u.publishedAt, true)}</span>
        </li>`,
    )}
  </ul>`;
}

function advisoryList(advisories: PublicAdvisory[]): Html {
  if (advisories.length === 0) return html`<p class="muted">No advisories have been published.</p>`;
  return html`<table>
    <caption>
      Published advisories
    </caption>
    <thead>
      <tr>
        <th scope="col">Advisory</th>
        <th scope="col">Title</th>
        <th scope="col">Severity</th>
        <th scope="col">Published</th>
      </tr>
    </thead>
    <tbody>
      ${advisories.map(
        (a) =>
          html`<tr>
            <td><a href="/trust/advisories/${encodeURIComponent(a.id)}">${a.id}</a></td>
            <td>${a.title}</td>
            <td>${a.severity}</td>
            <td>${time(a.publishedAt)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function documentList(documents: TrustDocument[]): Html {
  if (documents.length === 0) return html`<p class="muted">No documents are published yet.</p>`;
  return html`<ul>
    ${documents.map(
      (d) =>
        html`<li>
          <strong>${d.title}</strong>
          <span class="muted">(${d.kind === 'certification' ? 'certification' : 'document'})</span
          >${d.description ? html` — ${d.description}` : null}<br />${
            d.access === 'public'
              ? html`<a href="/trust/documents/${d.id}/download" download
                  >Download ${d.fileName}</a
                >`
              : html`<a href="/trust/documents/${d.id}/request">Request access to ${d.title}</a>`
          }
        </li>`,
    )}
  </ul>`;
}

function subprocessorTable(items: Subprocessor[], caption: string, upcoming: boolean): Html {
  return html`<table>
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        <th scope="col">Name</th>
        <th scope="col">Purpose</th>
        <th scope="col">Data categories</th>
        <th scope="col">Location</th>
        ${upcoming ? html`<th scope="col">From</th>` : null}
      </tr>
    </thead>
    <tbody>
      ${items.map(
        (s) =>
          html`<tr>
            <th scope="row">${s.name}</th>
            <td>${s.purpose}</td>
            <td>${s.categories.join(', ') || 'None'}</td>
            <td>${s.location}</td>
            ${upcoming ? html`<td>${time(s.goLiveOn!)}</td>` : null}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function homePage(chrome: Chrome, data: Published): string {
  const { current, upcoming } = data.subprocessors;
  return layout(chrome, {
    title: 'Overview',
    path: '/trust',
    alternates: [...UPDATES, ...ADVISORIES, ...SUBPROCESSORS],
    body: html`<h1>${chrome.shopName} trust center</h1>
      <p>
        How ${chrome.shopName} protects your data, who processes it on our behalf, and what happened
        when something went wrong.
      </p>
      <section aria-labelledby="status">
        <h2 id="status">Current status</h2>
        ${threadList(data.updates.slice(0, 50))}
        <p><a href="/trust/updates">All status updates</a></p>
      </section>
      <section aria-labelledby="measures">
        <h2 id="measures">Security measures</h2>
        ${measureList(data.measures)}
      </section>
      <section aria-labelledby="documents">
        <h2 id="documents">Certifications and documents</h2>
        ${documentList(data.documents)}
      </section>
      <section aria-labelledby="subprocessors">
        <h2 id="subprocessors">Subprocessors</h2>
        <p>
          ${current.length}
          ${current.length === 1 ? 'subprocessor processes' : 'subprocessors process'} personal data
          for
          us${upcoming.length ? html`; ${upcoming.length} more ${upcoming.length === 1 ? 'is' : 'are'} announced` : null}.
          <a href="/trust/subprocessors">See the list and its changes</a>.
        </p>
      </section>
      <section aria-labelledby="advisories">
        <h2 id="advisories">Security advisories</h2>
        ${advisoryList(data.advisories.slice(0, 5))}
        <p><a href="/trust/advisories">All advisories</a></p>
      </section>
      <section aria-labelledby="subscribe">
        <h2 id="subscribe">Stay informed</h2>
        <p>
          <a href="/trust/subscribe">Subscribe by email</a> to status updates, advisories or
          subprocessor changes.
        </p>
      </section>`,
  });
}

export function subprocessorsPage(chrome: Chrome, data: Published): string {
  const { current, upcoming, changes } = data.subprocessors;
  return layout(chrome, {
    title: 'Subprocessors',
    path: '/trust/subprocessors',
    alternates: SUBPROCESSORS,
    body: html`<h1>Subprocessors</h1>
      <p>
        Companies that process personal data on ${chrome.shopName}'s behalf. New subprocessors are
        announced to <a href="/trust/subscribe">subscribers</a> before they start.
      </p>
      <h2>Current</h2>
      ${current.length ? subprocessorTable(current, 'Current subprocessors', false) : html`<p class="muted">None.</p>`}
      <h2>Upcoming</h2>
      ${upcoming.length ? subprocessorTable(upcoming, 'Announced subprocessors and the date they start', true) : html`<p class="muted">None announced.</p>`}
      <h2>Change log</h2>
      ${
        changes.length
          ? html`<table>
              <caption>
                Changes, newest first
              </caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                ${changes.map(
                  (c) =>
                    html`<tr>
                      <td>${time(c.at)}</td>
                      <td>${c.summary}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p class="muted">No changes yet.</p>`
      }`,
  });
}

export function updatesPage(chrome: Chrome, data: Published): string {
  return layout(chrome, {
    title: 'Status updates',
    path: '/trust/updates',
    alternates: UPDATES,
    body: html`<h1>Status updates</h1>
      ${threadList(data.updates)}`,
  });
}

export function threadPage(chrome: Chrome, thread: StatusUpdate[], id: string): string {
  const latest = thread[0]!;
  return layout(chrome, {
    title: latest.title,
    path: `/trust/updates/${id}`,
    alternates: UPDATES,
    body: html`<h1>${latest.title}</h1>
      <p>Current state: ${stateBadge(latest.state)}</p>
      <ol reversed>
        ${thread.map(
          (u) =>
            html`<li class="card" ${u.id === id ? html` id="this-update"` : null}>
              <h2>${stateBadge(u.state)} ${u.title}</h2>
              <p class="muted">Posted ${time(u.publishedAt, true)}</p>
              ${paragraphs(u.body)}
            </li>`,
        )}
      </ol>`,
  });
}

export function advisoriesPage(chrome: Chrome, data: Published): string {
  return layout(chrome, {
    title: 'Security advisories',
    path: '/trust/advisories',
    alternates: ADVISORIES,
    body: html`<h1>Security advisories</h1>
      ${advisoryList(data.advisories)}`,
  });
}

export function advisoryPage(chrome: Chrome, a: PublicAdvisory): string {
  return layout(chrome, {
    title: `${a.id}: ${a.title}`,
    path: `/trust/advisories/${a.id}`,
    alternates: ADVISORIES,
    body: html`<h1>${a.id}: ${a.title}</h1>
      <dl>
        <dt>Severity</dt>
        <dd>
          ${a.severity}${a.cvss ? html` (CVSS ${a.cvss.version} ${a.cvss.score.toFixed(1)}: <code>${a.cvss.vector}</code>)` : null}
        </dd>
        ${
          a.cwe
            ? html`<dt>Weakness</dt>
                <dd>${a.cwe.id}: ${a.cwe.name}</dd>`
            : null
        }
        <dt>Published</dt>
        <dd>${time(a.publishedAt)}</dd>
        <dt>Updated</dt>
        <dd>${time(a.updatedAt)}</dd>
        ${
          a.credit.length
            ? html`<dt>Credit</dt>
                <dd>${a.credit.join(', ')}</dd>`
            : null
        }
      </dl>
      <h2>Summary</h2>
      ${paragraphs(a.summary)}
      <h2>Machine-readable</h2>
      <ul>
        <li><a href="${sitePath(a.links.csaf)}">CSAF document</a></li>
        <li><a href="${sitePath(a.links.osv)}">OSV record</a></li>
      </ul>`,
  });
}

export function documentsPage(chrome: Chrome, data: Published): string {
  return layout(chrome, {
    title: 'Certifications and documents',
    path: '/trust/documents',
    body: html`<h1>Certifications and documents</h1>
      ${documentList(data.documents)}`,
  });
}

/** A small page for a message: not found, link expired, done. */
export function messagePage(
  chrome: Chrome,
  title: string,
  message: Html | string,
  path = '/trust/message',
): string {
  return layout(chrome, {
    title,
    path,
    body: html`<h1>${title}</h1>
      <p>${message}</p>
      <p><a href="/trust">Back to the trust center</a></p>`,
  });
}

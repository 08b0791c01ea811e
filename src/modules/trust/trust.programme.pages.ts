import type { z } from 'zod';
import type { hallOfFameEntry } from '../../contracts/advisories.js';
import type { Program } from '../../contracts/disclosure.js';
import { html, paragraphs } from './trust.html.js';
import { layout, time, type Chrome } from './trust.layout.js';

type HallOfFameEntry = z.infer<typeof hallOfFameEntry>;

/** What the disclosure programme publishes: its policy and the researchers it credits. */
export interface ProgrammePort {
  policy(): Promise<Program>;
  hallOfFame(): Promise<HallOfFameEntry[]>;
}

// Used until the shop writes its own: the commitments security.txt's Policy points at.
const DEFAULT_SAFE_HARBOUR = `We will not pursue legal action against, or ask law enforcement to investigate, anyone who finds and reports a vulnerability in good faith under this policy: who avoids privacy violations, data destruction and service disruption, reads or keeps no more data than needed to show the flaw, and gives us reasonable time to fix it before telling others.`;

const list = (items: string[], empty: string) =>
  items.length
    ? html`<ul>
        ${items.map((item) => html`<li>${item}</li>`)}
      </ul>`
    : html`<p class="muted">${empty}</p>`;

/** The vulnerability disclosure policy, generated from the programme's settings. */
export function policyPage(chrome: Chrome, program: Program): string {
  const { sla } = program;
  return layout(chrome, {
    title: 'Vulnerability disclosure policy',
    path: '/trust/vulnerability-disclosure',
    body: html`<h1>Vulnerability disclosure policy</h1>
      <p>
        ${chrome.shopName} welcomes reports of security vulnerabilities. This page says what is in
        scope, how to report, what we commit to, and how we protect you.
      </p>
      <h2>How to report</h2>
      ${program.howToReport ? paragraphs(program.howToReport) : null}
      <p>
        Use <a href="/report">the report form</a> (no account needed; you may stay anonymous) or the
        contacts in <a href="/.well-known/security.txt">security.txt</a>. You get a private link to
        follow the report and talk to the team.
      </p>
      <h2>Scope</h2>
      <h3>In scope</h3>
      ${list(program.inScope, 'All systems operated by the shop, unless listed below.')}
      <h3>Out of scope</h3>
      ${list(program.outOfScope, 'Nothing is excluded.')}
      <h2>Safe harbour</h2>
      ${paragraphs(program.safeHarbour || DEFAULT_SAFE_HARBOUR)}
      <h2>What we commit to</h2>
      <table>
        <caption>
          Our response targets
        </caption>
        <tbody>
          <tr>
            <th scope="row">First response</th>
            <td>within ${sla.firstResponseBusinessDays} business days</td>
          </tr>
          <tr>
            <th scope="row">Triage</th>
            <td>within ${sla.triageBusinessDays} business days</td>
          </tr>
          ${(['critical', 'high', 'medium', 'low'] as const).map(
            (severity) =>
              html`<tr>
                <th scope="row">Fix, ${severity} severity</th>
                <td>within ${sla.fixDays[severity]} days of triage</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h2>Disclosure</h2>
      <p>
        We ask you to keep a vulnerability confidential for ${program.disclosureWindowDays} days
        after your report, or until it is fixed, whichever is sooner; we agree a date with you and
        publish an <a href="/trust/advisories">advisory</a> crediting you, if you wish, in the
        <a href="/trust/hall-of-fame">hall of fame</a>.
      </p>`,
  });
}

export function hallOfFamePage(chrome: Chrome, entries: HallOfFameEntry[]): string {
  return layout(chrome, {
    title: 'Hall of fame',
    path: '/trust/hall-of-fame',
    body: html`<h1>Hall of fame</h1>
      <p>Researchers who reported valid vulnerabilities and chose to be credited. Thank you.</p>
      ${
        entries.length
          ? html`<ol class="measures">
              ${entries.map(
                (e) =>
                  html`<li>
                    <h2>${e.name}</h2>
                    <p>
                      ${e.reports} ${e.reports === 1 ? 'report' : 'reports'} since
                      ${time(e.firstAt)}${
                        e.advisories.length
                          ? html`; advisories:
                            ${e.advisories.map(
                              (id, i) =>
                                html`${i ? ', ' : ''}<a
                                    href="/trust/advisories/${encodeURIComponent(id)}"
                                    >${id}</a
                                  >`,
                            )}`
                          : null
                      }
                    </p>
                  </li>`,
              )}
            </ol>`
          : html`<p class="muted">No researcher has been credited yet.</p>`
      }`,
  });
}

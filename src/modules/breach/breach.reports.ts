import Handlebars from 'handlebars';
import type { Obligation } from '../../contracts/breach.js';
import type { Incident } from '../../contracts/incidents.js';
import { paragraphs } from './breach.notices.js';

type Rendered = { subject: string; sections: { heading: string; body: string }[] };
type Missing = { label: string; citation: string | null }[];

const escape = (text: string | number | null | undefined) =>
  Handlebars.Utils.escapeExpression(text === null || text === undefined ? '—' : String(text));

/**
 * A report to an authority as one printable HTML page: the facts the form asks for, filled in
 * from the incident and the obligation (who, what, when, how many, why the law applies), then
 * the notice text as the template renders it, and what the text still lacks. Everything is
 * escaped; there is no script, and the style prints on A4 and Letter alike.
 */
export function regulatorReport(input: {
  shop: { name: string; contactEmail: string };
  incident: Incident;
  obligation: Obligation;
  notice: Rendered;
  missing: Missing;
  generatedAt: string;
  triggers: Record<string, string | null>;
}): string {
  const { incident, obligation, notice } = input;
  const facts: [string, string | number | null][] = [
    ['To', obligation.recipientName ?? obligation.recipient.replaceAll('_', ' ')],
    ['Duty', `${obligation.duty} (${obligation.citation?.statute ?? obligation.ruleId})`],
    ['Reporting organisation', input.shop.name],
    ['Contact', input.shop.contactEmail],
    ['Incident', `${incident.title} (${incident.id})`],
    ['Became aware', input.triggers.aware ?? null],
    ['Discovered', input.triggers.discovered ?? null],
    ['Exposure from', input.triggers.exposure_from ?? null],
    ['Exposure to', input.triggers.exposure_to ?? null],
    ['People affected', obligation.affected],
    ['Deadline', `${obligation.deadline.text}${obligation.due ? `: due ${obligation.due}` : ''}`],
    ['Status', `${obligation.status.replaceAll('_', ' ')}${obligation.late ? ' (late)' : ''}`],
  ];
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<title>${escape(notice.subject)} · ${escape(obligation.key)}</title>`,
    '<style>',
    'body{font:11pt/1.45 Georgia,serif;max-width:46em;margin:2em auto;color:#111}',
    'h1{font-size:16pt}h2{font-size:12.5pt;margin-top:1.6em}',
    'table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3em .5em;text-align:left;vertical-align:top}',
    'th{width:30%;background:#f2f2f2}.gap{border:2px solid #b00;padding:.5em 1em}',
    'footer{margin-top:2em;font-size:9pt;color:#555}@page{margin:18mm}',
    '</style></head><body>',
    `<h1>${escape(notice.subject)}</h1>`,
    `<table>${facts.map(([label, value]) => `<tr><th>${escape(label)}</th><td>${escape(value)}</td></tr>`).join('')}</table>`,
    '<h2>Why the law applies</h2>',
    `<ul>${obligation.reasons.map((reason) => `<li>${escape(reason)}</li>`).join('')}</ul>`,
    input.missing.length
      ? `<div class="gap"><strong>Still to write before filing:</strong><ul>${input.missing
          .map((m) => `<li>${escape(m.label)}${m.citation ? ` (${escape(m.citation)})` : ''}</li>`)
          .join('')}</ul></div>`
      : '',
    ...notice.sections.map(
      (section) =>
        `${section.heading ? `<h2>${escape(section.heading)}</h2>` : ''}${paragraphs(section.body)}`,
    ),
    `<footer>Prepared by Cordon on ${escape(input.generatedAt)} from incident ${escape(incident.id)}; ${escape(obligation.citation?.url ?? '')}</footer>`,
    '</body></html>',
  ].join('\n');
}

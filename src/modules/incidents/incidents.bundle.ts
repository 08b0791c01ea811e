import { createHash } from 'node:crypto';
import type { Evidence, TimelineEntry } from '../../contracts/incidents.js';
import type { TimelineLink } from './incidents.timeline.js';

/** The format a bundle's manifest declares; a verifier refuses any other. */
export const BUNDLE_FORMAT = 'cordon-incident-bundle/1';

export interface BundleFile {
  path: string;
  bytes: Buffer;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  incident: { id: string; title: string };
  exportedAt: string;
  exportedBy: string | null;
  /** The timeline chain as exported: entries and the last entry's hash. */
  chain: { entries: number; headHash: string };
  privilegedIncluded: boolean;
  files: { path: string; sha256: string; bytes: number }[];
}

export const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
export const jsonFile = (path: string, value: unknown): BundleFile => ({
  path,
  bytes: Buffer.from(`${JSON.stringify(value, null, 2)}\n`),
});

/** Where an evidence file sits in the bundle: its id keeps two files of one name apart. */
export const evidencePath = (item: Pick<Evidence, 'id' | 'fileName'>) =>
  `evidence/${item.id}-${item.fileName}`;

export function manifestOf(
  files: readonly BundleFile[],
  facts: Omit<BundleManifest, 'format' | 'files'>,
): BundleManifest {
  return {
    format: BUNDLE_FORMAT,
    ...facts,
    files: files.map((file) => ({
      path: file.path,
      sha256: sha256Of(file.bytes),
      bytes: file.bytes.length,
    })),
  };
}

export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The timeline as a page people read and print; the JSON beside it is what is verified. */
export function timelineHtml(
  incident: { title: string; id: string },
  links: readonly TimelineLink[],
  headHash: string,
): string {
  const rows = links
    .map(
      (
        link,
      ) => `<tr><td>${link.seq}</td><td>${escapeHtml(link.occurredAt)}<br><small>${escapeHtml(link.occurredTimeZone)}, ${escapeHtml(link.confidence)}</small></td>
<td>${escapeHtml(link.kind)}</td><td>${escapeHtml(link.actor.label ?? link.actor.type)}</td>
<td><pre>${escapeHtml(JSON.stringify(link.body, null, 2))}</pre>${link.supersedes ? `<p>Corrects entry ${link.supersedes}</p>` : ''}</td>
<td><small>${escapeHtml(link.recordedAt)}<br><code>${link.hash}</code></small></td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Timeline: ${escapeHtml(incident.title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}pre{white-space:pre-wrap;margin:0}
code{word-break:break-all}</style></head><body>
<h1>${escapeHtml(incident.title)}</h1>
<p>Incident ${escapeHtml(incident.id)}. ${links.length} timeline entries; the chain's head is <code>${headHash}</code>.
Each entry's hash is SHA-256 of the previous hash and the entry's canonical JSON (RFC 8785), as in <code>timeline.json</code>.</p>
<table><thead><tr><th>#</th><th>Occurred</th><th>Kind</th><th>By</th><th>What</th><th>Recorded, hash</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>
`;
}

/** The listed form of an entry, for `timeline.json`: the hashed content with its chain. */
export type ExportedEntry = TimelineLink & Pick<TimelineEntry, 'supersededBy'>;

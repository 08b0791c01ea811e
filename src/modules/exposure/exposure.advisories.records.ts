import type { AdvisoryView, SeverityRating } from '../../contracts/exposure.js';
import type { StoredAdvisory } from './exposure.advisories.store.js';
import type { OsvRecord } from './exposure.advisories.read.js';
import { cpeIndexKey, describeBounds } from './exposure.cpe.match.js';
import { parseCpe } from './exposure.cpe.js';
import type { NvdCve } from './exposure.nvd.js';
import { advisoryPackageName, packageKeyOf } from './exposure.purl.js';
import { describeRange } from './exposure.match.js';
import { severityOf } from './exposure.severity.js';
import type { AdvisoryRow } from './exposure.types.js';

const SUMMARY_LENGTH = 300;

/** RFC 3339 (the reader checked it) as UTC; Go's zero time stays representable. */
function utc(instant: string | null): string | null {
  if (instant === null) return null;
  const parsed = Date.parse(instant);
  return Number.isNaN(parsed) ? instant : new Date(parsed).toISOString();
}

function summaryOf(summary: string | null, details: string | null): string | null {
  const text = summary?.trim() || details?.trim().split('\n')[0] || null;
  return text && text.length > SUMMARY_LENGTH ? `${text.slice(0, SUMMARY_LENGTH - 1)}…` : text;
}

function ratingOf(databaseSpecific: unknown): string | null {
  if (typeof databaseSpecific !== 'object' || databaseSpecific === null) return null;
  const severity = (databaseSpecific as Record<string, unknown>).severity;
  return typeof severity === 'string' ? severity : null;
}

/** An OSV record as stored: its index rows keyed by (ecosystem, advisory name). */
export function storedOsv(record: OsvRecord, source: string, now: string): StoredAdvisory {
  const key = `osv:${record.id}`;
  const vectors = [
    ...record.severity,
    ...record.affected.flatMap((affected) => affected.severity ?? []),
  ].map((severity) => severity.score);
  const severity = severityOf({ vectors, rating: ratingOf(record.databaseSpecific) });
  const packages = record.affected.flatMap((affected) => {
    const fromPurl = affected.package.purl ? packageKeyOf(affected.package.purl) : null;
    const ecosystem = affected.package.ecosystem || fromPurl?.ecosystem;
    const rawName = affected.package.name || fromPurl?.name;
    if (!ecosystem || !rawName) return [];
    return [
      {
        advisory_key: key,
        ecosystem,
        name: advisoryPackageName(ecosystem, rawName),
        affected: JSON.stringify({ ranges: affected.ranges, versions: affected.versions }),
      },
    ];
  });
  return {
    row: {
      key,
      id: record.id,
      kind: 'osv',
      source,
      // Compared as text to decide "newer": one form (UTC, milliseconds) for every source.
      modified: utc(record.modified)!,
      published: utc(record.published),
      withdrawn: utc(record.withdrawn),
      summary: summaryOf(record.summary, record.details),
      severity_rating: severity.rating,
      severity_score: severity.score,
      severity_vector: severity.vector,
      severity_source: severity.source,
      aliases: JSON.stringify(record.aliases),
      record: JSON.stringify(record),
      imported_at: now,
    },
    // A withdrawn advisory stays readable but leaves the index: nothing can match it.
    packages: record.withdrawn ? [] : packages,
    cpes: [],
    aliases: [record.id, ...record.aliases],
  };
}

/** An NVD CVE as stored: only its CPE criteria are indexed; it names no packages. */
export function storedNvd(cve: NvdCve, source: string, now: string): StoredAdvisory {
  const key = `nvd:${cve.id}`;
  const severity = severityOf({ vectors: cve.vectors });
  const cpes = cve.cpeMatches.flatMap((match) => {
    const parsed = parseCpe(match.criteria);
    const index = parsed && cpeIndexKey(parsed);
    if (!index) return [];
    const bounds = {
      startIncluding: match.versionStartIncluding,
      startExcluding: match.versionStartExcluding,
      endIncluding: match.versionEndIncluding,
      endExcluding: match.versionEndExcluding,
    };
    return [
      { advisory_key: key, ...index, criteria: match.criteria, bounds: JSON.stringify(bounds) },
    ];
  });
  return {
    row: {
      key,
      id: cve.id,
      kind: 'nvd',
      source,
      modified: cve.modified,
      published: cve.published,
      withdrawn: null,
      summary: summaryOf(null, cve.description),
      severity_rating: severity.rating,
      severity_score: severity.score,
      severity_vector: severity.vector,
      severity_source: severity.source,
      aliases: JSON.stringify([]),
      record: JSON.stringify(cve),
      imported_at: now,
    },
    packages: [],
    cpes,
    aliases: [cve.id],
  };
}

const DATABASES: [RegExp, string][] = [
  [/^GO-/, 'Go Vulnerability Database (pkg.go.dev/vuln), CC-BY-4.0'],
  [/^RUSTSEC-/, 'RustSec Advisory Database (rustsec.org), CC0-1.0'],
  [/^GHSA-/, 'GitHub Advisory Database (github.com/advisories), CC-BY-4.0'],
  [/^PYSEC-/, 'PyPA Advisory Database (github.com/pypa/advisory-database), CC-BY-4.0'],
  [
    /^CVE-/,
    'NVD (nvd.nist.gov); this product uses data from the NVD API but is not endorsed or certified by the NVD',
  ],
];

/** Whose data an advisory is, shown beside its text as the feeds' licences ask. */
export function attributionOf(id: string, kind: string, source: string): string {
  const database = DATABASES.find(([pattern]) => pattern.test(id))?.[1];
  if (kind === 'nvd') return DATABASES.at(-1)![1];
  return database ? `${database}; imported from ${source}` : `Imported from ${source}`;
}

/** An advisory for people: its text, where it came from, and what it says is affected. */
export function advisoryView(row: AdvisoryRow): AdvisoryView {
  const base = {
    id: row.id,
    kind: row.kind as AdvisoryView['kind'],
    source: row.source,
    attribution: attributionOf(row.id, row.kind, row.source),
    summary: row.summary,
    aliases: (JSON.parse(row.aliases) as string[]).filter((alias) => alias !== row.id),
    published: row.published,
    modified: row.modified,
    withdrawn: row.withdrawn,
    severity: row.severity_rating as SeverityRating,
    score: row.severity_score,
    vector: row.severity_vector,
    severitySource: row.severity_source,
  };
  if (row.kind === 'nvd') {
    const cve = JSON.parse(row.record) as NvdCve;
    return {
      ...base,
      details: cve.description,
      references: [{ type: 'ADVISORY', url: `https://nvd.nist.gov/vuln/detail/${cve.id}` }],
      affected: cve.cpeMatches.map((match) => ({
        package: match.criteria,
        ranges: [
          describeBounds({
            startIncluding: match.versionStartIncluding,
            startExcluding: match.versionStartExcluding,
            endIncluding: match.versionEndIncluding,
            endExcluding: match.versionEndExcluding,
          }),
        ].filter(Boolean),
        versions: [],
      })),
    };
  }
  const record = JSON.parse(row.record) as OsvRecord;
  return {
    ...base,
    details: record.details,
    references: record.references,
    affected: record.affected.map((affected) => ({
      package: `${affected.package.ecosystem}/${affected.package.name}`,
      ranges: affected.ranges
        .filter((range) => range.type !== 'GIT')
        .map((range) => `${range.type}: ${describeRange(range.events)}`),
      versions: affected.versions,
    })),
  };
}

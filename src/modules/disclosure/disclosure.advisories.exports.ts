import type { Advisory } from '../../contracts/advisories.js';

/**
 * The machine-readable forms of a published advisory: CSAF 2.0 (OASIS) and OSV. Both are
 * built from the same stored advisory and checked against their JSON schemas in the tests.
 */
export interface Publisher {
  name: string;
  /** The deployment's URL: CSAF's publisher namespace and the base of every link. */
  url: string;
}

const affectedId = (i: number) => `CSAFPID-1${String(i + 1).padStart(3, '0')}`;
const fixedId = (i: number) => `CSAFPID-2${String(i + 1).padStart(3, '0')}`;

/** CSAF § 5.1: the file name is the tracking id, lower-cased, other characters as `_`. */
export function csafFileName(id: string): string {
  return `${id.toLowerCase().replace(/[^+\-a-z0-9]+/g, '_')}.json`;
}

export function csafPath(advisory: Pick<Advisory, 'id' | 'publishedAt' | 'createdAt'>): string {
  const year = (advisory.publishedAt ?? advisory.createdAt).slice(0, 4);
  return `/.well-known/csaf/white/${year}/${csafFileName(advisory.id)}`;
}

export const osvPath = (id: string) => `/api/v1/public/advisories/${id}/osv.json`;

/** OSV ids need a registered database prefix; an unregistered publisher uses `x_`. */
export const osvId = (id: string) => `x_${id}`;

function productTree(advisory: Advisory, publisher: Publisher) {
  const { content } = advisory;
  const version = (name: string, productId: string, category: string) => ({
    category,
    name,
    product: { product_id: productId, name: `${content.product} ${name}` },
  });
  return {
    branches: [
      {
        category: 'vendor',
        name: publisher.name,
        branches: [
          {
            category: 'product_name',
            name: content.product,
            // A branch holds either further branches or a product: the versions are the products.
            branches: [
              ...content.affectedVersions.map((v, i) =>
                version(v, affectedId(i), 'product_version_range'),
              ),
              ...content.fixedVersions.map((v, i) => version(v, fixedId(i), 'product_version')),
            ],
          },
        ],
      },
    ],
  };
}

function scores(advisory: Advisory, products: string[]) {
  const cvss = advisory.cvss;
  // CSAF 2.0 has no CVSS 4.0 score object; a 4.0 vector is carried as a note instead.
  if (cvss?.version !== '3.1') return {};
  return {
    scores: [
      {
        cvss_v3: {
          version: '3.1',
          vectorString: cvss.vector,
          baseScore: cvss.score,
          baseSeverity: cvss.severity.toUpperCase(),
        },
        products,
      },
    ],
  };
}

export function toCsaf(advisory: Advisory, publisher: Publisher) {
  const { content } = advisory;
  const published = advisory.publishedAt ?? advisory.updatedAt;
  const affected = content.affectedVersions.map((_, i) => affectedId(i));
  const fixed = content.fixedVersions.map((_, i) => fixedId(i));
  const cvss4 = advisory.cvss?.version === '4.0' ? advisory.cvss : null;
  return {
    document: {
      category: 'csaf_security_advisory',
      csaf_version: '2.0',
      lang: 'en',
      title: content.title,
      publisher: { category: 'vendor', name: publisher.name, namespace: publisher.url },
      distribution: { tlp: { label: 'WHITE', url: 'https://www.first.org/tlp/' } },
      notes: [{ category: 'summary', title: 'Summary', text: content.summary }],
      references: [
        {
          category: 'self',
          summary: 'This advisory (CSAF)',
          url: `${publisher.url}${csafPath(advisory)}`,
        },
        ...content.references.map((url) => ({ category: 'external', summary: 'Reference', url })),
      ],
      ...(advisory.credit.length
        ? {
            acknowledgments: [
              { names: advisory.credit, summary: 'for reporting this vulnerability' },
            ],
          }
        : {}),
      tracking: {
        id: advisory.id,
        status: 'final',
        version: String(advisory.revisions.length),
        initial_release_date: advisory.revisions[0]?.date ?? published,
        current_release_date: advisory.revisions.at(-1)?.date ?? published,
        revision_history: advisory.revisions,
      },
    },
    product_tree: productTree(advisory, publisher),
    vulnerabilities: [
      {
        title: content.title,
        ...(advisory.cwe ? { cwe: advisory.cwe } : {}),
        notes: [
          { category: 'description', title: 'Description', text: content.summary },
          ...(content.details
            ? [{ category: 'details', title: 'Details', text: content.details }]
            : []),
          ...(cvss4
            ? [
                {
                  category: 'other',
                  title: 'CVSS v4.0',
                  text: `${cvss4.vector} (base score ${cvss4.score}, ${cvss4.severity})`,
                },
              ]
            : []),
        ],
        product_status: { known_affected: affected, ...(fixed.length ? { fixed } : {}) },
        remediations: [
          { category: 'vendor_fix', details: content.remediation, product_ids: affected },
        ],
        ...scores(advisory, affected),
        release_date: advisory.revisions[0]?.date ?? published,
      },
    ],
  };
}

export function toOsv(advisory: Advisory, publisher: Publisher) {
  const { content } = advisory;
  return {
    schema_version: '1.6.0',
    id: osvId(advisory.id),
    modified: advisory.updatedAt,
    published: advisory.publishedAt ?? advisory.updatedAt,
    summary: content.title,
    details: [content.summary, content.details, `Remediation: ${content.remediation}`]
      .filter(Boolean)
      .join('\n\n'),
    ...(advisory.cvss
      ? {
          severity: [
            {
              type: advisory.cvss.version === '4.0' ? 'CVSS_V4' : 'CVSS_V3',
              score: advisory.cvss.vector,
            },
          ],
        }
      : {}),
    references: [
      { type: 'ADVISORY', url: `${publisher.url}${csafPath(advisory)}` },
      ...content.references.map((url) => ({ type: 'WEB', url })),
    ],
    credits: advisory.credit.map((name) => ({ name, type: 'FINDER' })),
    // A shop's own service has no OSV ecosystem, so what is affected is said here.
    database_specific: {
      product: content.product,
      affected_versions: content.affectedVersions,
      fixed_versions: content.fixedVersions,
      severity: advisory.severity,
      ...(advisory.cwe ? { cwe_ids: [advisory.cwe.id] } : {}),
    },
  };
}

/** CSAF § 7.1.20: where the advisories are and who publishes them. */
export function providerMetadata(publisher: Publisher, lastUpdated: string) {
  return {
    canonical_url: `${publisher.url}/.well-known/csaf/provider-metadata.json`,
    distributions: [{ directory_url: `${publisher.url}/.well-known/csaf/white/` }],
    last_updated: lastUpdated,
    list_on_CSAF_aggregators: true,
    metadata_version: '2.0',
    mirror_on_CSAF_aggregators: true,
    publisher: { category: 'vendor', name: publisher.name, namespace: publisher.url },
    role: 'csaf_provider',
  };
}

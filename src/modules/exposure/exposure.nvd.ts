/**
 * CVEs from an NVD CVE API 2.0 response (`{ vulnerabilities: [{ cve }] }`), reduced to what
 * matching and severity need. A page is refused whole: a ValidationError names each bad field
 * as NVD spells it (`vulnerabilities[3].cve.configurations[0].nodes[1].cpeMatch[0].criteria`).
 *
 * Configurations are flattened to the vulnerable CPE matches of their OR nodes that are not
 * negated. An AND configuration ("application X running on platform Y") is reduced to its
 * vulnerable entries (X alone), which may flag X on a platform that is not affected: for a
 * risk tool a false alarm is cheaper than a miss. Negated nodes and AND nodes (which need
 * every CPE to be present) say nothing on their own about what is vulnerable, so they are
 * skipped.
 */
import { parseJsonFile } from './exposure.json.js';
import { z } from 'zod';
import { validationErrorOf, zodMessages } from './exposure.advisories.read.js';

export interface NvdCpeMatch {
  /** A CPE 2.3 name, usually with `*` for the version when bounds follow. */
  criteria: string;
  versionStartIncluding?: string;
  versionStartExcluding?: string;
  versionEndIncluding?: string;
  versionEndExcluding?: string;
}
export interface NvdCve {
  id: string;
  /** UTC instants; NVD writes them without a zone, so `Z` is added. */
  published: string;
  modified: string;
  /** NVD's `vulnStatus`, e.g. "Analyzed", "Modified", "Rejected". */
  status: string | null;
  /** The English description, if there is one. */
  description: string | null;
  /** CVSS vectors, newest version first and NVD's Primary before Secondary within one. */
  vectors: string[];
  cpeMatches: NvdCpeMatch[];
}

const timestamp = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/,
    'must be an ISO 8601 date-time',
  );

const cpeMatchSchema = z.object({
  vulnerable: z.boolean(),
  criteria: z.string().regex(/^cpe:2\.3:/, 'must be a CPE 2.3 name (cpe:2.3:...)'),
  matchCriteriaId: z.string().optional(),
  versionStartIncluding: z.string().optional(),
  versionStartExcluding: z.string().optional(),
  versionEndIncluding: z.string().optional(),
  versionEndExcluding: z.string().optional(),
});
const operator = z.enum(['AND', 'OR'], { error: 'must be "AND" or "OR"' });
const nodeSchema = z.object({
  operator,
  negate: z.boolean().optional(),
  cpeMatch: z.array(cpeMatchSchema),
});
const configurationSchema = z.object({
  operator: operator.optional(),
  negate: z.boolean().optional(),
  nodes: z.array(nodeSchema),
});
const metricsSchema = z
  .array(
    z.object({
      source: z.string().optional(),
      type: z.string().optional(),
      cvssData: z.object({ vectorString: z.string() }),
    }),
  )
  .optional();

const cveSchema = z.object({
  id: z.string().regex(/^CVE-\d{4}-\d{4,}$/, 'must be a CVE ID like CVE-2021-44228'),
  published: timestamp,
  lastModified: timestamp,
  vulnStatus: z.string().optional(),
  descriptions: z.array(z.object({ lang: z.string(), value: z.string() })),
  metrics: z
    .object({
      cvssMetricV40: metricsSchema,
      cvssMetricV31: metricsSchema,
      cvssMetricV30: metricsSchema,
      cvssMetricV2: metricsSchema,
    })
    .optional(),
  configurations: z.array(configurationSchema).optional(),
});
const responseSchema = z.object({ vulnerabilities: z.array(z.object({ cve: cveSchema })) });
type ParsedCve = z.infer<typeof cveSchema>;

function utc(value: string): string {
  return /(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`;
}

function vectorsOf(metrics: ParsedCve['metrics']): string[] {
  if (!metrics) return [];
  const lists = [
    metrics.cvssMetricV40,
    metrics.cvssMetricV31,
    metrics.cvssMetricV30,
    metrics.cvssMetricV2,
  ];
  const vectors = lists.flatMap((list) =>
    [...(list ?? [])]
      .sort((a, b) => Number(b.type === 'Primary') - Number(a.type === 'Primary'))
      .map((metric) => metric.cvssData.vectorString.trim()),
  );
  return [...new Set(vectors)];
}

function cpeMatchesOf(configurations: ParsedCve['configurations']): NvdCpeMatch[] {
  const seen = new Map<string, NvdCpeMatch>();
  for (const configuration of configurations ?? []) {
    for (const node of configuration.nodes) {
      if (node.operator !== 'OR' || node.negate === true) continue;
      for (const { vulnerable, matchCriteriaId: _id, ...match } of node.cpeMatch) {
        if (!vulnerable) continue;
        // The same range often appears in several configurations; one copy is enough.
        seen.set(JSON.stringify(match), match);
      }
    }
  }
  return [...seen.values()];
}

function toCve(cve: ParsedCve): NvdCve {
  const english =
    cve.descriptions.find((d) => d.lang === 'en') ??
    cve.descriptions.find((d) => d.lang.startsWith('en'));
  return {
    id: cve.id,
    published: utc(cve.published),
    modified: utc(cve.lastModified),
    status: cve.vulnStatus ?? null,
    description: english?.value.trim() || null,
    vectors: vectorsOf(cve.metrics),
    cpeMatches: cpeMatchesOf(cve.configurations),
  };
}

/** Parses one NVD CVE API 2.0 response; throws ValidationError naming the bad fields. */
export function parseNvdCves(bytes: Buffer): NvdCve[] {
  const json = parseJsonFile(bytes, 'the NVD response');
  const parsed = responseSchema.safeParse(json, zodMessages);
  if (!parsed.success) throw validationErrorOf(parsed.error, 'the NVD response');
  return parsed.data.vulnerabilities.map(({ cve }) => toCve(cve));
}

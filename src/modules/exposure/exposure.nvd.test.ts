import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../lib/errors.js';
import { parseNvdCves } from './exposure.nvd.js';
import { severityOf } from './exposure.severity.js';

const GHOSTCAT = readFileSync(
  fileURLToPath(new URL('../../../test/fixtures/nvd/CVE-2020-1938.json', import.meta.url)),
);
const TOMCAT = 'cpe:2.3:a:apache:tomcat:*:*:*:*:*:*:*:*';

function page(cve: Record<string, unknown>): Buffer {
  const base = {
    id: 'CVE-2024-0001',
    published: '2024-01-01T00:00:00.000',
    lastModified: '2024-01-02T00:00:00.000',
    descriptions: [{ lang: 'en', value: 'A flaw.' }],
  };
  return Buffer.from(JSON.stringify({ vulnerabilities: [{ cve: { ...base, ...cve } }] }));
}
function refusal(bytes: Buffer): ValidationError {
  try {
    parseNvdCves(bytes);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected the response to be refused');
}
const match = (criteria: string, vulnerable = true, bounds: Record<string, string> = {}) => ({
  vulnerable,
  criteria,
  matchCriteriaId: '00000000-0000-0000-0000-000000000000',
  ...bounds,
});

describe('CVE-2020-1938 (Ghostcat) as NVD publishes it', () => {
  const [cve, ...rest] = parseNvdCves(GHOSTCAT);

  it('reads the identity, UTC times and the English description', () => {
    expect(rest).toEqual([]);
    expect(cve).toMatchObject({
      id: 'CVE-2020-1938',
      published: '2020-02-24T22:15:11.457Z',
      modified: '2025-02-04T21:15:21.343Z',
      status: 'Modified',
    });
    expect(cve!.description).toMatch(/^When using the Apache JServ Protocol \(AJP\)/);
  });

  it('finds the CVSS vectors, newest version first, and they score 9.8 critical', () => {
    expect(cve!.vectors).toEqual([
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      'AV:N/AC:L/Au:N/C:P/I:P/A:P',
    ]);
    expect(severityOf({ vectors: cve!.vectors })).toMatchObject({ score: 9.8, rating: 'critical' });
  });

  it('flattens the configurations to the vulnerable CPE matches', () => {
    expect(cve!.cpeMatches.slice(0, 3)).toEqual([
      { criteria: TOMCAT, versionStartIncluding: '7.0.0', versionEndExcluding: '7.0.100' },
      { criteria: TOMCAT, versionStartIncluding: '8.5.0', versionEndExcluding: '8.5.51' },
      { criteria: TOMCAT, versionStartIncluding: '9.0.0', versionEndExcluding: '9.0.31' },
    ]);
    const criteria = cve!.cpeMatches.map((m) => m.criteria);
    expect(criteria).toHaveLength(10);
    expect(criteria).toContain('cpe:2.3:o:debian:debian_linux:10.0:*:*:*:*:*:*:*');
    // The AND configuration keeps its vulnerable application and drops the platform it runs on.
    expect(criteria).toContain('cpe:2.3:a:apache:geronimo:3.0.1:*:*:*:*:*:*:*');
    expect(criteria.filter((c) => c.includes(':microsoft:windows:'))).toEqual([]);
  });
});

describe('configurations and metrics', () => {
  it('skips negated nodes, AND nodes and entries that are not vulnerable; merges repeats', () => {
    const [cve] = parseNvdCves(
      page({
        configurations: [
          {
            operator: 'AND',
            nodes: [
              {
                operator: 'OR',
                negate: false,
                cpeMatch: [match('cpe:2.3:a:x:app:*:*:*:*:*:*:*:*')],
              },
              {
                operator: 'OR',
                negate: true,
                cpeMatch: [match('cpe:2.3:o:x:negated:*:*:*:*:*:*:*:*')],
              },
            ],
          },
          {
            nodes: [
              { operator: 'AND', cpeMatch: [match('cpe:2.3:a:x:and-node:1:*:*:*:*:*:*:*')] },
              { operator: 'OR', cpeMatch: [match('cpe:2.3:a:x:app:*:*:*:*:*:*:*:*')] },
              { operator: 'OR', cpeMatch: [match('cpe:2.3:o:x:platform:-:*:*:*:*:*:*:*', false)] },
            ],
          },
        ],
      }),
    );
    expect(cve!.cpeMatches).toEqual([{ criteria: 'cpe:2.3:a:x:app:*:*:*:*:*:*:*:*' }]);
  });

  it('puts NVD Primary metrics before Secondary ones within a version', () => {
    const metric = (type: string, vectorString: string) => ({
      source: 's',
      type,
      cvssData: { vectorString },
    });
    const [cve] = parseNvdCves(
      page({
        metrics: {
          cvssMetricV2: [metric('Primary', 'AV:N/AC:L/Au:N/C:P/I:P/A:P')],
          cvssMetricV31: [
            metric('Secondary', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N'),
            metric('Primary', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'),
          ],
          cvssMetricV40: [
            metric('Secondary', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'),
          ],
        },
      }),
    );
    expect(cve!.vectors).toEqual([
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N',
      'AV:N/AC:L/Au:N/C:P/I:P/A:P',
    ]);
  });

  it('reads a CVE awaiting analysis (no metrics, no configurations, no English text)', () => {
    const [cve] = parseNvdCves(
      page({ vulnStatus: 'Awaiting Analysis', descriptions: [{ lang: 'es', value: 'Un fallo.' }] }),
    );
    expect(cve).toEqual({
      id: 'CVE-2024-0001',
      published: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-02T00:00:00.000Z',
      status: 'Awaiting Analysis',
      description: null,
      vectors: [],
      cpeMatches: [],
    });
  });

  it('reads an empty page', () => {
    expect(parseNvdCves(Buffer.from('{"resultsPerPage":0,"vulnerabilities":[]}'))).toEqual([]);
  });
});

describe('bad responses', () => {
  it('refuses bytes that are not JSON', () => {
    const error = refusal(Buffer.from('{"vulnerabilities": ['));
    expect(error.issues[0]!.field).toBe('file');
    expect(error.message).toMatch(/^file: the NVD response is not valid JSON/);
  });

  it('names the bad field by its path in the response', () => {
    const error = refusal(
      page({
        id: 'CVE-1',
        configurations: [
          { nodes: [{ operator: 'XOR', cpeMatch: [match('cpe:/a:apache:tomcat')] }] },
        ],
      }),
    );
    expect(error.issues).toEqual([
      { field: 'vulnerabilities[0].cve.id', message: 'must be a CVE ID like CVE-2021-44228' },
      {
        field: 'vulnerabilities[0].cve.configurations[0].nodes[0].operator',
        message: 'must be "AND" or "OR"',
      },
      {
        field: 'vulnerabilities[0].cve.configurations[0].nodes[0].cpeMatch[0].criteria',
        message: 'must be a CPE 2.3 name (cpe:2.3:...)',
      },
    ]);
  });

  it('refuses a response without vulnerabilities, or CVEs without their required fields', () => {
    expect(refusal(Buffer.from('{"totalResults": 0}')).issues).toEqual([
      { field: 'vulnerabilities', message: 'is required' },
    ]);
    expect(
      refusal(page({ lastModified: undefined, descriptions: 'x' })).issues.map((i) => i.field),
    ).toEqual(['vulnerabilities[0].cve.lastModified', 'vulnerabilities[0].cve.descriptions']);
    expect(refusal(page({ published: '24 Feb 2020' })).issues[0]!.field).toBe(
      'vulnerabilities[0].cve.published',
    );
  });

  it('throws nothing but ValidationError for arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.json(), (json) => {
        try {
          parseNvdCves(Buffer.from(json));
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../lib/errors.js';
import { parseKevCatalog } from './exposure.kev.js';

const CATALOG = readFileSync(
  fileURLToPath(new URL('../../../../shared/data/advisories/cisa-kev.json', import.meta.url)),
);

interface RawCatalog {
  count: number;
  vulnerabilities: Record<string, unknown>[];
  [key: string]: unknown;
}
function edited(change: (catalog: RawCatalog) => void): Buffer {
  const catalog = JSON.parse(CATALOG.toString('utf8')) as RawCatalog;
  change(catalog);
  return Buffer.from(JSON.stringify(catalog));
}
function refusal(bytes: Buffer): ValidationError {
  try {
    parseKevCatalog(bytes);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected the catalog to be refused');
}

describe('the real CISA KEV catalog', () => {
  const catalog = parseKevCatalog(CATALOG);

  it('has 1,404 entries in version 2025.08.25', () => {
    expect(catalog.catalogVersion).toBe('2025.08.25');
    expect(catalog.dateReleased).toBe('2025-08-25T17:04:19.9796Z');
    expect(catalog.entries).toHaveLength(1404);
  });

  it('maps each entry to its own names', () => {
    expect(catalog.entries.find((entry) => entry.cveId === 'CVE-2020-1938')).toEqual({
      cveId: 'CVE-2020-1938',
      vendorProject: 'Apache',
      product: 'Tomcat',
      name: 'Apache Tomcat Improper Privilege Management Vulnerability',
      dateAdded: '2022-03-03',
      dueDate: '2022-03-17',
      shortDescription: expect.stringContaining('Apache JServ Protocol (AJP)'),
      requiredAction: 'Apply updates per vendor instructions.',
      knownRansomwareCampaignUse: 'Unknown',
      notes: 'https://nvd.nist.gov/vuln/detail/CVE-2020-1938',
      cwes: [],
    });
    expect(catalog.entries[0]!.cwes).toEqual(['CWE-59', 'CWE-436']);
  });

  it('keeps the ransomware flag', () => {
    const known = catalog.entries.filter((entry) => entry.knownRansomwareCampaignUse === 'Known');
    expect(known).toHaveLength(293);
  });
});

describe('bad catalogs', () => {
  it('refuses bytes that are not JSON', () => {
    const error = refusal(Buffer.from('<html>Service Unavailable</html>'));
    expect(error.issues[0]!.field).toBe('file');
    expect(error.message).toMatch(/^file: the KEV catalog is not valid JSON/);
  });

  it('names the entry and field that is wrong, as the catalog spells them', () => {
    const error = refusal(
      edited((catalog) => {
        catalog.vulnerabilities[12]!.cveID = 'CVE-22-1';
        delete catalog.vulnerabilities[3]!.product;
        catalog.vulnerabilities[5]!.dueDate = '2025-02-30';
        catalog.vulnerabilities[7]!.knownRansomwareCampaignUse = 'Maybe';
        catalog.vulnerabilities[8]!.cwes = ['79'];
      }),
    );
    expect(error.issues).toEqual([
      { field: 'vulnerabilities[3].product', message: 'is required' },
      { field: 'vulnerabilities[5].dueDate', message: 'must be a date (YYYY-MM-DD)' },
      {
        field: 'vulnerabilities[7].knownRansomwareCampaignUse',
        message: 'must be "Known" or "Unknown"',
      },
      { field: 'vulnerabilities[8].cwes[0]', message: 'must be a CWE ID like CWE-79' },
      { field: 'vulnerabilities[12].cveID', message: 'must be a CVE ID like CVE-2021-44228' },
    ]);
    expect(error.message).toBe(
      'the KEV catalog is not valid: vulnerabilities[3].product: is required (and 4 more problems)',
    );
  });

  it('refuses a count that disagrees with the list, and a repeated CVE', () => {
    expect(refusal(edited((c) => void c.vulnerabilities.pop())).issues).toEqual([
      { field: 'count', message: 'says 1404 but the catalog lists 1403' },
    ]);
    const repeated = edited((c) => {
      c.vulnerabilities[40]!.cveID = c.vulnerabilities[2]!.cveID;
    });
    expect(refusal(repeated).issues).toEqual([
      {
        field: 'vulnerabilities[40].cveID',
        message: 'repeats CVE-2024-8069 from vulnerabilities[2]',
      },
    ]);
  });

  it('refuses a catalog without its header fields, or of the wrong shape', () => {
    expect(refusal(Buffer.from('[]')).issues[0]!.field).toBe('(root)');
    expect(refusal(Buffer.from('{"vulnerabilities": []}')).issues.map((i) => i.field)).toEqual([
      'catalogVersion',
      'dateReleased',
      'count',
    ]);
  });

  it('reads the optional fields as CISA means them when absent', () => {
    const bytes = edited((catalog) => {
      const entry = catalog.vulnerabilities[0]!;
      delete entry.knownRansomwareCampaignUse;
      delete entry.notes;
      delete entry.cwes;
    });
    expect(parseKevCatalog(bytes).entries[0]).toMatchObject({
      knownRansomwareCampaignUse: 'Unknown',
      notes: '',
      cwes: [],
    });
  });

  it('throws nothing but ValidationError for arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.json(), (json) => {
        expect(() => parseKevCatalog(Buffer.from(json))).toThrow(ValidationError);
      }),
      { numRuns: 300 },
    );
  });
});

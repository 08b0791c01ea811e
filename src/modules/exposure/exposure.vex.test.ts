import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../lib/errors.js';
import { parseVex } from './exposure.vex.js';

const vex = (extra: Record<string, unknown>) =>
  JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, ...extra });

/** A VEX document in the shape CycloneDX's own examples use: components plus statements. */
const example = {
  metadata: { component: { 'bom-ref': 'product', name: 'shop', purl: 'pkg:npm/shop@2.0.0' } },
  components: [
    {
      'bom-ref': 'log4j',
      name: 'log4j-core',
      group: 'org.apache.logging.log4j',
      version: '2.14.1',
      purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
    },
    { 'bom-ref': 'no-purl', name: 'in-house' },
  ],
  vulnerabilities: [
    {
      id: 'CVE-2021-44228',
      source: { name: 'NVD', url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228' },
      references: [
        { id: 'GHSA-jfh8-c2jp-5v3q', source: { name: 'GitHub' } },
        { id: 'CVE-2021-44228' },
        { id: 'GHSA-jfh8-c2jp-5v3q' },
      ],
      analysis: {
        state: 'not_affected',
        justification: 'code_not_reachable',
        detail: 'JNDI lookups are disabled by configuration.',
      },
      affects: [
        {
          ref: 'log4j',
          versions: [{ version: '2.14.1' }, { range: 'vers:maven/<2.15.0', status: 'unaffected' }],
        },
        { ref: 'product' },
      ],
    },
    {
      id: 'CVE-2022-0001',
      analysis: { state: 'in_triage' },
      affects: [
        { ref: 'pkg:npm/lodash@4.17.20' },
        { ref: 'no-purl' },
        { ref: 'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#pkg%3Anpm%2Fexpress%404.17.1' },
        { ref: 'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#some-bom-ref' },
      ],
    },
  ],
};

function refusal(input: string | Buffer): ValidationError {
  try {
    parseVex(input);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('parseVex', () => {
  it('reads statements, aliases and analysis, resolving refs to purls', () => {
    const statements = parseVex(Buffer.from(vex(example)), 'shop.vex.json');
    expect(statements).toEqual([
      {
        vulnerabilityId: 'CVE-2021-44228',
        aliases: ['GHSA-jfh8-c2jp-5v3q'],
        state: 'not_affected',
        justification: 'code_not_reachable',
        detail: 'JNDI lookups are disabled by configuration.',
        affects: [
          {
            purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
            ref: 'log4j',
            versions: [
              { version: '2.14.1', range: null, status: 'affected' },
              { version: null, range: 'vers:maven/<2.15.0', status: 'unaffected' },
            ],
          },
          { purl: 'pkg:npm/shop@2.0.0', ref: 'product' },
        ],
      },
      {
        vulnerabilityId: 'CVE-2022-0001',
        aliases: [],
        state: 'in_triage',
        justification: null,
        detail: null,
        affects: [
          { purl: 'pkg:npm/lodash@4.17.20', ref: 'pkg:npm/lodash@4.17.20' },
          { purl: null, ref: 'no-purl' },
          {
            purl: 'pkg:npm/express@4.17.1',
            ref: 'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#pkg%3Anpm%2Fexpress%404.17.1',
          },
          { purl: null, ref: 'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#some-bom-ref' },
        ],
      },
    ]);
  });

  it('accepts every analysis state', () => {
    const states = [
      'resolved',
      'resolved_with_pedigree',
      'exploitable',
      'in_triage',
      'false_positive',
      'not_affected',
    ];
    const vulnerabilities = states.map((state, index) => ({
      id: `CVE-2024-${1000 + index}`,
      analysis: { state },
      affects: [{ ref: 'pkg:npm/a@1.0.0' }],
    }));
    expect(parseVex(vex({ vulnerabilities })).map((statement) => statement.state)).toEqual(states);
    expect(parseVex(vex({ specVersion: '1.6', vulnerabilities: [] }))).toEqual([]);
  });

  it.each([
    ['not JSON', '{"bomFormat":', 'vex', /^is not valid JSON \(/],
    ['not an object', '"vex"', 'vex', /must be a JSON object/],
    [
      'not CycloneDX',
      '{"@context":"https://openvex.dev/ns/v0.2.0"}',
      'vex.bomFormat',
      /^is required \(must be "CycloneDX": only CycloneDX VEX is supported\)$/,
    ],
    [
      'CycloneDX 1.3',
      vex({ specVersion: '1.3', vulnerabilities: [] }),
      'vex.specVersion',
      /^CycloneDX 1\.3 is not supported; 1\.4 to 1\.6 are$/,
    ],
    ['no vulnerabilities', vex({}), 'vex.vulnerabilities', /^is required$/],
    [
      'vulnerabilities not an array',
      vex({ vulnerabilities: {} }),
      'vex.vulnerabilities',
      /^must be an array$/,
    ],
    [
      'CycloneDX XML',
      '<bom xmlns="http://cyclonedx.org/schema/bom/1.5"/>',
      'vex',
      /CycloneDX XML is not supported/,
    ],
  ])('refuses %s', (_case, input, field, message) => {
    const error = refusal(input);
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]!.field).toBe(field);
    expect(error.issues[0]!.message).toMatch(message);
  });

  it('names every bad statement field, the document refused whole', () => {
    const good = {
      id: 'CVE-2024-1',
      analysis: { state: 'resolved' },
      affects: [{ ref: 'pkg:npm/a@1.0.0' }],
    };
    const error = refusal(
      vex({
        components: [{ name: 'bad', purl: 'pkg:maven/no-namespace@1' }],
        vulnerabilities: [
          good,
          { id: 'CVE-2024-2', affects: [{ ref: 'x' }] },
          { id: 'CVE-2024-3', analysis: { state: 'fixed', justification: 'because' }, affects: [] },
          { analysis: { state: 'resolved' }, affects: [{ versions: [{ status: 'affected' }] }] },
          'CVE-2024-5',
        ],
      }),
    );
    expect(error.issues.map(({ field }) => field)).toEqual([
      'vex.components[0].purl',
      'vex.vulnerabilities[1].analysis',
      'vex.vulnerabilities[2].analysis.state',
      'vex.vulnerabilities[2].analysis.justification',
      'vex.vulnerabilities[2].affects',
      'vex.vulnerabilities[3].id',
      'vex.vulnerabilities[3].affects[0].ref',
      'vex.vulnerabilities[3].affects[0].versions[0]',
      'vex.vulnerabilities[4]',
    ]);
    const byField = Object.fromEntries(error.issues.map(({ field, message }) => [field, message]));
    expect(byField['vex.vulnerabilities[2].analysis.state']).toBe(
      "'fixed' is not a CycloneDX analysis state (one of resolved, resolved_with_pedigree, exploitable, in_triage, false_positive, not_affected)",
    );
    expect(byField['vex.vulnerabilities[1].analysis']).toBe(
      'is required: a VEX statement needs analysis.state',
    );
    expect(byField['vex.vulnerabilities[3].affects[0].versions[0]']).toBe(
      'needs a version or a range',
    );
    expect(error.message).toMatch(/^The VEX document was refused with 9 problems/);
  });
});

describe('property: nothing but ValidationError escapes', () => {
  function parsesOrRefuses(input: string | Buffer): void {
    try {
      parseVex(input);
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
    }
  }

  it('for arbitrary JSON in any field of a statement, and mutations of a valid document', () => {
    const valid = vex(example);
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.constantFrom('id', 'references', 'analysis', 'affects', 'source'),
        fc.nat(),
        fc.string({ maxLength: 4 }),
        (value, key, at, insert) => {
          parsesOrRefuses(JSON.stringify(value));
          parsesOrRefuses(vex({ ...example, vulnerabilities: [value] }));
          parsesOrRefuses(vex({ ...example, components: value, metadata: { component: value } }));
          const [first] = example.vulnerabilities;
          parsesOrRefuses(vex({ vulnerabilities: [{ ...first, [key]: value }] }));
          parsesOrRefuses(vex({ vulnerabilities: [{ ...first, analysis: { state: value } }] }));
          parsesOrRefuses(
            vex({ vulnerabilities: [{ ...first, affects: [{ ref: value, versions: value }] }] }),
          );
          const position = at % valid.length;
          parsesOrRefuses(valid.slice(0, position) + insert + valid.slice(position + 1));
        },
      ),
      { numRuns: 300 },
    );
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../lib/errors.js';
import { parseSbom } from './exposure.sbom.js';

const SBOMS = fileURLToPath(new URL('../../../../shared/data/sbom/', import.meta.url));
const sbomFiles = readdirSync(SBOMS).filter((file) => file.endsWith('.cdx.json'));
const readSbom = (file: string) => readFileSync(`${SBOMS}${file}`, 'utf8');

/** Counts, independently of the parser, the objects carrying a purl outside `metadata`. */
function countPurls(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countPurls(item), 0);
  if (typeof value !== 'object' || value === null) return 0;
  return Object.entries(value).reduce(
    (sum, [key, inner]) =>
      key === 'metadata'
        ? sum
        : sum + (key === 'purl' && typeof inner === 'string' ? 1 : countPurls(inner)),
    0,
  );
}

/** Runs `parse` and returns the ValidationError it must throw. */
function refusal(input: string | Buffer, fileName?: string): ValidationError {
  try {
    parseSbom(input, fileName);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

const cycloneDx = (extra: Record<string, unknown>) =>
  JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', ...extra });

describe('CycloneDX JSON from ../shared/data/sbom', () => {
  it('finds the four shared SBOMs', () => {
    expect(sbomFiles).toHaveLength(4);
  });

  it.each(sbomFiles)('parses %s with every component', (file) => {
    const raw = readSbom(file);
    const parsed = parseSbom(raw, file);
    expect(parsed.format).toBe('cyclonedx');
    expect(parsed.components).toHaveLength(countPurls(JSON.parse(raw)));
    expect(parsed.components.every((component) => component.purl?.startsWith('pkg:'))).toBe(true);
  });

  it('reads keycloak (CycloneDX 1.2, Maven) without its own metadata component', () => {
    const parsed = parseSbom(Buffer.from(readSbom('keycloak-10.0.2.cdx.json')));
    expect(parsed).toMatchObject({
      specVersion: '1.2',
      serialNumber: 'urn:uuid:411dafd2-c29f-491a-97d7-e97de5bc2289',
    });
    expect(parsed.components).toHaveLength(903);
    expect(parsed.components).toContainEqual({
      ref: 'pkg:maven/org.bouncycastle/bcprov-jdk15on@1.62?type=jar',
      name: 'bcprov-jdk15on',
      version: '1.62',
      group: 'org.bouncycastle',
      purl: 'pkg:maven/org.bouncycastle/bcprov-jdk15on@1.62?type=jar',
      cpe: null,
    });
    expect(parsed.components.some((component) => component.name === 'keycloak-parent')).toBe(false);
  });

  it('reads proton-bridge Go modules and laravel Composer packages', () => {
    const proton = parseSbom(readSbom('proton-bridge-1.8.0.cdx.json')).components;
    expect(proton).toHaveLength(201);
    expect(proton.every((component) => component.purl!.startsWith('pkg:golang/'))).toBe(true);
    expect(proton).toContainEqual(
      expect.objectContaining({
        name: 'github.com/0xAX/notificator',
        version: 'v0.0.0-20191016112426-3962a5ea8da1',
      }),
    );
    const laravel = parseSbom(readSbom('laravel-7.12.0.cdx.json'));
    expect(laravel).toMatchObject({ specVersion: '1.4', serialNumber: null });
    expect(laravel.components).toHaveLength(62);
    expect(
      laravel.components.every((component) => component.purl!.startsWith('pkg:composer/')),
    ).toBe(true);
  });
});

describe('inline documents', () => {
  it('flattens nested CycloneDX 1.6 components depth first and reads cpe', () => {
    const parsed = parseSbom(
      cycloneDx({
        serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
        metadata: { component: { name: 'shop', purl: 'pkg:npm/shop@1.0.0' } },
        components: [
          {
            type: 'application',
            'bom-ref': 'server',
            name: 'tomcat',
            group: 'org.apache.tomcat',
            version: '9.0.30',
            cpe: 'cpe:2.3:a:apache:tomcat:9.0.30:*:*:*:*:*:*:*',
            components: [
              {
                name: 'tomcat-embed-core',
                purl: 'pkg:maven/org.apache.tomcat.embed/tomcat-embed-core@9.0.30',
              },
              { name: 'inner', components: [{ name: 'innermost' }] },
            ],
          },
          { name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20' },
        ],
      }),
    );
    expect(parsed.specVersion).toBe('1.6');
    expect(parsed.components.map((component) => component.name)).toEqual([
      'tomcat',
      'tomcat-embed-core',
      'inner',
      'innermost',
      'lodash',
    ]);
    expect(parsed.components[0]).toEqual({
      ref: 'server',
      name: 'tomcat',
      version: '9.0.30',
      group: 'org.apache.tomcat',
      purl: null,
      cpe: 'cpe:2.3:a:apache:tomcat:9.0.30:*:*:*:*:*:*:*',
    });
  });

  it('accepts every CycloneDX version from 1.2 to 1.6, and a BOM without components', () => {
    for (const specVersion of ['1.2', '1.3', '1.4', '1.5', '1.6']) {
      expect(parseSbom(cycloneDx({ specVersion })).components).toEqual([]);
    }
  });

  const reference = (
    referenceCategory: string,
    referenceType: string,
    referenceLocator: string,
  ) => ({
    referenceCategory,
    referenceType,
    referenceLocator,
  });
  /** An SbomComponent read from SPDX, which has no group. */
  const spdxComponent = (
    ref: string,
    name: string,
    version: string | null,
    purl: string | null,
    cpe: string | null = null,
  ) => ({ ref, name, version, group: null, purl, cpe });
  const opensslCpe = 'cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*';

  it('reads SPDX 2.2 packages with purl and cpe from externalRefs', () => {
    const packages = [
      { SPDXID: 'SPDXRef-Package-shop', name: 'shop', versionInfo: 'NOASSERTION' },
      {
        SPDXID: 'SPDXRef-Package-openssl',
        name: 'openssl',
        versionInfo: '1.1.1k',
        externalRefs: [
          reference('SECURITY', 'cpe23Type', opensslCpe),
          reference('PACKAGE-MANAGER', 'purl', 'pkg:deb/debian/openssl@1.1.1k'),
        ],
      },
    ];
    const namespace = 'https://example.com/spdx/shop-1.0';
    const document = { spdxVersion: 'SPDX-2.2', documentNamespace: namespace, packages };
    expect(parseSbom(JSON.stringify(document))).toEqual({
      format: 'spdx',
      specVersion: '2.2',
      serialNumber: namespace,
      components: [
        spdxComponent('SPDXRef-Package-shop', 'shop', null, null),
        spdxComponent(
          'SPDXRef-Package-openssl',
          'openssl',
          '1.1.1k',
          'pkg:deb/debian/openssl@1.1.1k',
          opensslCpe,
        ),
      ],
    });
  });

  it('reads SPDX 2.3, whose category is spelt PACKAGE_MANAGER', () => {
    const externalRefs = [reference('PACKAGE_MANAGER', 'purl', 'pkg:npm/express@4.17.1')];
    const packages = [
      { SPDXID: 'SPDXRef-express', name: 'express', versionInfo: '4.17.1', externalRefs },
    ];
    const parsed = parseSbom(JSON.stringify({ spdxVersion: 'SPDX-2.3', packages }));
    expect(parsed.specVersion).toBe('2.3');
    expect(parsed.components).toEqual([
      spdxComponent('SPDXRef-express', 'express', '4.17.1', 'pkg:npm/express@4.17.1'),
    ]);
  });
});

describe('bad input is a ValidationError naming the field', () => {
  it('quotes JSON.parse for a truncated SBOM', () => {
    const raw = readSbom('keycloak-10.0.2.cdx.json');
    const error = refusal(raw.slice(0, raw.length / 2), 'keycloak.json');
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]!.field).toBe('sbom');
    expect(error.issues[0]!.message).toMatch(/^is not valid JSON \(.*position \d+/);
    expect(error.message).toContain("SBOM 'keycloak.json' was refused");
  });

  const unsupported = (version: string) => `CycloneDX ${version} is not supported; 1.2 to 1.6 are`;
  const notObject = 'must be a JSON object (a CycloneDX or SPDX document)';
  const cycloneDxXml = '<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.4"/>';
  it.each([
    ['specVersion 1.1', cycloneDx({ specVersion: '1.1' }), 'sbom.specVersion', unsupported('1.1')],
    ['specVersion 1.7', cycloneDx({ specVersion: '1.7' }), 'sbom.specVersion', unsupported('1.7')],
    ['no specVersion', '{"bomFormat":"CycloneDX"}', 'sbom.specVersion', 'is required'],
    [
      'SPDX 2.1',
      '{"spdxVersion":"SPDX-2.1"}',
      'sbom.spdxVersion',
      'SPDX-2.1 is not supported; SPDX-2.2 and SPDX-2.3 are',
    ],
    ['an array', '[]', 'sbom', notObject],
    ['a number', '42', 'sbom', notObject],
    [
      'an unknown format',
      '{"name":"x"}',
      'sbom',
      'is neither CycloneDX (no bomFormat) nor SPDX (no spdxVersion)',
    ],
    ['another bomFormat', '{"bomFormat":"SWID"}', 'sbom.bomFormat', `'SWID' is not "CycloneDX"`],
    [
      'components not an array',
      cycloneDx({ components: {} }),
      'sbom.components',
      'must be an array',
    ],
    ['an empty file', '  \n', 'sbom', 'the file is empty'],
    ['CycloneDX XML', cycloneDxXml, 'sbom', 'CycloneDX XML is not supported; upload the JSON form'],
    [
      'SPDX tag-value',
      'SPDXVersion: SPDX-2.3\n',
      'sbom',
      'SPDX tag-value is not supported; upload the JSON form',
    ],
  ])('%s', (_case, input, field, message) => {
    expect(refusal(input).issues).toEqual([{ field, message }]);
  });

  it('rejects a bogus purl and a bogus cpe at their locations', () => {
    const error = refusal(
      cycloneDx({
        components: [
          { name: 'ok', purl: 'pkg:npm/ok@1.0.0' },
          { name: 'bad-purl', purl: 'npm:left-pad@1.0.0' },
          { name: 'parent', components: [{ name: 'bad-cpe', cpe: 'cpe:2.3:a:acme:widget:1.0' }] },
        ],
      }),
    );
    expect(error.issues.map((issue) => issue.field)).toEqual([
      'sbom.components[1].purl',
      'sbom.components[2].components[0].cpe',
    ]);
    expect(error.issues[0]!.message).toContain("'npm:left-pad@1.0.0' is not a valid package URL");
    expect(error.issues[1]!.message).toContain('is not a well-formed CPE 2.3 formatted string');
    expect(error.message).toContain('was refused with 2 problems');
  });

  it('rejects bad SPDX external references at their locators', () => {
    const packages = [
      { SPDXID: 'a', name: 'a' },
      { SPDXID: 'b', name: 'b' },
      { SPDXID: 'c', name: 'c' },
      {
        SPDXID: 'd',
        name: 'd',
        externalRefs: [
          { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:' },
          {
            referenceCategory: 'SECURITY',
            referenceType: 'cpe23Type',
            referenceLocator: 'cpe:/a:acme:widget',
          },
        ],
      },
      { name: 'no id' },
    ];
    const error = refusal(JSON.stringify({ spdxVersion: 'SPDX-2.3', packages }));
    expect(error.issues.map((issue) => issue.field)).toEqual([
      'sbom.packages[3].externalRefs[0].referenceLocator',
      'sbom.packages[3].externalRefs[1].referenceLocator',
      'sbom.packages[4].SPDXID',
    ]);
    expect(error.issues[1]!.message).toContain('CPE 2.2 URI');
  });

  it('names missing and mistyped fields, and lists at most 20 of many problems', () => {
    const components = Array.from({ length: 30 }, (_, index) => (index === 12 ? { name: 7 } : {}));
    const error = refusal(cycloneDx({ components }), 'big.json');
    expect(error.issues).toHaveLength(20);
    expect(error.issues[0]).toEqual({ field: 'sbom.components[0].name', message: 'is required' });
    expect(error.message).toMatch(
      /^SBOM 'big.json' was refused with 30 problems \(the first 20 are listed\)/,
    );
    const twelfth = refusal(
      cycloneDx({ components: [...Array(12).fill({ name: 'x' }), { name: 7 }] }),
    );
    expect(twelfth.issues).toEqual([
      { field: 'sbom.components[12].name', message: 'must be a string' },
    ]);
  });

  it('bounds component nesting instead of recursing without end', () => {
    // Built as text: JSON.stringify itself would overflow the stack at this depth.
    const depth = 100_000;
    const nested =
      '{"name":"x","components":['.repeat(depth) + '{"name":"leaf"}' + ']}'.repeat(depth);
    const error = refusal(`{"bomFormat":"CycloneDX","specVersion":"1.6","components":[${nested}]}`);
    expect(error.issues).toEqual([
      {
        field: `sbom.components[0]${'.components[0]'.repeat(31)}.components`,
        message: 'nests deeper than 32 levels',
      },
    ]);
  });
});

describe('property: nothing but ValidationError escapes', () => {
  const valid = cycloneDx({
    serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
    components: [
      {
        name: 'lodash',
        version: '4.17.20',
        purl: 'pkg:npm/lodash@4.17.20',
        components: [{ name: 'x' }],
      },
      { name: 'tomcat', cpe: 'cpe:2.3:a:apache:tomcat:9.0.30:*:*:*:*:*:*:*' },
    ],
  });

  function parsesOrRefuses(input: string | Buffer): void {
    try {
      parseSbom(input);
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
    }
  }

  it('for arbitrary JSON values, whole or as a document field', () => {
    const document = JSON.parse(valid) as Record<string, unknown>;
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.constantFrom(
          'components',
          'specVersion',
          'bomFormat',
          'serialNumber',
          'packages',
          'spdxVersion',
        ),
        (value, key) => {
          parsesOrRefuses(JSON.stringify(value));
          parsesOrRefuses(JSON.stringify({ ...document, [key]: value }));
          parsesOrRefuses(JSON.stringify({ spdxVersion: 'SPDX-2.3', packages: [value] }));
          parsesOrRefuses(cycloneDx({ components: [value, { name: 'a', components: value }] }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('for random mutations of a valid SBOM, text and bytes', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat({ max: 20 }), fc.string({ maxLength: 5 }), (at, cut, insert) => {
        const position = at % valid.length;
        parsesOrRefuses(valid.slice(0, position) + insert + valid.slice(position + cut));
        parsesOrRefuses(Buffer.from(valid.slice(0, position), 'utf8'));
      }),
      { numRuns: 500 },
    );
    fc.assert(fc.property(fc.uint8Array(), (bytes) => parsesOrRefuses(Buffer.from(bytes))));
  });
});

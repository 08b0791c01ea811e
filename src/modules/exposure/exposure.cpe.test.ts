import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Cpe,
  cpeMatches,
  cpeProblem,
  formatCpe,
  parseCpe,
  unescapeCpeValue,
} from './exposure.cpe.js';

function cpe(text: string): Cpe {
  const parsed = parseCpe(text);
  if (!parsed) throw new Error(`test fixture is not a CPE: ${text}`);
  return parsed;
}

/** A CPE of acme:widget with one attribute set, to exercise one cell of the relation table. */
function widget(attributes: Partial<Cpe> = {}): Cpe {
  return { ...cpe('cpe:2.3:a:acme:widget:*:*:*:*:*:*:*:*'), ...attributes };
}

describe('parseCpe: the formatted-string binding of NISTIR 7695', () => {
  it('reads the examples of NISTIR 7695 §6.2', () => {
    expect(
      parseCpe('cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*'),
    ).toEqual({
      part: 'a',
      vendor: 'hp',
      product: 'insight_diagnostics',
      version: '7.4.0.1570',
      update: '-',
      edition: '*',
      language: '*',
      swEdition: 'online',
      targetSw: 'win2003',
      targetHw: 'x64',
      other: '*',
    });
    expect(
      parseCpe('cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*'),
    ).toMatchObject({ vendor: 'microsoft', version: '8.0.6001', update: 'beta' });
    expect(parseCpe('cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*')).toMatchObject({
      version: '8.*',
      update: 'sp?',
    });
    expect(parseCpe('cpe:2.3:a:hp:openview_network_manager:7.51:*:*:*:*:linux:*:*')).toMatchObject({
      targetSw: 'linux',
    });
    const escaped = cpe(
      String.raw`cpe:2.3:a:foo\\bar:big\$money_2010:*:*:*:*:special:ipod_touch:80gb:*`,
    );
    expect(escaped).toMatchObject({
      vendor: String.raw`foo\\bar`,
      product: String.raw`big\$money_2010`,
    });
    expect(unescapeCpeValue(escaped.vendor)).toBe(String.raw`foo\bar`);
    expect(unescapeCpeValue(escaped.product)).toBe('big$money_2010');
  });

  it('keeps an escaped colon inside its value and a quoted asterisk literal', () => {
    const parsed = cpe(String.raw`cpe:2.3:a:acme:widget\:pro:8.\*:*:*:en-us:*:*:*:*`);
    expect(parsed.product).toBe(String.raw`widget\:pro`);
    expect(parsed.version).toBe(String.raw`8.\*`);
    expect(parsed.language).toBe('en-us');
    expect(cpeMatches(cpe('cpe:2.3:a:acme:widget\\:pro:8.\\*:*:*:*:*:*:*:*'), parsed).matches).toBe(
      true,
    );
  });

  it.each([
    ['12 components', 'cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64'],
    ['14 components', 'cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*:*'],
    ['an unescaped colon in a value', 'cpe:2.3:a:acme:widget:pro:1.0:*:*:*:*:*:*:*'],
    ['a bad part', 'cpe:2.3:x:acme:widget:1.0:*:*:*:*:*:*:*'],
    ['an upper-case part', 'cpe:2.3:A:acme:widget:1.0:*:*:*:*:*:*:*'],
    ['NA as the part', 'cpe:2.3:-:acme:widget:1.0:*:*:*:*:*:*:*'],
    ['the CPE 2.2 URI binding', 'cpe:/a:acme:widget:1.0'],
    ['a wrong prefix', 'cpe:2.2:a:acme:widget:1.0:*:*:*:*:*:*:*'],
    ['an empty value', 'cpe:2.3:a:acme::1.0:*:*:*:*:*:*:*'],
    ['a space', 'cpe:2.3:a:acme:wid get:1.0:*:*:*:*:*:*:*'],
    ['unquoted punctuation', 'cpe:2.3:a:acme:widget!:1.0:*:*:*:*:*:*:*'],
    ['a wild card inside a value', 'cpe:2.3:a:acme:wid*get:1.0:*:*:*:*:*:*:*'],
    ['two asterisks', 'cpe:2.3:a:acme:widget:1.0**:*:*:*:*:*:*:*'],
    ['a lone question mark', 'cpe:2.3:a:acme:widget:?:*:*:*:*:*:*:*'],
    ['a trailing backslash', 'cpe:2.3:a:acme:widget:1.0:*:*:*:*:*:*:x\\'],
    ['a language that is no RFC 5646 tag', 'cpe:2.3:a:acme:widget:1.0:*:*:english:*:*:*:*'],
    ['non-ASCII text', 'cpe:2.3:a:acmé:widget:1.0:*:*:*:*:*:*:*'],
  ])('refuses %s', (_reason, text) => {
    expect(parseCpe(text)).toBeNull();
    expect(cpeProblem(text)).toMatch(/CPE 2\.[23]/);
  });

  it('says a CPE 2.2 URI is the wrong binding rather than just malformed', () => {
    expect(cpeProblem('cpe:/a:acme:widget:1.0')).toContain('CPE 2.2 URI');
    expect(cpeProblem('cpe:2.3:a:acme:widget:1.0:*:*:*:*:*:*:*')).toBeNull();
  });

  it('formats back to the text it parsed', () => {
    const text = String.raw`cpe:2.3:a:foo\\bar:big\$money_2010:*:*:*:*:special:ipod_touch:80gb:*`;
    expect(formatCpe(cpe(text))).toBe(text);
  });
});

describe('cpeMatches: NISTIR 7696 name matching', () => {
  it('matches the NISTIR 7696 example of a wild-carded version and update', () => {
    const criteria = cpe('cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*');
    expect(
      cpeMatches(criteria, cpe('cpe:2.3:a:microsoft:internet_explorer:8.0.6001:sp1:*:*:*:*:*:*')),
    ).toMatchObject({ matches: true });
    expect(
      cpeMatches(criteria, cpe('cpe:2.3:a:microsoft:internet_explorer:9.0:sp1:*:*:*:*:*:*')),
    ).toMatchObject({ matches: false, reason: expect.stringContaining('version') });
    // As in compare_strings, n question marks stand for at most n characters.
    expect(
      cpeMatches(criteria, cpe('cpe:2.3:a:microsoft:internet_explorer:8.0:sp:*:*:*:*:*:*')).matches,
    ).toBe(true);
    expect(
      cpeMatches(criteria, cpe('cpe:2.3:a:microsoft:internet_explorer:8.0:sp12:*:*:*:*:*:*'))
        .matches,
    ).toBe(false);
  });

  it('compares vendor and product case-insensitively after unescaping', () => {
    const criteria = cpe('cpe:2.3:a:Apache:Log4j:2.14.1:*:*:*:*:*:*:*');
    expect(cpeMatches(criteria, cpe('cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*')).matches).toBe(
      true,
    );
    expect(
      cpeMatches(
        cpe(String.raw`cpe:2.3:a:big\$co:app:1:*:*:*:*:*:*:*`),
        cpe(String.raw`cpe:2.3:a:BIG\$CO:app:1:*:*:*:*:*:*:*`),
      ).matches,
    ).toBe(true);
    expect(
      cpeMatches(criteria, cpe('cpe:2.3:a:apache:log4net:2.14.1:*:*:*:*:*:*:*')),
    ).toMatchObject({
      matches: false,
      reason: expect.stringContaining('product'),
    });
  });

  describe('refuses the loose comparisons behind false positives', () => {
    it.each([
      [
        'the criteria product is ANY',
        'cpe:2.3:a:acme:*:*:*:*:*:*:*:*:*',
        'cpe:2.3:a:acme:widget:1:*:*:*:*:*:*:*',
      ],
      [
        'the criteria vendor is ANY',
        'cpe:2.3:a:*:widget:*:*:*:*:*:*:*:*',
        'cpe:2.3:a:acme:widget:1:*:*:*:*:*:*:*',
      ],
      [
        'the target product is ANY',
        'cpe:2.3:a:acme:widget:*:*:*:*:*:*:*:*',
        'cpe:2.3:a:acme:*:1:*:*:*:*:*:*:*',
      ],
      [
        'the target vendor is ANY',
        'cpe:2.3:a:acme:widget:*:*:*:*:*:*:*:*',
        'cpe:2.3:a:*:widget:1:*:*:*:*:*:*:*',
      ],
      [
        'the criteria product is NA',
        'cpe:2.3:a:acme:-:*:*:*:*:*:*:*:*',
        'cpe:2.3:a:acme:-:1:*:*:*:*:*:*:*',
      ],
      [
        'the criteria product has a wild card',
        'cpe:2.3:a:acme:wid*:*:*:*:*:*:*:*:*',
        'cpe:2.3:a:acme:widget:1:*:*:*:*:*:*:*',
      ],
      [
        'everything is ANY',
        'cpe:2.3:*:*:*:*:*:*:*:*:*:*:*',
        'cpe:2.3:a:acme:widget:1:*:*:*:*:*:*:*',
      ],
    ])('no match when %s', (_case, criteria, target) => {
      const result = cpeMatches(cpe(criteria), cpe(target));
      expect(result.matches).toBe(false);
      expect(result.reason).toMatch(/^(vendor|product): .* does not name one (vendor|product)$/);
    });
  });

  describe('relates each attribute as NISTIR 7696 Table 6-2 says', () => {
    it.each([
      // [row, criteria version, target version, matches]
      ['1: ANY vs ANY is EQUAL', '*', '*', true],
      ['2: ANY vs NA is SUPERSET', '*', '-', true],
      ['3: ANY vs a value is SUPERSET', '*', '1.0', true],
      ['4: ANY vs wild cards is undefined', '*', '1.*', false],
      ['5: NA vs ANY is SUBSET', '-', '*', false],
      ['6: NA vs NA is EQUAL', '-', '-', true],
      ['7: NA vs a value is DISJOINT', '-', '1.0', false],
      ['8: NA vs wild cards is undefined', '-', '1.*', false],
      ['9: a value vs ANY is SUBSET', '1.0', '*', false],
      ['10: a value vs NA is DISJOINT', '1.0', '-', false],
      ['11: a value vs the same value is EQUAL', '1.0', '1.0', true],
      ['11: a value vs another value is DISJOINT', '1.0', '1.0.0', false],
      ['12: a value vs wild cards is undefined', '1.0', '1.*', false],
      ['13: wild cards vs ANY is SUBSET', '1.*', '*', false],
      ['14: wild cards vs NA is DISJOINT', '1.*', '-', false],
      ['15: wild cards vs a covered value is SUPERSET', '1.*', '1.4.2', true],
      ['15: wild cards vs an uncovered value is DISJOINT', '1.*', '2.0', false],
      ['16: wild cards vs wild cards is undefined', '1.*', '1.4*', false],
      ['a literal hyphen is not NA', '\\-', '-', false],
    ])('row %s', (_row, criteriaVersion, targetVersion, matches) => {
      const result = cpeMatches(
        widget({ version: criteriaVersion }),
        widget({ version: targetVersion }),
      );
      expect(result.matches).toBe(matches);
      if (!matches) expect(result.reason).toMatch(/^version: /);
    });

    it('applies the table to every attribute, part included', () => {
      expect(cpeMatches(widget({ part: '*' }), widget()).matches).toBe(true);
      expect(cpeMatches(widget(), widget({ part: 'o' })).reason).toMatch(/^part: /);
      expect(cpeMatches(widget({ update: 'sp1' }), widget()).reason).toMatch(/^update: .*subset/);
      expect(
        cpeMatches(widget({ targetSw: 'windows' }), widget({ targetSw: 'linux' })).reason,
      ).toMatch(/^target_sw: /);
      expect(cpeMatches(widget({ targetHw: '-' }), widget({ targetHw: 'x64' })).matches).toBe(
        false,
      );
      expect(cpeMatches(widget(), widget({ other: 'anything' })).matches).toBe(true);
    });
  });
});

/** Values the formatted-string grammar allows, quoted characters and end wild cards included. */
const valueArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('*', '-'),
  fc
    .tuple(
      fc.constantFrom('', '*', '?', '??'),
      fc.array(
        fc.oneof(
          fc.constantFrom(...'abcXYZ019._-'.split('')),
          fc.constantFrom(...'\\*?!"#$%&\'()+,/:;<=>@[]^`{|}~'.split('')).map((c) => `\\${c}`),
        ),
        { minLength: 1, maxLength: 6 },
      ),
      fc.constantFrom('', '*', '?', '???'),
    )
    .map(([leading, body, trailing]) => leading + body.join('') + trailing),
);

const cpeTextArbitrary = fc
  .tuple(
    fc.constantFrom('a', 'o', 'h', '*'),
    fc.array(valueArbitrary, { minLength: 10, maxLength: 10 }),
    fc.constantFrom('*', '-', 'en', 'en-us', 'fra-123'),
  )
  .map(([part, values, language]) => {
    values[5] = language;
    return `cpe:2.3:${part}:${values.join(':')}`;
  });

describe('properties', () => {
  it('parses every well-formed string and formats it back unchanged', () => {
    fc.assert(
      fc.property(cpeTextArbitrary, (text) => {
        const parsed = parseCpe(text);
        expect(parsed).not.toBeNull();
        expect(formatCpe(parsed!)).toBe(text);
        expect(parseCpe(formatCpe(parsed!))).toEqual(parsed);
      }),
    );
  });

  it('never throws on arbitrary or mutated strings, and matching never throws on what it parses', () => {
    const mutated = fc
      .tuple(cpeTextArbitrary, fc.nat(), fc.string({ maxLength: 3 }))
      .map(
        ([text, at, insert]) =>
          text.slice(0, at % text.length) + insert + text.slice(at % text.length),
      );
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), mutated),
        cpeTextArbitrary,
        (text, other) => {
          const parsed = parseCpe(text);
          if (parsed) {
            expect(parseCpe(formatCpe(parsed))).toEqual(parsed);
            expect(typeof cpeMatches(parsed, cpe(other)).matches).toBe('boolean');
            expect(typeof cpeMatches(cpe(other), parsed).reason).toBe('string');
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { securityTxtReport } from '../../contracts/securitytxt.js';
import { SHARED_DATA } from '../../../test/support/exposure.js';
import { MAX_SECURITYTXT_BYTES, validateSecurityTxt } from './disclosure.securitytxt.validate.js';

const directory = path.join(SHARED_DATA, 'securitytxt');
const files = readdirSync(directory).filter((name) => name.endsWith('.stxt'));
const now = new Date('2026-12-02T00:00:00Z');
const codes = (input: string | Uint8Array, at = now) =>
  validateSecurityTxt(input, { now: at }).findings.map((f) => f.code);
const minimal = 'Contact: mailto:security@shop.example\nExpires: 2027-06-01T00:00:00Z\n';

describe('validateSecurityTxt', () => {
  it.each(files)('accepts the real file %s, before it expires', (name) => {
    const bytes = readFileSync(path.join(directory, name));
    const first = validateSecurityTxt(bytes, { now });
    expect(first.expires).not.toBeNull();
    // Judged the day before its own Expires: every RFC requirement holds.
    const before = new Date(Date.parse(first.expires!) - 86_400_000);
    const report = validateSecurityTxt(bytes, { now: before });
    expect(report.findings.filter((f) => f.level === 'error')).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.signed).toBe(name.startsWith('valid_signed'));
    expect(report.fields.Contact?.length).toBeGreaterThan(0);
    // And on the day after, it has expired.
    expect(codes(bytes, new Date(Date.parse(first.expires!) + 1000))).toContain('expired');
  });

  it('reads the signed text only, undoing dash escapes', () => {
    const signed = [
      '-----BEGIN PGP SIGNED MESSAGE-----',
      'Hash: SHA256',
      '',
      '- Contact: mailto:security@shop.example',
      'Expires: 2027-06-01T00:00:00Z',
      '-----BEGIN PGP SIGNATURE-----',
      '',
      'iHUEARYKAB0WIQ=',
      '-----END PGP SIGNATURE-----',
      '',
    ].join('\r\n');
    const report = validateSecurityTxt(signed, { now });
    expect(report).toMatchObject({ valid: true, signed: true });
    expect(report.fields.Contact).toEqual(['mailto:security@shop.example']);
    expect(codes(signed)).toEqual(['no_canonical']);
    expect(codes(signed.replace('-----END PGP SIGNATURE-----', ''))).toContain(
      'invalid_signature_framing',
    );
    expect(codes(`${signed}Contact: https://evil.example\n`)).toContain(
      'invalid_signature_framing',
    );
  });

  it.each([
    ['no Contact', 'Expires: 2027-06-01T00:00:00Z\n', 'no_contact'],
    ['no Expires', 'Contact: mailto:a@b.example\n', 'no_expires'],
    ['two Expires', `${minimal}Expires: 2027-01-01T00:00:00Z\n`, 'multiple_expires'],
    ['a bad date', 'Contact: mailto:a@b.example\nExpires: next year\n', 'invalid_expires'],
    [
      'a month 13',
      'Contact: mailto:a@b.example\nExpires: 2027-13-01T00:00:00Z\n',
      'invalid_expires',
    ],
    ['an expired file', 'Contact: mailto:a@b.example\nExpires: 2026-01-01T00:00:00Z\n', 'expired'],
    ['http', `${minimal}Policy: http://shop.example/policy\n`, 'insecure_uri'],
    ['no URI', 'Contact: security@shop.example\nExpires: 2027-06-01T00:00:00Z\n', 'invalid_uri'],
    ['a stray line', `${minimal}this is not a field\n`, 'invalid_line'],
    ['an empty value', `${minimal}Hiring:\n`, 'empty_value'],
    ['a bad language', `${minimal}Preferred-Languages: en, not a tag\n`, 'invalid_language_tag'],
    [
      'two language fields',
      `${minimal}Preferred-Languages: en\nPreferred-Languages: de\n`,
      'multiple_preferred_languages',
    ],
  ])('reports %s', (_label, text, code) => {
    const report = validateSecurityTxt(text, { now });
    expect(report.findings.map((f) => f.code)).toContain(code);
    expect(report.valid).toBe(false);
  });

  it('recommends signing and an Expires under a year ahead, without calling the file invalid', () => {
    const far = 'Contact: mailto:a@b.example\nExpires: 2029-01-01T00:00:00Z\n';
    const report = validateSecurityTxt(far, { now });
    expect(report.valid).toBe(true);
    expect(report.findings.map((f) => [f.level, f.code])).toEqual([
      ['recommendation', 'expires_too_far'],
      ['recommendation', 'not_signed'],
    ]);
  });

  it('names the line of a problem', () => {
    const [finding] = validateSecurityTxt(`${minimal}\n# fine\noops\n`, { now }).findings;
    expect(finding).toMatchObject({ code: 'invalid_line', line: 5 });
  });

  it('refuses what is not UTF-8 text, or too large to be a security.txt', () => {
    expect(codes(new Uint8Array([0x43, 0x6f, 0xff, 0xfe]))).toEqual(['invalid_utf8']);
    expect(codes('#'.repeat(MAX_SECURITYTXT_BYTES + 1))).toEqual(['too_large']);
  });

  it('never throws on random bytes or text, and always answers in its contract', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }),
          fc.string({ maxLength: 2000, unit: 'binary' }),
          // Near misses: real field names with random values and line ends.
          fc
            .array(
              fc.tuple(
                fc.constantFrom(
                  'Contact',
                  'Expires',
                  'Canonical',
                  'Preferred-Languages',
                  '-----BEGIN PGP SIGNED MESSAGE-----',
                  '#',
                  '',
                ),
                fc.string({ maxLength: 60 }),
                fc.constantFrom('\n', '\r\n', ''),
              ),
              { maxLength: 30 },
            )
            .map((lines) =>
              lines.map(([name, value, end]) => `${name}: ${value}${end}`).join('\n'),
            ),
        ),
        (input) => {
          const report = validateSecurityTxt(input, { now });
          expect(securityTxtReport.safeParse(report).success).toBe(true);
          expect(report.valid).toBe(!report.findings.some((f) => f.level === 'error'));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

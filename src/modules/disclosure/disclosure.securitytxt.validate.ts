import {
  LANGUAGE_TAG,
  type SecurityTxtFinding,
  type SecurityTxtReport,
} from '../../contracts/securitytxt.js';

/** Far beyond any real file (the largest known are a few KiB); more is not a security.txt. */
export const MAX_SECURITYTXT_BYTES = 64 * 1024;
const YEAR_MS = 366 * 86_400_000;

/** The RFC 9116 fields (and CSAF's), by lower-case name, with their canonical spelling. */
const KNOWN_FIELDS = new Map(
  [
    'Acknowledgments',
    'Canonical',
    'Contact',
    'Encryption',
    'Expires',
    'Hiring',
    'Policy',
    'Preferred-Languages',
    'CSAF',
  ].map((name) => [name.toLowerCase(), name]),
);
const URI_FIELDS = new Set([
  'Acknowledgments',
  'Canonical',
  'Contact',
  'Encryption',
  'Hiring',
  'Policy',
  'CSAF',
]);
const FIELD_LINE = /^([A-Za-z0-9-]+):[ \t]*(.*?)[ \t]*$/;
// RFC 3339 § 5.6; its note allows a space for the "T", and both letters in either case.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Checks a security.txt (RFC 9116) as served: bytes or text, signed (OpenPGP cleartext
 * framework, RFC 4880 § 7) or not. It never throws: any input, even random bytes, gives a
 * report. Signatures are recognised, not verified; that needs the key the file points to.
 *
 * Written here rather than taken from a library: the maintained validators are Go and PHP
 * (sectxt, spaze/security-txt), and the npm packages found generate files or parse without
 * stable finding codes.
 */
export function validateSecurityTxt(
  input: string | Uint8Array,
  options: { now: Date },
): SecurityTxtReport {
  const findings: SecurityTxtFinding[] = [];
  const report = (
    level: SecurityTxtFinding['level'],
    code: SecurityTxtFinding['code'],
    message: string,
    line: number | null = null,
    field: string | null = null,
  ) => findings.push({ level, code, message, line, field });
  const done = (signed: boolean, fields: Record<string, string[]>, expires: string | null) => ({
    valid: !findings.some((f) => f.level === 'error'),
    signed,
    fields,
    expires,
    findings,
  });

  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > MAX_SECURITYTXT_BYTES) {
    report(
      'error',
      'too_large',
      `The file is ${size} bytes; more than ${MAX_SECURITYTXT_BYTES} is not a security.txt`,
    );
    return done(false, {}, null);
  }
  let text: string;
  try {
    text =
      typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    report('error', 'invalid_utf8', 'The file is not UTF-8 text (RFC 9116 § 4)');
    return done(false, {}, null);
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const { body, signed } = signedBody(lines, report);

  const fields: Record<string, string[]> = {};
  for (const { line, number } of body) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const match = FIELD_LINE.exec(line);
    if (!match) {
      report(
        'error',
        'invalid_line',
        'Not a field ("Name: value"), a comment or an empty line',
        number,
      );
      continue;
    }
    const name = KNOWN_FIELDS.get(match[1]!.toLowerCase()) ?? match[1]!;
    const value = match[2]!;
    (fields[name] ??= []).push(value);
    if (value === '') {
      report('error', 'empty_value', `${name} has no value`, number, name);
      continue;
    }
    if (URI_FIELDS.has(name)) checkUri(name, value, number, report);
    if (name === 'Preferred-Languages')
      for (const tag of value.split(','))
        if (!LANGUAGE_TAG.test(tag.trim()))
          report(
            'error',
            'invalid_language_tag',
            `"${tag.trim()}" is not a language tag (RFC 5646)`,
            number,
            name,
          );
  }

  if (!fields.Contact?.length)
    report('error', 'no_contact', 'A Contact field is required (RFC 9116 § 2.5.3)');
  if ((fields['Preferred-Languages']?.length ?? 0) > 1)
    report(
      'error',
      'multiple_preferred_languages',
      'Preferred-Languages may appear once (RFC 9116 § 2.5.8)',
      null,
      'Preferred-Languages',
    );
  const expires = checkExpires(fields.Expires ?? [], options.now, report);
  if (!signed)
    report(
      'recommendation',
      'not_signed',
      'Signing the file with OpenPGP is recommended (RFC 9116 § 2.3)',
    );
  else if (!fields.Canonical?.length)
    report(
      'recommendation',
      'no_canonical',
      'A signed file should name its Canonical URI (RFC 9116 § 2.5.2)',
      null,
      'Canonical',
    );
  return done(signed, fields, expires);
}

type Report = (
  level: SecurityTxtFinding['level'],
  code: SecurityTxtFinding['code'],
  message: string,
  line?: number | null,
  field?: string | null,
) => void;

/** The text a cleartext signature covers, dash-escapes undone, or the whole file if unsigned. */
function signedBody(lines: string[], report: Report) {
  const numbered = lines.map((line, i) => ({ line, number: i + 1 }));
  const first = numbered.findIndex((l) => l.line.trim() !== '');
  if (first === -1 || numbered[first]!.line.trim() !== '-----BEGIN PGP SIGNED MESSAGE-----')
    return { body: numbered, signed: false };
  // Armor headers ("Hash: SHA256") run to the first empty line.
  let start = first + 1;
  while (start < numbered.length && numbered[start]!.line.trim() !== '') start++;
  const signatureAt = numbered.findIndex(
    (l, i) => i > start && l.line.trim() === '-----BEGIN PGP SIGNATURE-----',
  );
  const endAt = numbered.findIndex(
    (l, i) => i > signatureAt && l.line.trim() === '-----END PGP SIGNATURE-----',
  );
  if (signatureAt === -1 || endAt === -1) {
    report(
      'error',
      'invalid_signature_framing',
      'The signed message has no complete signature block (RFC 4880 § 7)',
    );
    return {
      body: numbered.slice(start + 1, signatureAt === -1 ? undefined : signatureAt),
      signed: true,
    };
  }
  for (const after of numbered.slice(endAt + 1))
    if (after.line.trim() !== '') {
      report(
        'error',
        'invalid_signature_framing',
        'Text after the signature is not covered by it',
        after.number,
      );
      break;
    }
  return {
    body: numbered
      .slice(start + 1, signatureAt)
      .map((l) => ({ ...l, line: l.line.startsWith('- ') ? l.line.slice(2) : l.line })),
    signed: true,
  };
}

function checkUri(name: string, value: string, line: number, report: Report): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    report(
      'error',
      'invalid_uri',
      `${name} must be a URI such as https://… or mailto:… (RFC 9116 § 2.5)`,
      line,
      name,
    );
    return;
  }
  if (url.protocol === 'http:')
    report(
      'error',
      'insecure_uri',
      `${name}: a web URI must use https (RFC 9116 § 2.5)`,
      line,
      name,
    );
}

function checkExpires(values: string[], now: Date, report: Report): string | null {
  if (values.length === 0) {
    report(
      'error',
      'no_expires',
      'An Expires field is required (RFC 9116 § 2.5.5)',
      null,
      'Expires',
    );
    return null;
  }
  if (values.length > 1)
    report(
      'error',
      'multiple_expires',
      'Expires may appear once (RFC 9116 § 2.5.5)',
      null,
      'Expires',
    );
  const value = values[0]!;
  const match = DATE_TIME.exec(value);
  const at = match
    ? Date.parse(`${value.slice(0, 10)}T${value.slice(11).toUpperCase()}`)
    : Number.NaN;
  if (!match || Number.isNaN(at)) {
    report(
      'error',
      'invalid_expires',
      `"${value}" is not an RFC 3339 date and time`,
      null,
      'Expires',
    );
    return null;
  }
  const expires = new Date(at).toISOString();
  if (at <= now.getTime())
    report('error', 'expired', `The file expired on ${expires}`, null, 'Expires');
  else if (at - now.getTime() > YEAR_MS)
    report(
      'recommendation',
      'expires_too_far',
      'Expires should be less than a year ahead (RFC 9116 § 2.5.5)',
      null,
      'Expires',
    );
  return expires;
}

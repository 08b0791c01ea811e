import { z } from 'zod';

/**
 * What a security.txt validator finds (RFC 9116), by stable code: the posture checks of
 * vendors and the shop's own settings page both read these codes, so they never change
 * meaning. Errors break the RFC's MUSTs; recommendations are its SHOULDs and RECOMMENDEDs.
 */
export const SECURITYTXT_ERRORS = [
  'too_large',
  'invalid_utf8',
  'invalid_line',
  'invalid_signature_framing',
  'no_contact',
  'no_expires',
  'multiple_expires',
  'invalid_expires',
  'expired',
  'multiple_preferred_languages',
  'invalid_language_tag',
  'invalid_uri',
  'insecure_uri',
  'empty_value',
] as const;
export const SECURITYTXT_RECOMMENDATIONS = [
  'not_signed',
  'no_canonical',
  'expires_too_far',
] as const;

export const securityTxtFinding = z.object({
  level: z.enum(['error', 'recommendation']),
  code: z.enum([...SECURITYTXT_ERRORS, ...SECURITYTXT_RECOMMENDATIONS]),
  /** 1-based line of the file (of the signed text, for a signed file); null for the whole file. */
  line: z.number().int().nullable(),
  field: z.string().nullable(),
  message: z.string(),
});
export type SecurityTxtFinding = z.infer<typeof securityTxtFinding>;

export const securityTxtReport = z.object({
  valid: z.boolean(),
  signed: z.boolean(),
  /** Field values by canonical name (`Contact`, `Expires`…), in file order. */
  fields: z.record(z.string(), z.array(z.string())),
  expires: z.string().nullable(),
  findings: z.array(securityTxtFinding),
});
export type SecurityTxtReport = z.infer<typeof securityTxtReport>;

/** A language tag (RFC 5646), as loosely as RFC 9116 § 2.5.8 needs: subtags of 1 to 8. */
export const LANGUAGE_TAG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;

const uri = z
  .string()
  .trim()
  .max(2000)
  // URL parsing drops tabs and line breaks: refused first, so no value can add a line.
  .regex(/^\S+$/, 'must not contain spaces or line breaks')
  .refine((value) => {
    try {
      return new URL(value).protocol !== 'http:';
    } catch {
      return false;
    }
  }, 'must be a URI such as https://…, mailto:… or tel:… (web URIs with https)');

/** What the shop's own security.txt says; Canonical and Expires are Cordon's to fill in. */
export const securityTxtSettingsInput = z.strictObject({
  contact: z.array(uri).min(1, 'name at least one way to reach the security team').max(10),
  encryption: z.array(uri).max(5).default([]),
  acknowledgments: z.array(uri).max(5).default([]),
  policy: z.array(uri).max(5).default([]),
  hiring: z.array(uri).max(5).default([]),
  csaf: z.array(uri).max(5).default([]),
  preferredLanguages: z
    .array(z.string().trim().regex(LANGUAGE_TAG, 'must be a language tag such as en or de-AT'))
    .max(20)
    .default([]),
  /** How far ahead Expires is set when it is renewed: under a year, as RFC 9116 § 2.5.5 advises. */
  expiresDays: z.number().int().min(7).max(364).default(180),
});
export type SecurityTxtSettingsInput = z.output<typeof securityTxtSettingsInput>;

export const securityTxtSettings = securityTxtSettingsInput.extend({
  canonical: z.string(),
  /** The Expires the file carries now; renewed by a daily job 30 days before it lapses. */
  expires: z.string(),
  signing: z.object({ enabled: z.boolean(), fingerprint: z.string().nullable() }),
  /** What the team should know: Expires within 30 days, no signature… */
  warnings: z.array(z.string()),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type SecurityTxtSettings = z.infer<typeof securityTxtSettings>;

export const securityTxtValidateInput = z.strictObject({ text: z.string().max(1_000_000) });

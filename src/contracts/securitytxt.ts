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

import { z } from 'zod';

/**
 * Building blocks for every request contract. Strings from outside are NFC-normalized and
 * refuse NUL and other control characters, unpaired surrogates and bidirectional overrides
 * (which disguise text, as in "Trojan Source"), so nothing odd reaches storage or logs.
 */
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const controlCharactersOrNewline = /[\u0000-\u001f\u007f]/;
const bidiOverrides = /[\u202a-\u202e\u2066-\u2069]/;
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function checkedText(options: { max: number; min?: number; multiline: boolean }) {
  const controls = options.multiline ? controlCharacters : controlCharactersOrNewline;
  return z
    .string()
    .superRefine((value, ctx) => {
      if (value.includes('\u0000'))
        ctx.addIssue({ code: 'custom', message: 'must not contain NUL bytes' });
      else if (controls.test(value))
        ctx.addIssue({ code: 'custom', message: 'must not contain control characters' });
      else if (loneSurrogate.test(value))
        ctx.addIssue({ code: 'custom', message: 'must be valid Unicode text' });
      else if (bidiOverrides.test(value))
        ctx.addIssue({
          code: 'custom',
          message: 'must not contain bidirectional override characters',
        });
    })
    .transform((value) => value.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(options.min ?? 0)
        .max(options.max),
    );
}

/** A single-line text field: names, titles. */
export const text = (max = 200, min = 1) => checkedText({ max, min, multiline: false });
/** A multi-line text field: notes, descriptions. */
export const longText = (max = 10_000) => checkedText({ max, multiline: true });

export const email = z
  .string()
  .max(254)
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.email({ message: 'must be an email address' }));

export const password = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(256, 'must be at most 256 characters')
  .refine((value) => !value.includes('\u0000'), 'must not contain NUL bytes');

export const id = z.uuid({ message: 'must be a UUID' });
export const idParams = z.strictObject({ id });

export const isoInstant = z.iso.datetime({
  offset: true,
  message: 'must be an ISO-8601 date-time',
});

/** An ISO-8601 instant in any offset, normalized to the stored form (UTC, milliseconds, Z). */
export const utcInstant = isoInstant.transform((value) => new Date(value).toISOString());

/**
 * Outbound URLs (feeds, webhooks) use HTTPS; plain HTTP only to this machine. Feeds decide what
 * is "not affected" and webhooks carry alerts, so neither may travel in clear. Credentials do
 * not belong in a URL that is shown as every advisory's source or logged with a delivery.
 */
export function outboundUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    return 'must use https (http only for 127.0.0.1)';
  if (url.username || url.password) return 'must not carry credentials';
  return null;
}

/** A URL Cordon sends data to: https (http only to loopback), without credentials in it. */
export const outboundUrl = z
  .string()
  .max(2000)
  .superRefine((value, ctx) => {
    const problem = outboundUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const limit = z.coerce.number().int().min(1).max(500).default(50);

export const errorResponse = z.object({
  code: z.string(),
  message: z.string(),
  requestId: z.string(),
  issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  /** Present when a file or batch was refused whole: each bad row, by line number. */
  rows: z
    .array(z.object({ line: z.number().int(), field: z.string(), message: z.string() }))
    .optional(),
  rowErrorCount: z.number().int().optional(),
});
export type ErrorResponse = z.infer<typeof errorResponse>;

export const okResponse = z.object({ ok: z.literal(true) });

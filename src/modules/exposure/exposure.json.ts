import { ValidationError } from '../../lib/errors.js';

/**
 * JSON.parse for outside documents, refusing strings that hold NUL: PostgreSQL text cannot
 * store it (the insert would fail as a 500 long after parsing), and no SBOM, advisory or
 * catalog has a reason to contain one. JSON can only spell NUL as the `\u0000` escape, so
 * documents without it skip the walk; the walk is iterative, as documents may nest deeply.
 */
export function parseUntrustedJson(text: string): unknown {
  const value: unknown = JSON.parse(text);
  if (!/\\u0000/i.test(text)) return value;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string' && item.includes('\u0000'))
      throw new SyntaxError('a string contains a NUL character (\\u0000)');
    if (typeof item !== 'object' || item === null) continue;
    for (const [key, child] of Object.entries(item)) {
      if (key.includes('\u0000')) throw new SyntaxError('a key contains a NUL character (\\u0000)');
      pending.push(child);
    }
  }
  return value;
}

/**
 * A whole uploaded JSON file (a KEV catalog, an NVD response): decoded, BOM dropped, parsed
 * as untrusted; unreadable JSON is a ValidationError on `file` naming what the file is.
 */
export function parseJsonFile(bytes: Buffer, subject: string): unknown {
  try {
    return parseUntrustedJson(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw ValidationError.forField('file', `${subject} is not valid JSON (${reason})`);
  }
}

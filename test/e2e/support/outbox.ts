import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** Undoes quoted-printable soft line breaks and escapes, enough to read links in a body. */
export function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_match, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
}

/**
 * Waits for an `.eml` in the outbox that mentions `recipient` (and `mentioning`, when given),
 * and returns its decoded text.
 */
export async function waitForEmail(
  dataDir: string,
  recipient: string,
  timeoutMs = 30_000,
  mentioning?: string,
): Promise<string> {
  const outbox = path.join(dataDir, 'outbox');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const names = (await readdir(outbox).catch(() => [] as string[])).filter((name) =>
      name.endsWith('.eml'),
    );
    const files = await Promise.all(
      names.map(async (name) => ({
        name,
        modified: (await stat(path.join(outbox, name))).mtimeMs,
      })),
    );
    files.sort((a, b) => b.modified - a.modified);
    for (const file of files) {
      const text = decodeQuotedPrintable(await readFile(path.join(outbox, file.name), 'utf8'));
      const lower = text.toLowerCase();
      if (lower.includes(recipient.toLowerCase()) && (!mentioning || text.includes(mentioning)))
        return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No email to ${recipient} reached ${outbox} within ${timeoutMs} ms`);
}

export function extractInviteUrl(email: string): string {
  const match = /https?:\/\/\S+\/invite#token=[A-Za-z0-9_-]+/.exec(email);
  if (!match) throw new Error(`The invitation email has no invite link:\n${email}`);
  return match[0];
}

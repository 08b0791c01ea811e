import type { Executor } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { randomToken, sha256Hex } from '../../lib/crypto.js';
import { LinkExpired, NotFound } from '../../lib/errors.js';
import type { ReportStore } from './disclosure.reports.store.js';

const DAY_MS = 86_400_000;

/**
 * Researchers' capability links: 256 random bits, only the SHA-256 stored, expiring and
 * revocable, each opening exactly one report. A new link revokes the old ones, so a link
 * that leaked can be replaced without touching the report.
 */
export function createReportLinks(deps: { store: ReportStore; clock: Clock; publicUrl: string }) {
  return {
    async issue(reportId: string, days: number, trx: Executor) {
      const token = randomToken(32);
      const now = deps.clock.now();
      const expiresAt = new Date(now.getTime() + days * DAY_MS).toISOString();
      await deps.store.revokeLinks(reportId, now.toISOString(), trx);
      await deps.store.insertLink(
        { tokenHash: sha256Hex(token), reportId, createdAt: now.toISOString(), expiresAt },
        trx,
      );
      // In the fragment: browsers send it neither to servers nor in Referer headers.
      return { link: `${deps.publicUrl}/report/thread#token=${token}`, expiresAt };
    },

    /** The report id this token opens: 404 for an unknown token, 410 when expired or revoked. */
    async open(token: string): Promise<string> {
      const tokenHash = sha256Hex(token);
      const link = await deps.store.findLink(tokenHash);
      if (!link) throw new NotFound('Report link', 'this link');
      const now = deps.clock.now().toISOString();
      if (link.revoked_at !== null || link.expires_at <= now)
        throw new LinkExpired(
          'This link has expired or was withdrawn; ask the security team for a new one',
        );
      await deps.store.touchLink(tokenHash, now);
      return link.report_id;
    },
  };
}

export type ReportLinks = ReturnType<typeof createReportLinks>;

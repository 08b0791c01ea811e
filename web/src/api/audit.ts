import type { z } from 'zod';
import type { auditPage, chainVerification } from '@contracts/audit.js';
import { api } from './client.js';

export type AuditPage = z.infer<typeof auditPage>;
export type AuditEvent = AuditPage['items'][number];
export type ChainVerification = z.infer<typeof chainVerification>;

export interface AuditFilter {
  action?: string | undefined;
  outcome?: 'success' | 'failure' | 'denied' | undefined;
  actorId?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  /** UTC instants; `to` is exclusive. */
  from?: string | undefined;
  to?: string | undefined;
}

export function fetchAuditEvents(
  filter: AuditFilter,
  before?: number,
  limit = 50,
): Promise<AuditPage> {
  return api.get('/api/v1/audit-events', { ...filter, before, limit });
}

export function verifyAuditChain(): Promise<ChainVerification> {
  return api.get('/api/v1/audit-events/verification');
}

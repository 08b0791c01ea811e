export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export type ActorType = 'user' | 'token' | 'system' | 'anonymous';

/** What a service says happened; the audit service adds who, when and the chain fields. */
export interface AuditRecord {
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  outcome?: AuditOutcome;
  /** Small, non-secret facts. Never put passwords, tokens or customer PII here. */
  details?: Record<string, unknown>;
  /** Overrides the actor label, e.g. the email typed into a failed sign-in. */
  actorLabel?: string | null;
}

/** The hashed content of one chain link. Field order is irrelevant: it is canonicalized. */
export interface AuditEntry {
  seq: number;
  occurredAt: string;
  actorType: ActorType;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: AuditOutcome;
  requestId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

export interface AuditEvent extends AuditEntry {
  prevHash: string;
  hash: string;
}

/** An event as listings show it: the entry and its hash, without the link to its predecessor. */
export type ListedAuditEvent = Omit<AuditEvent, 'prevHash'>;

export interface AuditFilter {
  action?: string | undefined;
  actorId?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  outcome?: AuditOutcome | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Return events with seq below this (newest-first paging). */
  beforeSeq?: number | undefined;
  limit: number;
}

export type { ChainBreakReason, ChainVerification } from '../../lib/hash-chain.js';

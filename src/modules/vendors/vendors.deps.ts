import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CategoryService } from '../datamap/datamap.categories.service.js';
import type { LedgerReach } from '../datamap/datamap.reach.js';
import type { ApprovalGate } from '../assessments/assessments.gate.js';

/** What the vendors module needs from the rest of Cordon, kept narrow on purpose. */
export interface VendorDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  /** Validates declared category keys and maps them to the catalogue. */
  categories: Pick<CategoryService, 'requireKnown' | 'index'>;
  /** How many customers the ledger says reached a set of integrations (for inherent risk). */
  reach: LedgerReach;
  /** Says whether an integration may become active (an approval or a live risk acceptance). */
  approvalGate: Pick<ApprovalGate, 'check'>;
  /** Tells the security team (active admins and analysts) something needs their attention. */
  notify(message: { subject: string; text: string }): Promise<void>;
}

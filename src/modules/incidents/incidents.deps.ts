import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/audit.service.js';

/** What the incidents module needs from the rest of Cordon. */
export interface IncidentDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
}

import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/audit.service.js';

export interface DatamapDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  masterKey: Buffer;
}

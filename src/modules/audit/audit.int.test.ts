import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../lib/clock.js';
import { systemContext, type CallContext } from '../../lib/principal.js';
import {
  createTestDatabase,
  testDialect,
  type TestDatabase,
} from '../../../test/support/database.js';
import { createAuditService, type AuditService } from './audit.service.js';

describe(`audit chain (${testDialect})`, () => {
  let test: TestDatabase;
  let audit: AuditService;
  const ctx: CallContext = {
    principal: {
      kind: 'user',
      userId: 'u1',
      email: 'a@example.com',
      role: 'admin',
      sessionId: 's',
      mfa: 'verified',
    },
    requestId: 'req-1',
    ip: '127.0.0.1',
  };

  beforeEach(async () => {
    test = await createTestDatabase();
    audit = createAuditService({
      db: test.db,
      clock: createManualClock(new Date('2026-03-12T08:00:00Z')),
    });
    for (let i = 0; i < 5; i += 1) {
      await audit.record(ctx, {
        action: 'test.thing.update',
        objectType: 'thing',
        objectId: `t${i}`,
        details: { i },
      });
    }
  });
  afterEach(() => test.cleanup());

  it('verifies an untouched chain and reports its head', async () => {
    const result = await audit.verify(ctx);
    expect(result.ok).toBe(true);
    expect(result.checked).toBe(5);
    expect(result.headSeq).toBe(5);
  });

  it('detects an altered row and names it', async () => {
    await sql`update audit_events set object_id = 'forged' where seq = 3`.execute(test.db.kysely);
    const result = await audit.verify(ctx);
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toMatchObject({ seq: 3, reason: 'hash-mismatch' });
  });

  it('detects a deleted row in the middle', async () => {
    await sql`delete from audit_events where seq = 2`.execute(test.db.kysely);
    const result = await audit.verify(ctx);
    expect(result.firstBreak).toMatchObject({ seq: 2, reason: 'sequence-gap' });
  });

  it('detects a deleted last row through the chain head', async () => {
    await sql`delete from audit_events where seq = 5`.execute(test.db.kysely);
    const result = await audit.verify(ctx);
    expect(result.firstBreak).toMatchObject({ seq: 5, reason: 'head-mismatch' });
  });

  it('detects two rows swapped', async () => {
    // Swap contents of rows 2 and 4, keeping their sequence numbers.
    await sql`update audit_events set seq = -2 where seq = 2`.execute(test.db.kysely);
    await sql`update audit_events set seq = 2 where seq = 4`.execute(test.db.kysely);
    await sql`update audit_events set seq = 4 where seq = -2`.execute(test.db.kysely);
    const result = await audit.verify(ctx);
    expect(result.ok).toBe(false);
    expect(result.firstBreak?.seq).toBe(2);
  });

  it('detects a fully recomputed chain against an anchor taken earlier', async () => {
    const anchor = await audit.verify(ctx);
    await sql`update audit_events set object_id = 'forged' where seq = 5`.execute(test.db.kysely);
    // An attacker with database access rewrites the hash fields too; only the anchor catches it.
    const rows = await test.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .orderBy('seq')
      .execute();
    const { hashEntry } = await import('../../lib/hash-chain.js');
    let prev = '0'.repeat(64);
    for (const row of rows) {
      const hash = hashEntry(prev, {
        seq: Number(row.seq),
        occurredAt: row.occurred_at,
        actorType: row.actor_type as 'user',
        actorId: row.actor_id,
        actorLabel: row.actor_label,
        action: row.action,
        objectType: row.object_type,
        objectId: row.object_id,
        outcome: row.outcome as 'success',
        requestId: row.request_id,
        ip: row.ip,
        details: JSON.parse(row.details) as Record<string, unknown>,
      });
      await sql`update audit_events set prev_hash = ${prev}, hash = ${hash} where seq = ${row.seq}`.execute(
        test.db.kysely,
      );
      prev = hash;
    }
    await sql`update audit_chain_head set hash = ${prev}`.execute(test.db.kysely);
    expect((await audit.verify(ctx)).ok).toBe(true);
    const anchored = await audit.verify(ctx, { seq: anchor.headSeq, hash: anchor.headHash });
    expect(anchored.firstBreak).toMatchObject({ seq: 5, reason: 'anchor-mismatch' });
  });

  it('keeps one unbroken chain under concurrent appends', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        audit.record(systemContext('test'), { action: 'test.concurrent', details: { i } }),
      ),
    );
    const result = await audit.verify(ctx);
    expect(result).toMatchObject({ ok: true, checked: 45, headSeq: 45 });
  });

  it('filters by action prefix, outcome and actor', async () => {
    await audit.record(ctx, { action: 'identity.login', outcome: 'failure' });
    const failures = await audit.list(ctx, { outcome: 'failure', limit: 10 });
    expect(failures.map((e) => e.action)).toEqual(['identity.login']);
    const things = await audit.list(ctx, { action: 'test.thing', limit: 2 });
    expect(things.map((e) => e.seq)).toEqual([5, 4]);
    const page2 = await audit.list(ctx, { action: 'test.thing', limit: 2, beforeSeq: 4 });
    expect(page2.map((e) => e.seq)).toEqual([3, 2]);
  });
});

import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  INCIDENT_STATUSES,
  type Incident,
  type IncidentStatus,
  type IncidentSummary,
  type incidentInput,
  type incidentListQuery,
  type incidentPatch,
  type statusInput,
} from '../../contracts/incidents.js';
import type { Executor } from '../../db/database.js';
import { GENESIS_HASH } from '../../lib/hash-chain.js';
import { Forbidden, ValidationError } from '../../lib/errors.js';
import {
  authorize,
  principalUserId,
  type CallContext,
  type Principal,
} from '../../lib/principal.js';
import type { IncidentAccess } from './incidents.access.js';
import { ACCESS, viewerOf } from './incidents.access.js';
import type { IncidentDeps } from './incidents.deps.js';
import type { IncidentRow, IncidentStore } from './incidents.store.js';
import type { NewEntry, Timeline } from './incidents.timeline.js';
import { currentTriggers, vendorNotices } from './incidents.triggers.js';

export type IncidentServiceDeps = Pick<IncidentDeps, 'db' | 'clock' | 'audit'> & {
  store: IncidentStore;
  timeline: Timeline;
  access: IncidentAccess;
};

/** A change to one incident: what it did, for its timeline entry and its audit event. */
export interface Change {
  action: string;
  entry: NewEntry;
  details?: Record<string, unknown>;
}

/**
 * Incidents: open, list, read, edit, move through the lifecycle, and manage members. Every
 * change is one transaction holding the change, its timeline entry and its audit event.
 */
export function createIncidentService(deps: IncidentServiceDeps) {
  const { store, timeline, access } = deps;

  /**
   * Runs a change on an incident the caller may see and records it, in one transaction;
   * returns what the change produced.
   */
  async function changeReturning<T>(
    ctx: CallContext,
    id: string,
    work: (
      row: IncidentRow,
      principal: Principal,
      trx: Executor,
      now: string,
    ) => Promise<Change & { value: T }>,
  ): Promise<T> {
    return deps.db.kysely.transaction().execute(async (trx) => {
      const { row, principal } = await access.load(ctx, id, ACCESS.write, trx);
      const now = deps.clock.now().toISOString();
      const done = await work(row, principal, trx, now);
      await record(trx, ctx, id, done, now);
      return done.value;
    });
  }

  /** The same, answering with the incident as it is afterwards. */
  async function change(
    ctx: CallContext,
    id: string,
    work: (row: IncidentRow, principal: Principal, trx: Executor, now: string) => Promise<Change>,
  ): Promise<Incident> {
    await changeReturning(ctx, id, async (...args) => ({ ...(await work(...args)), value: null }));
    return present((await store.get(id))!);
  }

  async function record(trx: Executor, ctx: CallContext, id: string, done: Change, now: string) {
    const link = await timeline.append(trx, ctx, id, done.entry, now);
    await store.update(id, { updated_at: now }, trx);
    await deps.audit.record(
      ctx,
      {
        action: done.action,
        objectType: 'incident',
        objectId: id,
        details: { timelineSeq: link.seq, ...done.details },
      },
      trx,
    );
  }

  async function present(row: IncidentRow): Promise<Incident> {
    const [members, links, triggerRows] = await Promise.all([
      store.members(row.id),
      store.links(row.id),
      store.triggers(row.id),
    ]);
    const triggers = currentTriggers(triggerRows);
    const noticeVendors = triggers.flatMap((t) => (t.vendorId ? [t.vendorId] : []));
    const [terms, labels, people] = await Promise.all([
      store.vendorTerms(noticeVendors),
      store.linkLabels(links),
      store.people(row.id),
    ]);
    const ownerEmail = people.find((person) => person.id === row.owner_id)?.email ?? null;
    return {
      ...summaryOf({ ...row, owner_email: ownerEmail }),
      summary: row.summary,
      createdBy: row.created_by,
      members: members.map((m) => ({ userId: m.user_id, email: m.email, addedAt: m.added_at })),
      people: people.map((person) => ({ userId: person.id, email: person.email })),
      links: links.map((l) => ({
        kind: l.kind as Incident['links'][number]['kind'],
        targetId: l.target_id,
        label: labels.get(`${l.kind}:${l.target_id}`) ?? null,
        linkedAt: l.linked_at,
      })),
      triggers,
      vendorNotices: vendorNotices(
        triggers,
        new Map(
          terms.map((t) => [
            t.id,
            { name: t.legal_name, termHours: t.hours === null ? null : Number(t.hours) },
          ]),
        ),
      ),
      timeline: { entries: Number(row.timeline_seq), headHash: row.timeline_hash },
    };
  }

  async function checkUser(userId: string, field: string, trx: Executor) {
    const user = await store.activeUser(userId, trx);
    if (!user) throw ValidationError.forField(field, `no active user has the id '${userId}'`);
    return user;
  }

  /** Opens an incident inside `trx`; the opener becomes its owner unless another is named. */
  async function open(
    ctx: CallContext,
    input: z.output<typeof incidentInput>,
    trx: Executor,
  ): Promise<string> {
    const principal = authorize(ctx, ACCESS.write);
    const now = deps.clock.now().toISOString();
    const me = principalUserId(principal);
    const ownerId = input.ownerId ?? me;
    if (input.ownerId) await checkUser(input.ownerId, 'ownerId', trx);
    const id = randomUUID();
    await store.insert(
      {
        id,
        title: input.title,
        type: input.type,
        severity: input.severity,
        status: 'detected',
        summary: input.summary,
        owner_id: ownerId,
        restricted: input.restricted ? 1 : 0,
        created_by: me,
        created_at: now,
        updated_at: now,
        closed_at: null,
        timeline_seq: 0,
        timeline_hash: GENESIS_HASH,
      },
      trx,
    );
    // Whoever opens a restricted incident must not lock themselves out of it.
    for (const [n, userId] of input.memberIds.entries())
      await checkUser(userId, `memberIds.${n}`, trx);
    const members = new Set([...input.memberIds, ...(input.restricted && me ? [me] : [])]);
    for (const userId of members) await store.addMember(id, userId, me, now, trx);
    await record(
      trx,
      ctx,
      id,
      {
        action: 'incident.opened',
        entry: {
          kind: 'status_change',
          body: { from: null, to: 'detected', title: input.title, type: input.type },
        },
        details: { type: input.type, severity: input.severity, restricted: input.restricted },
      },
      now,
    );
    return id;
  }

  return {
    present,
    change,
    changeReturning,
    record,
    open,

    async create(ctx: CallContext, input: z.output<typeof incidentInput>): Promise<Incident> {
      const id = await deps.db.kysely.transaction().execute((trx) => open(ctx, input, trx));
      return present((await store.get(id))!);
    },

    async list(ctx: CallContext, query: z.output<typeof incidentListQuery>) {
      const principal = authorize(ctx, ACCESS.read);
      const { rows, total } = await store.list(
        { status: query.status, type: query.type, visibleTo: viewerOf(principal) },
        query.limit,
        query.offset,
      );
      return { items: rows.map(summaryOf), total };
    },

    async get(ctx: CallContext, id: string): Promise<Incident> {
      return present((await access.load(ctx, id, ACCESS.read)).row);
    },

    update(ctx: CallContext, id: string, patch: z.output<typeof incidentPatch>) {
      return change(ctx, id, async (row, principal, trx) => {
        const managed = patch.ownerId !== undefined || patch.restricted !== undefined;
        if (managed && !access.canManage(principal, row))
          throw new Forbidden('Only the owner or an admin can change the owner or restriction');
        if (patch.ownerId !== undefined) await checkUser(patch.ownerId, 'ownerId', trx);
        const before: Record<string, unknown> = {
          title: row.title,
          type: row.type,
          severity: row.severity,
          summary: row.summary,
          ownerId: row.owner_id,
          restricted: Boolean(row.restricted),
        };
        const changes = Object.fromEntries(
          Object.entries(patch)
            .filter(([field, value]) => before[field] !== value)
            .map(([field, value]) => [field, { from: before[field], to: value }]),
        );
        await store.update(
          id,
          {
            title: patch.title,
            type: patch.type,
            severity: patch.severity,
            summary: patch.summary,
            owner_id: patch.ownerId,
            restricted: patch.restricted === undefined ? undefined : patch.restricted ? 1 : 0,
          },
          trx,
        );
        return {
          action: 'incident.updated',
          entry: { kind: 'record_change', body: { changes } },
          details: { fields: Object.keys(changes) },
        };
      });
    },

    setStatus(ctx: CallContext, id: string, input: z.output<typeof statusInput>) {
      return change(ctx, id, async (row, _principal, trx, now) => {
        const from = row.status as IncidentStatus;
        if (from === input.status)
          throw ValidationError.forField('status', `the incident is ${from} already`);
        const backwards = rank(input.status) < rank(from);
        if ((backwards || input.status === 'closed') && !input.reason)
          throw ValidationError.forField(
            'reason',
            input.status === 'closed'
              ? 'is required to close an incident'
              : `is required to move an incident back from ${from} to ${input.status}`,
          );
        await store.update(
          id,
          { status: input.status, closed_at: input.status === 'closed' ? now : null },
          trx,
        );
        return {
          action: 'incident.status',
          entry: {
            kind: 'status_change',
            body: { from, to: input.status, reason: input.reason ?? null },
          },
          details: { from, to: input.status },
        };
      });
    },

    addMember(ctx: CallContext, id: string, userId: string) {
      return change(ctx, id, async (row, principal, trx, now) => {
        if (!access.canManage(principal, row))
          throw new Forbidden('Only the owner or an admin can change who is on an incident');
        const user = await checkUser(userId, 'userId', trx);
        await store.addMember(id, userId, principalUserId(principal), now, trx);
        return {
          action: 'incident.member.added',
          entry: { kind: 'record_change', body: { memberAdded: { userId, email: user.email } } },
          details: { userId },
        };
      });
    },

    removeMember(ctx: CallContext, id: string, userId: string) {
      return change(ctx, id, async (row, principal, trx) => {
        if (!access.canManage(principal, row))
          throw new Forbidden('Only the owner or an admin can change who is on an incident');
        if (!(await store.removeMember(id, userId, trx)))
          throw ValidationError.forField('userId', `'${userId}' is not a member of this incident`);
        return {
          action: 'incident.member.removed',
          entry: { kind: 'record_change', body: { memberRemoved: { userId } } },
          details: { userId },
        };
      });
    },
  };
}

export type IncidentService = ReturnType<typeof createIncidentService>;

const rank = (status: IncidentStatus) => INCIDENT_STATUSES.indexOf(status);

function summaryOf(row: IncidentRow & { owner_email: string | null }): IncidentSummary {
  return {
    id: row.id,
    title: row.title,
    type: row.type as IncidentSummary['type'],
    severity: row.severity as IncidentSummary['severity'],
    status: row.status as IncidentStatus,
    restricted: Boolean(row.restricted),
    ownerId: row.owner_id,
    ownerEmail: row.owner_email,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
  };
}

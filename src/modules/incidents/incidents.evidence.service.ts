import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  CustodyEvent,
  Evidence,
  custodyInput,
  evidenceFields,
  evidencePatch,
} from '../../contracts/incidents.js';
import type { Executor } from '../../db/database.js';
import {
  createBlobStore,
  fileNameFor,
  sanitizeFileName,
  sniffMediaType,
  type UploadedFile,
} from '../../lib/blob-store.js';
import { AppError, IntegrityFailed, NotFound } from '../../lib/errors.js';
import { principalUserId, type CallContext } from '../../lib/principal.js';
import { describeActor } from '../audit/audit.service.js';
import { ACCESS } from './incidents.access.js';
import type { CustodyRow, EvidenceRow, EvidenceStore } from './incidents.evidence.store.js';
import type { IncidentService, IncidentServiceDeps } from './incidents.service.js';

/**
 * Evidence: files stored write-once under their SHA-256 (taken at acquisition), with a chain
 * of custody whose every event is also a timeline entry, so the incident's hash chain covers
 * it. Every download re-hashes the bytes and refuses them if they changed, and is itself
 * recorded as custody.
 */
export function createEvidenceService(
  deps: IncidentServiceDeps & {
    evidence: EvidenceStore;
    incidents: Pick<IncidentService, 'changeReturning'>;
  },
) {
  const { evidence, access, incidents, timeline } = deps;
  const blobs = createBlobStore(deps.db.kysely, deps.clock);

  async function loadEvidence(id: string, evidenceId: string, trx?: Executor) {
    const row = await evidence.get(id, evidenceId, trx);
    if (!row) throw new NotFound('Evidence', evidenceId);
    return row;
  }

  /** Stores one custody event, naming the timeline entry about to record it. */
  async function custody(
    trx: Executor,
    id: string,
    row: Omit<CustodyRow, 'id' | 'timeline_seq'>,
  ): Promise<CustodyRow> {
    const stored = { ...row, id: randomUUID(), timeline_seq: await timeline.nextSeq(trx, id) };
    await evidence.addCustody(stored, trx);
    return stored;
  }

  return {
    async list(ctx: CallContext, id: string): Promise<Evidence[]> {
      await access.load(ctx, id, ACCESS.read);
      return (await evidence.list(id)).map(evidenceOf);
    },

    add(
      ctx: CallContext,
      id: string,
      file: UploadedFile,
      fields: z.output<typeof evidenceFields>,
    ): Promise<Evidence> {
      return incidents.changeReturning(ctx, id, async (_row, principal, trx, now) => {
        const fileName = sanitizeFileName(file.fileName);
        const mediaType = evidenceMediaType(file);
        const sha256 = await blobs.put(file.bytes, mediaType, trx);
        const row: EvidenceRow = {
          id: randomUUID(),
          incident_id: id,
          sha256,
          file_name: fileName,
          media_type: mediaType,
          byte_size: file.bytes.length,
          description: fields.description,
          acquired_at: fields.acquiredAt ?? now,
          acquired_from: fields.acquiredFrom,
          legal_hold: 0,
          privileged: 0,
          added_by: principalUserId(principal),
          added_at: now,
        };
        await evidence.insert(row, trx);
        const acquired = await custody(trx, id, {
          evidence_id: row.id,
          action: 'acquired',
          at: row.acquired_at,
          from_party: fields.acquiredFrom,
          to_party: describeActor(principal).label ?? 'Cordon',
          purpose: fields.purpose,
          location: fields.location,
          recorded_by: principalUserId(principal),
          recorded_at: now,
        });
        return {
          action: 'incident.evidence.added',
          entry: {
            kind: 'evidence_added',
            body: {
              evidenceId: row.id,
              fileName,
              sha256,
              byteSize: row.byte_size,
              mediaType,
              acquiredFrom: fields.acquiredFrom,
              custody: custodyOf(acquired),
            },
            occurredAt: row.acquired_at,
            occurredSource: fields.acquiredFrom,
          },
          details: { evidenceId: row.id, sha256, byteSize: row.byte_size },
          value: evidenceOf(row),
        };
      });
    },

    /** The bytes, re-verified against their hash; the download is recorded as custody. */
    async download(ctx: CallContext, id: string, evidenceId: string, purpose: string) {
      const { row } = await access.load(ctx, id, ACCESS.write);
      const item = await loadEvidence(row.id, evidenceId);
      const blob = await blobs.getHashed(item.sha256);
      const actual = blob?.actualSha256;
      if (!blob || actual !== item.sha256) {
        await deps.audit.record(ctx, {
          action: 'incident.evidence.integrity',
          objectType: 'incident_evidence',
          objectId: evidenceId,
          outcome: 'failure',
          details: { expected: item.sha256, actual: actual ?? null },
        });
        throw new IntegrityFailed(
          `Evidence '${item.file_name}' no longer matches the SHA-256 recorded when it was acquired (${item.sha256}); it was not served`,
        );
      }
      await incidents.changeReturning(ctx, id, async (_row, principal, trx, now) => {
        const accessed = await custody(trx, id, {
          evidence_id: evidenceId,
          action: 'accessed',
          at: now,
          from_party: 'Cordon evidence store',
          to_party: describeActor(principal).label ?? 'unknown',
          purpose,
          location: 'downloaded',
          recorded_by: principalUserId(principal),
          recorded_at: now,
        });
        return {
          action: 'incident.evidence.downloaded',
          entry: {
            kind: 'custody',
            body: { ...custodyOf(accessed), sha256: item.sha256, verified: true },
          },
          details: { evidenceId },
          value: null,
        };
      });
      return {
        fileName: fileNameFor(item.file_name, item.media_type),
        mediaType: item.media_type,
        content: blob.content,
        sha256: item.sha256,
      };
    },

    update(
      ctx: CallContext,
      id: string,
      evidenceId: string,
      patch: z.output<typeof evidencePatch>,
    ) {
      return incidents.changeReturning(ctx, id, async (_row, _principal, trx) => {
        const before = await loadEvidence(id, evidenceId, trx);
        await evidence.update(
          evidenceId,
          {
            description: patch.description,
            legal_hold: patch.legalHold === undefined ? undefined : patch.legalHold ? 1 : 0,
            privileged: patch.privileged === undefined ? undefined : patch.privileged ? 1 : 0,
          },
          trx,
        );
        const after = (await evidence.get(id, evidenceId, trx))!;
        return {
          action: 'incident.evidence.updated',
          entry: {
            kind: 'record_change',
            body: {
              evidenceId,
              fileName: before.file_name,
              legalHold: Boolean(after.legal_hold),
              privileged: Boolean(after.privileged),
              changed: Object.keys(patch),
            },
          },
          details: { evidenceId, fields: Object.keys(patch) },
          value: evidenceOf(after),
        };
      });
    },

    recordCustody(
      ctx: CallContext,
      id: string,
      evidenceId: string,
      input: z.output<typeof custodyInput>,
    ): Promise<CustodyEvent> {
      return incidents.changeReturning(ctx, id, async (_row, principal, trx, now) => {
        await loadEvidence(id, evidenceId, trx);
        const event = await custody(trx, id, {
          evidence_id: evidenceId,
          action: input.action,
          at: input.at ?? now,
          from_party: input.from,
          to_party: input.to,
          purpose: input.purpose,
          location: input.location,
          recorded_by: principalUserId(principal),
          recorded_at: now,
        });
        return {
          action: 'incident.evidence.custody',
          entry: { kind: 'custody', body: custodyOf(event), occurredAt: event.at },
          details: { evidenceId, action: input.action },
          value: custodyOf(event),
        };
      });
    },

    async custodyLog(ctx: CallContext, id: string, evidenceId: string): Promise<CustodyEvent[]> {
      await access.load(ctx, id, ACCESS.read);
      await loadEvidence(id, evidenceId);
      return (await evidence.custody(evidenceId)).map(custodyOf);
    },
  };
}

export type EvidenceService = ReturnType<typeof createEvidenceService>;

/**
 * Evidence is whatever the incident needs (logs, mail, captures), so any content is taken; the
 * type is sniffed, never believed, and unknown content is stored as opaque bytes.
 */
function evidenceMediaType(file: UploadedFile): string {
  try {
    return sniffMediaType(file.bytes, file.fileName);
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNSUPPORTED_MEDIA_TYPE')
      return 'application/octet-stream';
    throw error;
  }
}

function evidenceOf(row: EvidenceRow): Evidence {
  return {
    id: row.id,
    incidentId: row.incident_id,
    sha256: row.sha256,
    fileName: row.file_name,
    mediaType: row.media_type,
    byteSize: Number(row.byte_size),
    description: row.description,
    acquiredAt: row.acquired_at,
    acquiredFrom: row.acquired_from,
    legalHold: Boolean(row.legal_hold),
    privileged: Boolean(row.privileged),
    addedBy: row.added_by,
    addedAt: row.added_at,
  };
}

function custodyOf(row: CustodyRow): CustodyEvent {
  return {
    id: row.id,
    evidenceId: row.evidence_id,
    action: row.action as CustodyEvent['action'],
    at: row.at,
    from: row.from_party,
    to: row.to_party,
    purpose: row.purpose,
    location: row.location,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
    timelineSeq: Number(row.timeline_seq),
  };
}

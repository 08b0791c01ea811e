import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import yazl from 'yazl';
import { createBlobStore } from '../../lib/blob-store.js';
import { IntegrityFailed } from '../../lib/errors.js';
import { principalUserId, type CallContext } from '../../lib/principal.js';
import { describeActor } from '../audit/audit.service.js';
import { ACCESS } from './incidents.access.js';
import type { ActionService } from './incidents.actions.service.js';
import {
  evidencePath,
  jsonFile,
  manifestOf,
  timelineHtml,
  type BundleFile,
} from './incidents.bundle.js';
import type { EvidenceService } from './incidents.evidence.service.js';
import type { EvidenceStore } from './incidents.evidence.store.js';
import type { ScopeService } from './incidents.scope.service.js';
import type { IncidentService, IncidentServiceDeps } from './incidents.service.js';
import type { TaskService } from './incidents.tasks.service.js';
import type { TimelineLink } from './incidents.timeline.js';

/**
 * The legal export: one zip holding the incident, its timeline (JSON to verify, HTML to read),
 * evidence files, custody log, scope snapshots with their customer sets, tasks and actions,
 * and a manifest with every file's SHA-256 and the chain's head. `cordon incident
 * verify-bundle` checks it with nothing else. Privileged evidence stays out unless asked for.
 * The export is itself a custody event, recorded before the bundle is made, so it is in it.
 */
export function createBundleService(
  deps: IncidentServiceDeps & {
    evidenceStore: EvidenceStore;
    services: {
      incidents: Pick<IncidentService, 'get' | 'changeReturning'>;
      evidence: Pick<EvidenceService, 'list' | 'custodyLog'>;
      tasks: Pick<TaskService, 'list'>;
      actions: Pick<ActionService, 'list'>;
      scope: Pick<ScopeService, 'list'>;
    };
  },
) {
  const { access, timeline, services } = deps;
  const blobs = createBlobStore(deps.db.kysely, deps.clock);

  return {
    async export(
      ctx: CallContext,
      id: string,
      options: { privileged: boolean },
    ): Promise<{ fileName: string; stream: Readable }> {
      await access.load(ctx, id, ACCESS.write);
      const evidence = await services.evidence.list(ctx, id);
      const included = evidence.filter((item) => options.privileged || !item.privileged);
      const contents = new Map<string, Buffer>();
      for (const item of included) {
        const blob = await blobs.getHashed(item.sha256);
        if (!blob || blob.actualSha256 !== item.sha256)
          throw new IntegrityFailed(
            `Evidence '${item.fileName}' no longer matches the SHA-256 recorded when it was acquired; nothing was exported`,
          );
        contents.set(item.id, blob.content);
      }

      await services.incidents.changeReturning(ctx, id, async (_row, principal, trx, now) => {
        const seq = await timeline.nextSeq(trx, id);
        for (const item of included)
          await deps.evidenceStore.addCustody(
            {
              id: randomUUID(),
              evidence_id: item.id,
              action: 'exported',
              at: now,
              from_party: 'Cordon evidence store',
              to_party: 'legal export bundle',
              purpose: 'legal export',
              location: `exported by ${describeActor(principal).label ?? 'unknown'}`,
              recorded_by: principalUserId(principal),
              recorded_at: now,
              timeline_seq: seq,
            },
            trx,
          );
        return {
          action: 'incident.exported',
          entry: {
            kind: 'custody',
            body: {
              action: 'exported',
              to: 'legal export bundle',
              evidence: included.map((item) => ({ id: item.id, sha256: item.sha256 })),
              privilegedIncluded: options.privileged,
            },
          },
          details: { evidence: included.length, privilegedIncluded: options.privileged },
          value: null,
        };
      });

      const incident = await services.incidents.get(ctx, id);
      const links: TimelineLink[] = [];
      for await (const link of timeline.links(id)) links.push(link);
      const corrected = new Map<number, number>();
      for (const link of links) if (link.supersedes) corrected.set(link.supersedes, link.seq);
      const headHash = links.at(-1)?.hash ?? incident.timeline.headHash;
      const snapshots = await services.scope.list(ctx, id);
      const files: BundleFile[] = [
        jsonFile('incident.json', incident),
        jsonFile(
          'timeline.json',
          links.map((link) => ({ ...link, supersededBy: corrected.get(link.seq) ?? null })),
        ),
        { path: 'timeline.html', bytes: Buffer.from(timelineHtml(incident, links, headHash)) },
        jsonFile(
          'evidence.json',
          evidence.map((item) => ({ ...item, included: included.includes(item) })),
        ),
        ...included.map((item) => ({ path: evidencePath(item), bytes: contents.get(item.id)! })),
        jsonFile(
          'custody.json',
          (
            await Promise.all(
              evidence.map((item) => services.evidence.custodyLog(ctx, id, item.id)),
            )
          ).flat(),
        ),
        jsonFile('scope.json', snapshots),
        ...(await Promise.all(
          snapshots.map(async (snapshot) => ({
            path: `scope/${snapshot.id}-customers.txt.gz`,
            bytes: (await blobs.get(snapshot.setSha256))?.content ?? Buffer.alloc(0),
          })),
        )),
        jsonFile('tasks.json', await services.tasks.list(ctx, id)),
        jsonFile('actions.json', await services.actions.list(ctx, id)),
      ];
      const manifest = manifestOf(files, {
        incident: { id, title: incident.title },
        exportedAt: deps.clock.now().toISOString(),
        exportedBy: describeActor(ctx.principal).label,
        chain: { entries: links.length, headHash },
        privilegedIncluded: options.privileged,
      });
      const zip = new yazl.ZipFile();
      // Stored, not deflated: any byte of a file can be checked, and evidence is kept as is.
      for (const file of [jsonFile('manifest.json', manifest), ...files])
        zip.addBuffer(file.bytes, file.path, {
          compress: false,
          mtime: new Date(manifest.exportedAt),
        });
      zip.end();
      const stamp = manifest.exportedAt.replace(/[:.]/g, '-');
      // yazl's stream is a Node Readable; its typings name only the interface.
      return { fileName: `incident-${id}-${stamp}.zip`, stream: zip.outputStream as Readable };
    },
  };
}

export type BundleService = ReturnType<typeof createBundleService>;

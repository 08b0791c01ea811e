import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sharingIngestQuery, sharingIngestResult } from '../../contracts/datamap.js';
import { acceptRawBodies, NDJSON_TYPES, readBodyText } from '../../server/raw-body.js';
import type { DatamapService } from './datamap.service.js';

const INGEST = { role: 'analyst', scope: 'ingest' } as const;
/**
 * Per client address: 1,200 batches a minute is 2,000,000 events a minute at 10,000 a batch,
 * well above what one server ingests, so it only stops a runaway or hostile client.
 */
const INGEST_RATE = { max: 1200, timeWindow: '1 minute' };
/** Decompressed size of one batch: about 200,000 events. Larger uploads are split by clients. */
const BATCH_LIMIT_BYTES = 32 * 1024 * 1024;

/** The data-sharing ledger's ingest endpoint. */
export async function datamapSharingRoutes(
  root: FastifyInstance,
  { datamap }: { datamap: DatamapService },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  acceptRawBodies(root, NDJSON_TYPES);
  const tags = ['data map'];

  app.post(
    '/api/v1/sharing-events',
    {
      config: { auth: INGEST, rateLimit: INGEST_RATE },
      schema: {
        tags,
        summary: 'Record what the shop sent to integrations (NDJSON, one event per line; gzip ok)',
        querystring: sharingIngestQuery,
        response: { 200: sharingIngestResult },
      },
    },
    async (request) =>
      datamap.ledger.ingest(request.ctx, await readBodyText(request, BATCH_LIMIT_BYTES), {
        partial: request.query.partial,
      }),
  );
}

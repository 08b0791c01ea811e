import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ingestResult } from '../../contracts/detection.js';
import { acceptRawBodies, NDJSON_TYPES, readBodyText } from '../../server/raw-body.js';
import { ACCESS } from './detection.access.js';
import type { DetectionModule } from './detection.module.js';

/** Per client address: far above what one log shipper sends; it stops runaway clients. */
const INGEST_RATE = { max: 1200, timeWindow: '1 minute' };
/** Decompressed size of one batch, about 50,000 events; bigger batches get 413 and are split. */
export const EVENT_BATCH_LIMIT_BYTES = 16 * 1024 * 1024;

/** The event ingest endpoint for the shop's systems and log shippers. */
export async function detectionIngestRoutes(
  root: FastifyInstance,
  { detection }: { detection: DetectionModule },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  acceptRawBodies(root, NDJSON_TYPES);
  app.post(
    '/api/v1/events',
    {
      config: { auth: ACCESS.ingest, rateLimit: INGEST_RATE },
      bodyLimit: EVENT_BATCH_LIMIT_BYTES,
      schema: {
        tags: ['detection'],
        summary:
          'Ingest login, vendor API and HTTP events (NDJSON, one event a line; gzip ok). Bad lines are reported, the rest recorded; an event id counts once however often it is sent',
        response: { 200: ingestResult },
      },
    },
    async (request) =>
      detection.ingest.ingest(request.ctx, await readBodyText(request, EVENT_BATCH_LIMIT_BYTES)),
  );
}

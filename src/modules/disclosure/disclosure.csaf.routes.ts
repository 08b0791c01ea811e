import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { advisoryParams } from '../../contracts/advisories.js';
import type { DisclosureModule } from './disclosure.module.js';

const READ = { auth: 'public' as const, rateLimit: { max: 300, timeWindow: '1 minute' } };
const tags = ['advisories (public)'];

/**
 * CSAF 2.0 distribution (a provider's well-known directory, § 7.1) and OSV exports. Only
 * published advisories exist here; a draft is a 404 like an unknown id.
 */
export async function disclosureCsafRoutes(
  root: FastifyInstance,
  { disclosure }: { disclosure: DisclosureModule },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { advisories } = disclosure;
  const json = 'application/json; charset=utf-8';

  app.get(
    '/.well-known/csaf/provider-metadata.json',
    { config: READ, schema: { tags, summary: 'CSAF provider metadata' } },
    async (_request, reply) =>
      reply
        .type(json)
        .header('cache-control', 'public, max-age=300')
        .send(await advisories.providerMetadata()),
  );

  for (const [file, type, pick] of [
    ['index.txt', 'text/plain; charset=utf-8', 'index'],
    ['changes.csv', 'text/csv; charset=utf-8', 'changes'],
  ] as const)
    app.get(
      `/.well-known/csaf/white/${file}`,
      { config: READ, schema: { tags, hide: true } },
      async (_request, reply) =>
        reply
          .type(type)
          .header('cache-control', 'public, max-age=300')
          .send((await advisories.directoryListings())[pick]),
    );

  app.get(
    '/.well-known/csaf/white/:year/:file',
    {
      config: READ,
      schema: {
        tags,
        summary: 'One CSAF 2.0 advisory',
        params: z.strictObject({
          year: z.string().regex(/^\d{4}$/),
          file: z.string().regex(/^[a-z0-9+_-]+\.json$/),
        }),
      },
    },
    async (request, reply) =>
      reply
        .type(json)
        .header('cache-control', 'public, max-age=300')
        .send(
          await advisories.csafAt(
            `/.well-known/csaf/white/${request.params.year}/${request.params.file}`,
          ),
        ),
  );

  app.get(
    '/api/v1/public/advisories/:id/osv.json',
    {
      config: READ,
      schema: { tags, summary: 'One advisory in OSV format', params: advisoryParams },
    },
    async (request, reply) =>
      reply
        .type(json)
        .header('cache-control', 'public, max-age=300')
        .send(await advisories.osv(request.params.id)),
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okResponse } from '../../contracts/common.js';
import {
  contact,
  contactInput,
  vendorChildParams,
  vendorIdParams,
} from '../../contracts/vendors.js';
import type { VendorsModule } from './vendors.module.js';
import { ACCESS } from './vendors.types.js';

const tags = ['vendors'];

/** A vendor's contacts, always addressed under the vendor they belong to. */
export async function vendorContactRoutes(
  root: FastifyInstance,
  { vendors }: { vendors: VendorsModule },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const contacts = vendors.vendors.contacts;

  app.get(
    '/api/v1/vendors/:vendorId/contacts',
    {
      config: { auth: ACCESS.read },
      schema: { tags, params: vendorIdParams, response: { 200: z.array(contact) } },
    },
    async (request) => contacts.list(request.ctx, request.params.vendorId),
  );

  app.post(
    '/api/v1/vendors/:vendorId/contacts',
    {
      config: { auth: ACCESS.write },
      schema: { tags, params: vendorIdParams, body: contactInput, response: { 201: contact } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await contacts.create(request.ctx, request.params.vendorId, request.body)),
  );

  app.put(
    '/api/v1/vendors/:vendorId/contacts/:id',
    {
      config: { auth: ACCESS.write },
      schema: { tags, params: vendorChildParams, body: contactInput, response: { 200: contact } },
    },
    async (request) =>
      contacts.update(request.ctx, request.params.vendorId, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/vendors/:vendorId/contacts/:id',
    {
      config: { auth: ACCESS.write },
      schema: { tags, params: vendorChildParams, response: { 200: okResponse } },
    },
    async (request) => {
      await contacts.remove(request.ctx, request.params.vendorId, request.params.id);
      return { ok: true as const };
    },
  );
}

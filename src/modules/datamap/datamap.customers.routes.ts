import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, okResponse } from '../../contracts/common.js';
import {
  customer,
  customerImport,
  customerInput,
  customerLookupRequest,
  customerParams,
  customerSummary,
  eraseRequest,
  importQuery,
} from '../../contracts/datamap.js';
import { UnsupportedMediaType } from '../../lib/errors.js';
import { acceptRawBodies, bodyStream, CSV_TYPES, NDJSON_TYPES } from '../../server/raw-body.js';
import type { DatamapService } from './datamap.service.js';

const VIEWER = { role: 'viewer', scope: 'read' } as const;
const PII_READER = { role: 'analyst', scope: 'read' } as const;
const WRITER = { role: 'analyst', scope: 'write' } as const;
const ADMIN = { role: 'admin', scope: 'admin' } as const;
/** A million customers as CSV is about 100 MB; leave room, but not unbounded. */
const IMPORT_LIMIT_BYTES = 1024 * 1024 * 1024;

/** The customer directory: summary, single-customer read/upsert/erasure, and file imports. */
export async function datamapCustomerRoutes(
  root: FastifyInstance,
  { datamap }: { datamap: DatamapService },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const customers = datamap.customers;
  const tags = ['customers'];
  acceptRawBodies(root, [...CSV_TYPES, ...NDJSON_TYPES]);
  // Responses here can hold decrypted PII: no browser or proxy may keep a copy.
  root.addHook('onSend', async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
  });

  app.get(
    '/api/v1/customers/summary',
    { config: { auth: VIEWER }, schema: { tags, response: { 200: customerSummary } } },
    async (request) => customers.summary(request.ctx),
  );

  app.post(
    '/api/v1/customers/lookup',
    {
      config: { auth: PII_READER },
      schema: {
        tags,
        summary: 'Find a customer by email (audited)',
        body: customerLookupRequest,
        response: { 200: customer },
      },
    },
    async (request) => customers.findByEmail(request.ctx, request.body.email),
  );

  app.post(
    '/api/v1/customers/imports',
    {
      config: { auth: WRITER },
      schema: {
        tags,
        summary: 'Import customers from CSV or NDJSON (all rows or none; gzip accepted)',
        querystring: importQuery,
        response: { 201: customerImport },
      },
    },
    async (request, reply) => {
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const format =
        request.query.format ??
        (CSV_TYPES.includes(type) ? 'csv' : NDJSON_TYPES.includes(type) ? 'ndjson' : null);
      if (!format) throw new UnsupportedMediaType(type);
      const source = bodyStream(request, IMPORT_LIMIT_BYTES);
      return reply.status(201).send(await customers.import(request.ctx, source, format));
    },
  );

  app.get(
    '/api/v1/customers/imports',
    { config: { auth: VIEWER }, schema: { tags, response: { 200: z.array(customerImport) } } },
    async (request) => customers.listImports(request.ctx),
  );

  app.get(
    '/api/v1/customers/imports/:id',
    {
      config: { auth: VIEWER },
      schema: { tags, params: idParams, response: { 200: customerImport } },
    },
    async (request) => customers.getImport(request.ctx, request.params.id),
  );

  app.get(
    '/api/v1/customers/:externalId',
    {
      config: { auth: PII_READER },
      schema: { tags, params: customerParams, response: { 200: customer } },
    },
    async (request) => customers.get(request.ctx, request.params.externalId),
  );

  app.put(
    '/api/v1/customers/:externalId',
    {
      config: { auth: WRITER },
      schema: { tags, params: customerParams, body: customerInput, response: { 200: customer } },
    },
    async (request) => customers.upsert(request.ctx, request.params.externalId, request.body),
  );

  app.delete(
    '/api/v1/customers/:externalId',
    {
      config: { auth: ADMIN },
      schema: {
        tags,
        summary: 'Erase a customer (PII removed; a tombstone keeps the ledger consistent)',
        params: customerParams,
        body: eraseRequest,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await customers.erase(request.ctx, request.params.externalId, request.body.reason);
      return { ok: true as const };
    },
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditPage, auditQuery, chainVerification } from '../../contracts/audit.js';
import type { AuditService } from './audit.service.js';

export async function auditRoutes(
  root: FastifyInstance,
  { audit }: { audit: AuditService },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/audit-events',
    {
      config: { auth: { role: 'analyst', scope: 'read' } },
      schema: { tags: ['audit'], querystring: auditQuery, response: { 200: auditPage } },
    },
    async (request) => {
      const { before, limit, ...filter } = request.query;
      const items = await audit.list(request.ctx, { ...filter, beforeSeq: before, limit });
      return { items, nextBefore: items.length === limit ? items[items.length - 1]!.seq : null };
    },
  );

  app.get(
    '/api/v1/audit-events/verification',
    {
      config: { auth: { role: 'admin', scope: 'admin' } },
      schema: { tags: ['audit'], response: { 200: chainVerification } },
    },
    async (request) => {
      return audit.verify(request.ctx);
    },
  );
}

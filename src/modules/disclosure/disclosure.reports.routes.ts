import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../contracts/common.js';
import {
  assessmentInput,
  attachment,
  disclosureDateInput,
  incidentLinkInput,
  ownerInput,
  program,
  programInput,
  reportListQuery,
  reportSummary,
  slaDashboard,
  teamAttachmentQuery,
  teamMessageInput,
  teamReportView,
  transitionInput,
} from '../../contracts/disclosure.js';
import { readUpload, sendAsAttachment, UPLOAD_LIMITS } from '../../server/uploads.js';
import { ADMIN, ANALYST, VIEWER } from './disclosure.deps.js';
import type { DisclosureModule } from './disclosure.module.js';

const attachmentParams = idParams.extend({ attachmentId: z.uuid({ message: 'must be a UUID' }) });

/** The team's side of researcher reports, the programme settings and the SLA dashboard. */
export async function disclosureReportRoutes(
  root: FastifyInstance,
  { disclosure }: { disclosure: DisclosureModule },
): Promise<void> {
  await root.register(multipart, { limits: UPLOAD_LIMITS });
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { triage } = disclosure;
  const tags = ['vulnerability reports'];
  const view = { 200: teamReportView };

  app.get(
    '/api/v1/disclosure/program',
    { config: { auth: VIEWER }, schema: { tags, response: { 200: program } } },
    async () => disclosure.program.current(),
  );

  app.put(
    '/api/v1/disclosure/program',
    {
      config: { auth: ADMIN },
      schema: {
        tags,
        summary: 'Set the policy and the SLA targets',
        body: programInput,
        response: { 200: program },
      },
    },
    async (request) => disclosure.program.update(request.ctx, request.body),
  );

  app.get(
    '/api/v1/disclosure/sla',
    {
      config: { auth: VIEWER },
      schema: {
        tags,
        summary: 'Overdue reports and the share handled within SLA per quarter',
        response: { 200: slaDashboard },
      },
    },
    async (request) => disclosure.sla.dashboard(request.ctx),
  );

  app.get(
    '/api/v1/disclosure/reports',
    {
      config: { auth: VIEWER },
      schema: { tags, querystring: reportListQuery, response: { 200: z.array(reportSummary) } },
    },
    async (request) =>
      triage.list(request.ctx, {
        status: request.query.status,
        ...(request.query.overdue ? { overdue: request.query.overdue === 'true' } : {}),
      }),
  );

  app.get(
    '/api/v1/disclosure/reports/:id',
    { config: { auth: VIEWER }, schema: { tags, params: idParams, response: view } },
    async (request) => triage.get(request.ctx, request.params.id),
  );

  app.post(
    '/api/v1/disclosure/reports/:id/messages',
    {
      config: { auth: ANALYST },
      schema: {
        tags,
        summary: 'Write to the researcher, or a team-only note',
        params: idParams,
        body: teamMessageInput,
        response: view,
      },
    },
    async (request) => triage.message(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/v1/disclosure/reports/:id/status',
    {
      config: { auth: ANALYST },
      schema: {
        tags,
        summary: 'Move the report to another state',
        params: idParams,
        body: transitionInput,
        response: view,
      },
    },
    async (request) => triage.transition(request.ctx, request.params.id, request.body),
  );

  app.put(
    '/api/v1/disclosure/reports/:id/assessment',
    {
      config: { auth: ANALYST },
      schema: {
        tags,
        summary: 'Score (CVSS 3.1 or 4.0), CWE and what is affected',
        params: idParams,
        body: assessmentInput,
        response: view,
      },
    },
    async (request) => triage.assess(request.ctx, request.params.id, request.body),
  );

  app.put(
    '/api/v1/disclosure/reports/:id/owner',
    {
      config: { auth: ANALYST },
      schema: { tags, params: idParams, body: ownerInput, response: view },
    },
    async (request) => triage.setOwner(request.ctx, request.params.id, request.body.ownerId),
  );

  app.put(
    '/api/v1/disclosure/reports/:id/incident',
    {
      config: { auth: ANALYST },
      schema: {
        tags,
        summary: 'Link the incident in which the flaw was exploited',
        params: idParams,
        body: incidentLinkInput,
        response: view,
      },
    },
    async (request) => triage.linkIncident(request.ctx, request.params.id, request.body.incidentId),
  );

  app.put(
    '/api/v1/disclosure/reports/:id/disclosure-date',
    {
      config: { auth: ANALYST },
      schema: {
        tags,
        summary: 'Record the negotiated disclosure date',
        params: idParams,
        body: disclosureDateInput,
        response: view,
      },
    },
    async (request) => triage.setDisclosureDate(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/v1/disclosure/reports/:id/attachments',
    {
      config: { auth: ANALYST },
      schema: {
        tags,
        summary: 'Attach a file (multipart "file"); ?internal=true keeps it from the researcher',
        consumes: ['multipart/form-data'],
        params: idParams,
        querystring: teamAttachmentQuery,
        response: { 201: attachment },
      },
    },
    async (request, reply) => {
      await triage.requireReport(request.params.id);
      const file = await readUpload(request);
      const internal = request.query.internal === 'true';
      return reply
        .status(201)
        .send(await triage.attach(request.ctx, request.params.id, file, internal));
    },
  );

  app.get(
    '/api/v1/disclosure/reports/:id/attachments/:attachmentId',
    { config: { auth: VIEWER }, schema: { tags, params: attachmentParams } },
    async (request, reply) =>
      sendAsAttachment(
        reply,
        await triage.download(request.ctx, request.params.id, request.params.attachmentId),
      ),
  );

  app.post(
    '/api/v1/disclosure/reports/:id/link',
    {
      config: { auth: ANALYST },
      schema: {
        tags,
        summary: 'Issue a new link for the researcher (older links stop working)',
        params: idParams,
        response: { 200: z.object({ link: z.string(), expiresAt: z.string() }) },
      },
    },
    async (request) => triage.reissueLink(request.ctx, request.params.id),
  );

  app.delete(
    '/api/v1/disclosure/reports/:id/link',
    {
      config: { auth: ANALYST },
      schema: { tags, params: idParams, response: { 200: z.object({ revoked: z.number() }) } },
    },
    async (request) => triage.revokeLinks(request.ctx, request.params.id),
  );
}

import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hallOfFameEntry, publicAdvisory } from '../../contracts/advisories.js';
import {
  attachment,
  challenge,
  messageInput,
  program,
  reportInput,
  reportReceipt,
  researcherPreferencesInput,
  researcherView,
  tokenAttachmentParams,
  tokenParams,
} from '../../contracts/disclosure.js';
import { readUpload, sendAsAttachment, UPLOAD_LIMITS } from '../../server/uploads.js';
import type { DisclosureModule } from './disclosure.module.js';

/**
 * Per IP, as a public endpoint has nothing else. Reports are few by nature, so the form is
 * strict; a thread's link is 256 random bits, and its limits are against abuse of a link
 * that leaked, not against guessing.
 */
const SUBMIT_LIMIT = { rateLimit: { max: 5, timeWindow: '1 hour' } };
const READ_LIMIT = { rateLimit: { max: 120, timeWindow: '1 minute' } };
const WRITE_LIMIT = { rateLimit: { max: 30, timeWindow: '1 minute' } };
const UPLOAD_LIMIT = { rateLimit: { max: 20, timeWindow: '1 minute' } };

/**
 * What researchers use: the programme, the report form and the thread behind their link.
 * The token is in the path and routes are logged by pattern, so it never reaches the logs.
 */
export async function disclosurePublicRoutes(
  root: FastifyInstance,
  { disclosure }: { disclosure: DisclosureModule },
): Promise<void> {
  await root.register(multipart, { limits: UPLOAD_LIMITS });
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { researcher } = disclosure;
  const tags = ['vulnerability reports (researchers)'];
  root.addHook('onSend', async (request, reply) => {
    if (!request.url.startsWith('/api/v1/public/disclosure/thread/')) return;
    void reply.header('cache-control', 'no-store');
    void reply.header('referrer-policy', 'no-referrer');
  });

  app.get(
    '/api/v1/public/disclosure/program',
    {
      config: { auth: 'public', ...READ_LIMIT },
      schema: {
        tags,
        summary: 'The disclosure policy: scope, safe harbour, window, SLAs',
        response: { 200: program },
      },
    },
    async () => disclosure.program.current(),
  );

  app.get(
    '/api/v1/public/disclosure/challenge',
    {
      config: { auth: 'public', ...READ_LIMIT },
      schema: {
        tags,
        summary: 'A proof-of-work challenge for the report form',
        response: { 200: challenge },
      },
    },
    async () => researcher.challenge(),
  );

  app.post(
    '/api/v1/public/disclosure/reports',
    {
      config: { auth: 'public', ...SUBMIT_LIMIT },
      schema: {
        tags,
        summary: 'Report a vulnerability; the receipt holds the private link to the report',
        body: reportInput,
        response: { 201: reportReceipt },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await researcher.submit(request.ctx, request.body)),
  );

  app.get(
    '/api/v1/public/disclosure/thread/:token',
    {
      config: { auth: 'public', ...READ_LIMIT },
      schema: { tags, params: tokenParams, response: { 200: researcherView } },
    },
    async (request) => researcher.view(request.params.token),
  );

  app.post(
    '/api/v1/public/disclosure/thread/:token/messages',
    {
      config: { auth: 'public', ...WRITE_LIMIT },
      schema: {
        tags,
        summary: 'Write to the security team',
        params: tokenParams,
        body: messageInput,
        response: { 200: researcherView },
      },
    },
    async (request) => researcher.reply(request.ctx, request.params.token, request.body.body),
  );

  app.put(
    '/api/v1/public/disclosure/thread/:token/preferences',
    {
      config: { auth: 'public', ...WRITE_LIMIT },
      schema: {
        tags,
        summary: 'Choose whether and how to be credited, and whether to get emails',
        params: tokenParams,
        body: researcherPreferencesInput,
        response: { 200: researcherView },
      },
    },
    async (request) => researcher.preferences(request.ctx, request.params.token, request.body),
  );

  app.post(
    '/api/v1/public/disclosure/thread/:token/attachments',
    {
      config: { auth: 'public', ...UPLOAD_LIMIT },
      schema: {
        tags,
        summary: 'Attach a file (multipart field "file", at most 25 MB)',
        consumes: ['multipart/form-data'],
        params: tokenParams,
        response: { 201: attachment },
      },
    },
    async (request, reply) => {
      await researcher.requireLink(request.params.token);
      const file = await readUpload(request);
      return reply
        .status(201)
        .send(await researcher.attach(request.ctx, request.params.token, file));
    },
  );

  app.get(
    '/api/v1/public/disclosure/thread/:token/attachments/:attachmentId',
    { config: { auth: 'public', ...READ_LIMIT }, schema: { tags, params: tokenAttachmentParams } },
    async (request, reply) =>
      sendAsAttachment(
        reply,
        await researcher.download(request.params.token, request.params.attachmentId),
      ),
  );

  app.get(
    '/api/v1/public/advisories',
    {
      config: { auth: 'public', ...READ_LIMIT },
      schema: { tags: ['advisories (public)'], response: { 200: z.array(publicAdvisory) } },
    },
    async () =>
      (await disclosure.advisories.published()).map((a) => disclosure.advisories.toPublic(a)),
  );

  app.get(
    '/api/v1/public/hall-of-fame',
    {
      config: { auth: 'public', ...READ_LIMIT },
      schema: {
        tags: ['advisories (public)'],
        summary: 'Researchers credited for valid reports',
        response: { 200: z.array(hallOfFameEntry) },
      },
    },
    async () => disclosure.hallOfFame(),
  );
}

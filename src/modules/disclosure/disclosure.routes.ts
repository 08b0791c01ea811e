import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  securityTxtReport,
  securityTxtSettings,
  securityTxtSettingsInput,
  securityTxtValidateInput,
} from '../../contracts/securitytxt.js';
import { NotFound } from '../../lib/errors.js';
import type { DisclosureModule } from './disclosure.module.js';

const ADMIN = { role: 'admin', scope: 'admin' } as const;
const settingsView = securityTxtSettings.extend({ publicKey: z.string().nullable() });

/** The public security.txt, its settings, and a validator for any security.txt. */
export async function disclosureRoutes(
  root: FastifyInstance,
  { disclosure }: { disclosure: DisclosureModule },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['disclosure'];
  const { securityTxt } = disclosure;

  app.get(
    '/.well-known/security.txt',
    {
      config: { auth: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'How to report a vulnerability (RFC 9116)',
        produces: ['text/plain'],
      },
    },
    async (_request, reply) => {
      const text = await securityTxt.text();
      if (text === null) throw new NotFound('security.txt', 'this deployment');
      return reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(text);
    },
  );

  // RFC 9116 § 3: the legacy location may redirect to the well-known one.
  app.get(
    '/security.txt',
    { config: { auth: 'public' }, schema: { tags, hide: true } },
    async (_request, reply) => reply.redirect('/.well-known/security.txt', 301),
  );

  app.get(
    '/api/v1/disclosure/security-txt',
    { config: { auth: ADMIN }, schema: { tags, response: { 200: settingsView } } },
    async (request) => {
      const settings = await securityTxt.get(request.ctx);
      if (!settings) throw new NotFound('security.txt settings', 'this deployment');
      return settings;
    },
  );

  app.put(
    '/api/v1/disclosure/security-txt',
    {
      config: { auth: ADMIN },
      schema: {
        tags,
        summary: 'Set what security.txt says; Expires is set anew from expiresDays',
        body: securityTxtSettingsInput,
        response: { 200: settingsView },
      },
    },
    async (request) => securityTxt.update(request.ctx, request.body),
  );

  app.post(
    '/api/v1/disclosure/security-txt/signing-key',
    {
      config: { auth: ADMIN },
      schema: {
        tags,
        summary: 'Generate the OpenPGP key that signs security.txt (the public key is returned)',
        response: { 200: settingsView },
      },
    },
    async (request) => securityTxt.generateSigningKey(request.ctx),
  );

  app.delete(
    '/api/v1/disclosure/security-txt/signing-key',
    { config: { auth: ADMIN }, schema: { tags, response: { 200: settingsView } } },
    async (request) => securityTxt.removeSigningKey(request.ctx),
  );

  app.post(
    '/api/v1/disclosure/security-txt/validate',
    {
      config: { auth: { role: 'viewer', scope: 'read' } },
      schema: {
        tags,
        summary: 'Check any security.txt against RFC 9116, with stable finding codes',
        body: securityTxtValidateInput,
        response: { 200: securityTxtReport },
      },
    },
    async (request) => disclosure.validate(request.body.text),
  );
}

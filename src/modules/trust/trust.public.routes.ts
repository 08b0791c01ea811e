import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accessRequestInput, subscribeInput } from '../../contracts/trust.js';
import { LinkExpired, NotFound } from '../../lib/errors.js';
import { sendAsAttachment } from '../../server/uploads.js';
import type { CachedPage } from './trust.cache.js';
import { notModified } from './trust.cache.js';
import type { FeedFormat, FeedName } from './trust.feeds.js';
import {
  createCsrf,
  fieldErrors,
  formInput,
  HONEYPOT,
  requestForm,
  subscribeForm,
  tokenForm,
  type FieldErrors,
  type FormValues,
} from './trust.forms.js';
import { html, type Html } from './trust.html.js';
import { layout } from './trust.layout.js';
import type { PageName, TrustModule } from './trust.module.js';
import { messagePage } from './trust.pages.js';

/** Public pages allow no script at all; logos may come from any https origin. */
const CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' https: data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
const PUBLIC = { auth: 'public' } as const;
/** Forms are strict; cached pages and feeds are not limited at all (they cost a map lookup). */
const FORM_LIMIT = { max: 10, timeWindow: '1 minute' };
const LINK_LIMIT = { max: 30, timeWindow: '1 minute' };
/** Pages by id: a miss for an unknown id is not cached, so walking ids is bounded here. */
const BY_ID_LIMIT = { max: 300, timeWindow: '1 minute' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FEEDS = new Set(['updates', 'advisories', 'subprocessors']);
const FORMATS = new Set(['atom', 'rss', 'json']);

/** The public trust center under /trust: cached pages and feeds, forms, capability links. */
export async function trustPublicRoutes(
  app: FastifyInstance,
  { trust, https }: { trust: TrustModule; https: boolean },
): Promise<void> {
  const csrf = createCsrf(trust.csrfSigner, { https });

  // Only this plugin's routes read HTML form posts; repeated fields (topics) become arrays.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16 * 1024 },
    (_request, body, done) => {
      const values: FormValues = {};
      for (const [key, value] of new URLSearchParams(body as string)) {
        const existing = values[key];
        values[key] = existing === undefined ? value : [existing, value].flat();
      }
      done(null, values);
    },
  );

  app.addHook('onSend', async (_request, reply) => {
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html'))
      void reply.header('content-security-policy', CSP);
  });

  const cacheable = (request: FastifyRequest, reply: FastifyReply, found: CachedPage | null) => {
    if (!found) return notFound(reply);
    void reply
      .header('etag', found.etag)
      .header('cache-control', 'public, max-age=60')
      .header('vary', 'accept-encoding');
    if (notModified(request.headers['if-none-match'], found.etag)) return reply.status(304).send();
    return reply.type(found.contentType).send(found.body);
  };

  async function htmlPage(reply: FastifyReply, status: number, title: string, body: Html) {
    const chrome = await trust.chrome();
    return reply
      .status(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(layout(chrome, { title, path: '/trust/form', body }));
  }

  async function message(reply: FastifyReply, status: number, title: string, text: string) {
    const chrome = await trust.chrome();
    return reply
      .status(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(messagePage(chrome, title, text));
  }

  const notFound = (reply: FastifyReply) =>
    message(reply, 404, 'Page not found', 'There is nothing at this address in the trust center.');

  const pageRoute = (url: string, name: PageName) =>
    app.get(url, { config: PUBLIC, schema: { hide: true } }, async (request, reply) =>
      cacheable(request, reply, await trust.page(name)),
    );
  pageRoute('/trust', 'home');
  pageRoute('/trust/subprocessors', 'subprocessors');
  pageRoute('/trust/updates', 'updates');
  pageRoute('/trust/advisories', 'advisories');
  pageRoute('/trust/documents', 'documents');
  for (const [url, build] of [
    ['/trust/vulnerability-disclosure', () => trust.policy()],
    ['/trust/hall-of-fame', () => trust.hallOfFame()],
  ] as const)
    app.get(url, { config: PUBLIC, schema: { hide: true } }, async (request, reply) =>
      cacheable(request, reply, await build()),
    );

  app.get<{ Params: { id: string } }>(
    '/trust/updates/:id',
    { config: { ...PUBLIC, rateLimit: BY_ID_LIMIT }, schema: { hide: true } },
    async (request, reply) =>
      UUID.test(request.params.id)
        ? cacheable(request, reply, await trust.thread(request.params.id))
        : notFound(reply),
  );

  app.get<{ Params: { id: string } }>(
    '/trust/advisories/:id',
    { config: { ...PUBLIC, rateLimit: BY_ID_LIMIT }, schema: { hide: true } },
    async (request, reply) =>
      /^[A-Za-z0-9._-]{1,100}$/.test(request.params.id)
        ? cacheable(request, reply, await trust.advisory(request.params.id))
        : notFound(reply),
  );

  app.get<{ Params: { file: string } }>(
    '/trust/feeds/:file',
    { config: PUBLIC, schema: { hide: true } },
    async (request, reply) => {
      const [name, format, extra] = request.params.file.split('.');
      if (extra !== undefined || !FEEDS.has(name!) || !FORMATS.has(format!)) return notFound(reply);
      return cacheable(request, reply, await trust.feed(name as FeedName, format as FeedFormat));
    },
  );

  app.get('/trust/feed.atom', { config: PUBLIC, schema: { hide: true } }, async (request, reply) =>
    cacheable(request, reply, await trust.feed('all', 'atom')),
  );

  app.get<{ Querystring: { v?: string } }>(
    '/trust/theme.css',
    { config: PUBLIC, schema: { hide: true } },
    async (request, reply) => {
      const css = await trust.css();
      const { cssHash } = await trust.chrome();
      // A versioned URL names exactly these bytes, so browsers may keep them for good.
      const immutable = request.query.v === cssHash;
      const result = cacheable(request, reply, css);
      if (immutable) void reply.header('cache-control', 'public, max-age=31536000, immutable');
      return result;
    },
  );

  app.get<{ Params: { id: string } }>(
    '/trust/documents/:id/download',
    { config: { ...PUBLIC, rateLimit: LINK_LIMIT }, schema: { hide: true } },
    async (request, reply) => {
      if (!UUID.test(request.params.id)) return notFound(reply);
      try {
        return sendAsAttachment(reply, await trust.documents.publicFile(request.params.id));
      } catch (error) {
        if (error instanceof NotFound) return notFound(reply);
        throw error;
      }
    },
  );

  app.get<{ Params: { token: string } }>(
    '/trust/documents/access/:token',
    { config: { ...PUBLIC, rateLimit: LINK_LIMIT }, schema: { hide: true } },
    async (request, reply) => {
      try {
        return sendAsAttachment(reply, await trust.documents.byLink(request.params.token));
      } catch (error) {
        if (error instanceof LinkExpired)
          return message(
            reply,
            410,
            'This link has expired',
            'The download link has expired or was withdrawn. Request access again from the documents page.',
          );
        if (error instanceof NotFound) return notFound(reply);
        throw error;
      }
    },
  );

  const requestable = async (id: string) =>
    UUID.test(id)
      ? (await trust.documents.list()).find((d) => d.id === id && d.access === 'request')
      : undefined;

  app.get<{ Params: { id: string } }>(
    '/trust/documents/:id/request',
    { config: PUBLIC, schema: { hide: true } },
    async (request, reply) => {
      const document = await requestable(request.params.id);
      if (!document) return notFound(reply);
      return htmlPage(
        reply,
        200,
        `Request ${document.title}`,
        requestForm(document, csrf.issue(request, reply), {}, {}),
      );
    },
  );

  app.post<{ Params: { id: string }; Body: FormValues }>(
    '/trust/documents/:id/request',
    { config: { ...PUBLIC, rateLimit: FORM_LIMIT }, schema: { hide: true } },
    async (request, reply) => {
      const document = await requestable(request.params.id);
      if (!document) return notFound(reply);
      const values = formValues(request.body);
      const refuse = (status: number, errors: FieldErrors) =>
        htmlPage(
          reply,
          status,
          `Request ${document.title}`,
          requestForm(document, csrf.issue(request, reply), values, errors),
        );
      if (!csrf.verify(request, values.csrf))
        return refuse(403, { form: 'The form expired; please send it again' });
      if (filled(values[HONEYPOT])) return requested(reply);
      const parsed = accessRequestInput.safeParse(
        formInput(values, ['name', 'email', 'company', 'reason']),
      );
      if (!parsed.success) return refuse(400, fieldErrors(parsed.error));
      await trust.documents.request(request.ctx, document.id, parsed.data);
      return requested(reply);
    },
  );

  const requested = (reply: FastifyReply) =>
    message(
      reply,
      200,
      'Request sent',
      'Thank you. We review every request; if it is approved, you will receive a personal download link by email.',
    );

  app.get('/trust/subscribe', { config: PUBLIC, schema: { hide: true } }, async (request, reply) =>
    htmlPage(reply, 200, 'Subscribe', subscribeForm(csrf.issue(request, reply), {}, {})),
  );

  app.post<{ Body: FormValues }>(
    '/trust/subscribe',
    { config: { ...PUBLIC, rateLimit: FORM_LIMIT }, schema: { hide: true } },
    async (request, reply) => {
      const values = formValues(request.body);
      const refuse = (status: number, errors: FieldErrors) =>
        htmlPage(
          reply,
          status,
          'Subscribe',
          subscribeForm(csrf.issue(request, reply), values, errors),
        );
      if (!csrf.verify(request, values.csrf))
        return refuse(403, { form: 'The form expired; please send it again' });
      if (!filled(values[HONEYPOT])) {
        const parsed = subscribeInput.safeParse(formInput(values, ['email', 'topics'], ['topics']));
        if (!parsed.success) return refuse(400, fieldErrors(parsed.error));
        await trust.subscribers.subscribe(request.ctx, parsed.data);
      }
      // The same answer whatever happened: it never tells whether an address was known.
      return message(
        reply,
        200,
        'Check your email',
        'If the address can receive mail, a confirmation link is on its way. Nothing else will be sent until you confirm.',
      );
    },
  );

  app.get<{ Params: { token: string } }>(
    '/trust/subscriptions/confirm/:token',
    { config: { ...PUBLIC, rateLimit: LINK_LIMIT }, schema: { hide: true } },
    async (request, reply) =>
      htmlPage(
        reply,
        200,
        'Confirm subscription',
        tokenForm(
          'Confirm your subscription',
          'Press the button to start receiving the topics you chose.',
          `/trust/subscriptions/confirm/${encodeURIComponent(request.params.token)}`,
          'Confirm subscription',
        ),
      ),
  );

  app.post<{ Params: { token: string } }>(
    '/trust/subscriptions/confirm/:token',
    { config: { ...PUBLIC, rateLimit: LINK_LIMIT }, schema: { hide: true } },
    async (request, reply) => {
      const outcome = await trust.subscribers.confirm(request.ctx, request.params.token);
      if (outcome === 'confirmed')
        return message(
          reply,
          200,
          'Subscription confirmed',
          'You will now receive the topics you chose. Each message has a one-click unsubscribe link.',
        );
      if (outcome === 'expired')
        return message(
          reply,
          410,
          'This link has expired',
          'Confirmation links last seven days. Subscribe again to get a new one.',
        );
      return message(
        reply,
        400,
        'This link is not valid',
        'The link is incomplete, altered or was replaced by a newer one. Subscribe again to get a new one.',
      );
    },
  );

  app.get<{ Params: { token: string } }>(
    '/trust/unsubscribe/:token',
    { config: { ...PUBLIC, rateLimit: LINK_LIMIT }, schema: { hide: true } },
    async (request, reply) =>
      htmlPage(
        reply,
        200,
        'Unsubscribe',
        tokenForm(
          'Unsubscribe',
          'Press the button to stop receiving this topic.',
          `/trust/unsubscribe/${encodeURIComponent(request.params.token)}`,
          'Unsubscribe',
          html`<input type="hidden" name="List-Unsubscribe" value="One-Click" />`,
        ),
      ),
  );

  // RFC 8058: mail clients POST "List-Unsubscribe=One-Click" here with no cookie and no CSRF
  // token; the signed token in the URL is the whole authorization.
  app.post<{ Params: { token: string } }>(
    '/trust/unsubscribe/:token',
    { config: { ...PUBLIC, rateLimit: LINK_LIMIT }, schema: { hide: true } },
    async (request, reply) => {
      const done = await trust.subscribers.unsubscribe(request.ctx, request.params.token);
      if (!done)
        return message(
          reply,
          400,
          'This link is not valid',
          'The unsubscribe link is incomplete or altered. Use the link from the latest message.',
        );
      return message(
        reply,
        200,
        'Unsubscribed',
        `You will no longer receive ${done.topic} from us.`,
      );
    },
  );

  // Anything else under /trust is a trust-center 404, not the web app's client-side router.
  app.get('/trust/*', { config: PUBLIC, schema: { hide: true } }, async (request, reply) =>
    request.url === '/trust/' ? reply.redirect('/trust', 301) : notFound(reply),
  );
}

function formValues(body: unknown): FormValues {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const values: FormValues = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>))
    if (
      typeof value === 'string' ||
      (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    )
      values[key] = value;
  return values;
}

const filled = (value: unknown) =>
  Array.isArray(value) ? value.length > 0 : typeof value === 'string' && value !== '';

import { createAnnouncer } from './trust.announce.js';
import { createPageCache, page, type CachedPage, type PageCache } from './trust.cache.js';
import { createContentService } from './trust.content.service.js';
import { createTrustParts, type TrustDeps } from './trust.deps.js';
import { createDocumentService } from './trust.documents.service.js';
import { renderFeed, FEED_TYPES, type FeedFormat, type FeedName } from './trust.feeds.js';
import type { Chrome } from './trust.layout.js';
import * as pages from './trust.pages.js';
import { hallOfFamePage, policyPage } from './trust.programme.pages.js';
import { createTrustSettingsService } from './trust.settings.service.js';
import { createSubprocessorService } from './trust.subprocessors.service.js';
import { createSubscriberService } from './trust.subscribers.service.js';
import { themeCss } from './trust.theme.js';
import { DAY_MS } from './trust.types.js';

const HTML = 'text/html; charset=utf-8';
export type PageName = 'home' | 'subprocessors' | 'updates' | 'advisories' | 'documents';
const PAGES: Record<PageName, (chrome: Chrome, data: pages.Published) => string> = {
  home: pages.homePage,
  subprocessors: pages.subprocessorsPage,
  updates: pages.updatesPage,
  advisories: pages.advisoriesPage,
  documents: pages.documentsPage,
};
/** Advisories published longer ago than this are not mailed when first seen (a new install). */
const ANNOUNCE_ADVISORIES_WITHIN_MS = 7 * DAY_MS;

/** The public trust center: its services, and its pages and feeds rendered through one cache. */
export function createTrustModule(deps: TrustDeps) {
  // The cache asks the store for the version; the parts tell the cache about own writes.
  const pageCache: PageCache = createPageCache({
    clock: deps.clock,
    version: () => parts.store.version(),
  });
  const parts = createTrustParts(deps, () => pageCache.invalidate());
  const settings = createTrustSettingsService(parts);
  const announcer = createAnnouncer(parts, settings);
  const content = createContentService(parts, announcer);
  const documents = createDocumentService(parts, settings);
  const subprocessors = createSubprocessorService(parts, settings, announcer);
  const subscribers = createSubscriberService(parts, settings);

  async function published(): Promise<pages.Published> {
    const [measures, docs, updates, list, advisories] = await Promise.all([
      content.measures(),
      documents.list(),
      content.publicUpdates(),
      subprocessors.publicList(),
      deps.advisories.published(),
    ]);
    const sorted = [...advisories].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
    return { measures, documents: docs, updates, subprocessors: list, advisories: sorted };
  }

  async function chrome() {
    const current = await settings.current();
    const theme = themeCss(current.brandColour);
    return {
      shopName: current.shopName,
      logoUrl: current.logoUrl,
      cssHash: theme.hash,
      theme,
      current,
    };
  }

  const cached = (key: string, build: () => Promise<CachedPage | null>) =>
    pageCache.get(key, build);

  return {
    settings,
    content,
    documents,
    subprocessors,
    subscribers,
    announcer,
    chrome,
    /** Drops every cached page; call it when advisories are published elsewhere. */
    invalidate: () => pageCache.invalidate(),

    /** Invalidates, and queues the announcement of advisories not announced yet (idempotent). */
    async advisoriesPublished(): Promise<number> {
      pageCache.invalidate();
      const seen = await announcer.wasAnnounced('advisory');
      const since = deps.clock.now().getTime() - ANNOUNCE_ADVISORIES_WITHIN_MS;
      const fresh = (await deps.advisories.published()).filter(
        (a) => !seen.has(a.id) && Date.parse(a.publishedAt) >= since,
      );
      for (const advisory of fresh)
        await parts.db.kysely
          .transaction()
          .execute((trx) => announcer.enqueue('advisory', advisory.id, trx));
      return fresh.length;
    },

    page: (name: PageName) =>
      cached(`page:${name}`, async () => {
        const [look, data] = await Promise.all([chrome(), published()]);
        return page(PAGES[name](look, data), HTML);
      }),

    thread: (id: string) =>
      cached(`update:${id}`, async () => {
        const thread = await content.publicThread(id);
        return thread ? page(pages.threadPage(await chrome(), thread, id), HTML) : null;
      }),

    advisory: (id: string) =>
      cached(`advisory:${id}`, async () => {
        const advisory = (await deps.advisories.published()).find((a) => a.id === id);
        return advisory ? page(pages.advisoryPage(await chrome(), advisory), HTML) : null;
      }),

    policy: () =>
      cached('page:policy', async () => {
        const policy = await deps.programme?.policy();
        return policy ? page(policyPage(await chrome(), policy), HTML) : null;
      }),

    hallOfFame: () =>
      cached('page:hall-of-fame', async () => {
        const entries = await deps.programme?.hallOfFame();
        return entries ? page(hallOfFamePage(await chrome(), entries), HTML) : null;
      }),

    feed: (name: FeedName, format: FeedFormat) =>
      cached(`feed:${name}.${format}`, async () => {
        const [look, data] = await Promise.all([chrome(), published()]);
        const context = {
          shopName: look.shopName,
          url: parts.url,
          fallbackDate: look.current.updatedAt ?? '2026-01-01T00:00:00.000Z',
        };
        return page(renderFeed(name, format, data, context), FEED_TYPES[format]);
      }),

    css: () =>
      cached('css', async () => page((await chrome()).theme.css, 'text/css; charset=utf-8')),

    csrfSigner: parts.csrfSigner,
  };
}

export type TrustModule = ReturnType<typeof createTrustModule>;

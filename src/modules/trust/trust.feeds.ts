import { Feed, type Item } from 'feed';
import { escapeHtml } from './trust.html.js';
import type { Published } from './trust.pages.js';

export type FeedName = 'updates' | 'advisories' | 'subprocessors' | 'all';
export type FeedFormat = 'atom' | 'rss' | 'json';

export const FEED_TYPES: Record<FeedFormat, string> = {
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

const TITLES: Record<FeedName, string> = {
  updates: 'status updates',
  advisories: 'security advisories',
  subprocessors: 'subprocessor changes',
  all: 'trust center',
};

interface Entry {
  title: string;
  id: string;
  link: string;
  date: string;
  published?: string;
  text: string;
}

function entries(name: FeedName, data: Published, url: (path: string) => string): Entry[] {
  const updates = data.updates.map((u) => ({
    title: `${u.title} (${u.state})`,
    id: `urn:uuid:${u.id}`,
    link: url(`/trust/updates/${u.id}`),
    date: u.publishedAt,
    text: u.body,
  }));
  const advisories = data.advisories.map((a) => ({
    title: `${a.id}: ${a.title}`,
    id: url(`/trust/advisories/${encodeURIComponent(a.id)}`),
    link: url(`/trust/advisories/${encodeURIComponent(a.id)}`),
    date: a.updatedAt,
    published: a.publishedAt,
    text: `Severity: ${a.severity}. ${a.summary}`,
  }));
  const changes = data.subprocessors.changes.map((c) => ({
    title: c.summary,
    id: `urn:uuid:${c.id}`,
    link: url('/trust/subprocessors'),
    date: c.at,
    text: c.summary,
  }));
  const chosen =
    name === 'updates'
      ? updates
      : name === 'advisories'
        ? advisories
        : name === 'subprocessors'
          ? changes
          : [...updates, ...advisories, ...changes];
  return chosen.sort((a, b) => b.date.localeCompare(a.date)).slice(0, 100);
}

/**
 * One feed in one format, with the `feed` package. Atom and RSS declare titles and summaries
 * as HTML, so plain text is escaped into them; JSON Feed's title is plain text.
 */
export function renderFeed(
  name: FeedName,
  format: FeedFormat,
  data: Published,
  context: { shopName: string; url: (path: string) => string; fallbackDate: string },
): string {
  const items = entries(name, data, context.url);
  const self = context.url(name === 'all' ? '/trust/feed.atom' : `/trust/feeds/${name}.${format}`);
  const feed = new Feed({
    title: `${context.shopName} ${TITLES[name]}`,
    id: self,
    link: context.url(
      name === 'all' ? '/trust' : `/trust/${name === 'subprocessors' ? 'subprocessors' : name}`,
    ),
    language: 'en',
    // The newest entry's date, not "now": the same content always gives the same bytes (ETag).
    updated: new Date(items[0]?.date ?? context.fallbackDate),
    generator: 'Cordon',
    copyright: context.shopName,
    feedLinks: { [format]: self },
  });
  const asHtml = format !== 'json';
  for (const entry of items) {
    const item: Item = {
      title: asHtml ? escapeHtml(entry.title) : entry.title,
      id: entry.id,
      link: entry.link,
      date: new Date(entry.date),
      description: escapeHtml(entry.text),
    };
    if (entry.published) item.published = new Date(entry.published);
    feed.addItem(item);
  }
  return format === 'atom' ? feed.atom1() : format === 'rss' ? feed.rss2() : feed.json1();
}

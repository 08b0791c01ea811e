import type { Config } from '../../lib/config.js';
import { systemContext } from '../../lib/principal.js';
import { FEED_UPLOAD_BYTES } from './exposure.feeds.routes.js';
import type { ExposureModule } from './exposure.module.js';

const FETCH_TIMEOUT_MS = 10 * 60_000;

/** Reads a response body, refusing it once it passes `limit` bytes (a feed is outside input). */
async function readBounded(response: Response, url: string, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += (chunk as Uint8Array).byteLength;
    if (size > limit) throw new Error(`${url}: larger than ${limit} bytes`);
    chunks.push(Buffer.from(chunk as Uint8Array));
  }
  return Buffer.concat(chunks);
}

/**
 * Fetches each configured feed and imports it like an uploaded file, with the URL as its
 * source. The download happens before any transaction opens. A failing feed is reported and
 * the others still run; the job then fails, so the queue retries it and it shows up as dead.
 */
export async function syncFeeds(
  exposure: Pick<ExposureModule, 'advisories'>,
  config: Pick<Config, 'exposureFeeds' | 'exposureMaxExpandedBytes'>,
  fetchImpl: typeof fetch = fetch,
): Promise<{ url: string; records: number; error?: string }[]> {
  const ctx = systemContext('exposure.feeds');
  const results = [];
  for (const feed of config.exposureFeeds) {
    try {
      const response = await fetchImpl(feed.url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!response.ok) throw new Error(`${feed.url}: HTTP ${response.status}`);
      const bytes = await readBounded(response, feed.url, FEED_UPLOAD_BYTES);
      const fileName = new URL(feed.url).pathname.split('/').pop() || 'feed.json';
      const imported = await exposure.advisories.importFile(
        ctx,
        feed.kind,
        { fileName, bytes },
        feed.url,
      );
      results.push({ url: feed.url, records: imported.records });
    } catch (error) {
      results.push({
        url: feed.url,
        records: 0,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  const failed = results.filter((result) => result.error);
  if (failed.length > 0) throw new Error(failed.map((result) => result.error).join('; '));
  return results;
}

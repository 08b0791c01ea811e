import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { pageFactory } from './app.js';
import { launchBrowser } from './browser.js';
import { startServer, type RunningServer } from './server.js';

export interface Walkthrough {
  server: RunningServer;
  browser: Browser;
  /** Opens pages and collects uncaught exceptions and CSP violations; walkthroughs expect none. */
  pages: ReturnType<typeof pageFactory>;
}

/**
 * What every browser walkthrough runs on: the built server on a fresh data directory, one
 * Chromium, and pages on it; started before the file's tests and stopped after them. Read the
 * fields inside tests (they are set once `beforeAll` has run).
 */
export function useWalkthrough(): Walkthrough {
  const walkthrough = {} as Walkthrough;
  beforeAll(async () => {
    walkthrough.server = await startServer();
    walkthrough.browser = await launchBrowser();
    walkthrough.pages = pageFactory(walkthrough.browser, walkthrough.server.url);
  });
  afterAll(async () => {
    await walkthrough.pages?.closeAll();
    await walkthrough.browser?.close().catch(() => undefined);
    await walkthrough.server?.stop();
  });
  return walkthrough;
}

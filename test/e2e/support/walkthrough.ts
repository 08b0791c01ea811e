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

export interface WalkthroughOptions {
  /**
   * Extra environment for the server, read when it starts: a function, so it can name what an
   * earlier `beforeAll` started (an SMTP server's URL, say).
   */
  env?: () => Record<string, string>;
}

/**
 * What every browser walkthrough runs on: the built server on a fresh data directory, one
 * Chromium, and pages on it; started before the file's tests and stopped after them. Read the
 * fields inside tests (they are set once `beforeAll` has run).
 */
export function useWalkthrough(options: WalkthroughOptions = {}): Walkthrough {
  const walkthrough = {} as Walkthrough;
  beforeAll(async () => {
    walkthrough.server = await startServer({ env: options.env?.() ?? {} });
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

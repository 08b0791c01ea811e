import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from './server.js';

const CHROMIUM = '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Runs one named step of a walkthrough. On failure it saves a screenshot of `page` to
 * test-results/e2e-failure-<name>.png and rethrows with the step name attached.
 */
export async function step<T>(name: string, page: Page, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const file = path.join(repoRoot, 'test-results', `e2e-failure-${name}.png`);
    await mkdir(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Step "${name}" failed (screenshot: ${file}; page: ${page.url()}):\n${message}`,
      { cause: error },
    );
  }
}

/** Picks an option in a Mantine Select, which renders its listbox in a portal. */
export async function chooseOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Ways to find things the way a person does: by role and accessible name. */
export const heading = (page: Page, name: string) =>
  page.getByRole('heading', { name, exact: true });
export const button = (page: Pick<Page, 'getByRole'>, name: string) =>
  page.getByRole('button', { name, exact: true });
/** Mantine marks required fields with a trailing asterisk in the label text. */
export const field = (page: Pick<Page, 'getByLabel'>, label: string) =>
  page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\*?$`));
export const nav = (page: Page) => page.getByRole('navigation', { name: 'Main navigation' });

export interface Person {
  name: string;
  email: string;
  password: string;
}

/**
 * Opens pages in fresh browser contexts (fresh cookies) and collects every uncaught exception
 * and CSP violation they report; a walkthrough expects none.
 */
export function pageFactory(browser: Browser, baseURL: string) {
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  return {
    problems,
    async newPage(): Promise<Page> {
      const context = await browser.newContext({ baseURL, acceptDownloads: true });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text()))
          problems.push(`csp: ${message.text()}`);
      });
      return page;
    },
    async closeAll(): Promise<void> {
      for (const context of contexts) await context.close().catch(() => undefined);
    },
  };
}

/** First run: turns the set-up token into the first admin account, ending on the sign-in page. */
export async function completeSetup(page: Page, setupToken: string, admin: Person) {
  await page.goto('/setup');
  await heading(page, 'Set up Cordon').waitFor();
  await field(page, 'Set-up token').fill(setupToken);
  await field(page, 'Your name').fill(admin.name);
  await field(page, 'Email').fill(admin.email);
  await field(page, 'Password').fill(admin.password);
  await field(page, 'Confirm password').fill(admin.password);
  await button(page, 'Create admin account').click();
  await heading(page, 'Sign in to Cordon').waitFor();
}

/** Submits the sign-in form; the caller waits for where it should land. */
export async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/sign-in');
  await heading(page, 'Sign in to Cordon').waitFor();
  await field(page, 'Email').fill(who.email);
  await field(page, 'Password').fill(who.password);
  await button(page, 'Sign in').click();
}

export async function signOut(page: Page, displayName: string) {
  await page.getByRole('button', { name: `Account menu for ${displayName}` }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await heading(page, 'Sign in to Cordon').waitFor();
}

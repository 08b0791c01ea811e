import type { Page } from 'playwright-core';

export type ApiAuth = { token: string } | { cookie: string; csrf?: string };

/** The options of a JSON POST as `auth`, for `callApi`. */
export const jsonPost = (auth: ApiAuth, body: unknown) => ({
  method: 'POST' as const,
  auth,
  contentType: 'application/json',
  body: JSON.stringify(body),
});

/**
 * JSON API calls from outside the browser, against one running server: for set-up a person
 * would do elsewhere (a shop's systems posting events) and for reading back what the UI did.
 */
export function apiClient(baseUrl: () => string) {
  async function callApi<T>(
    path: string,
    options: {
      method?: 'GET' | 'POST' | 'PUT';
      auth: ApiAuth;
      body?: string;
      contentType?: string;
      expectStatus?: number;
    },
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if ('token' in options.auth) headers.authorization = `Bearer ${options.auth.token}`;
    else {
      headers.cookie = options.auth.cookie;
      if (options.auth.csrf) headers['x-csrf-token'] = options.auth.csrf;
    }
    if (options.contentType) headers['content-type'] = options.contentType;
    const response = await fetch(`${baseUrl()}${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body,
    });
    const text = await response.text();
    const expected = options.expectStatus ?? 200;
    if (response.status !== expected)
      throw new Error(
        `${options.method ?? 'GET'} ${path} answered ${response.status}, not ${expected}: ${text}`,
      );
    return JSON.parse(text) as T;
  }

  /** The page's session cookie and CSRF token, so Node can call the API as the signed-in user. */
  async function sessionOf(page: Page): Promise<{ cookie: string; csrf: string }> {
    const cookies = await page.context().cookies(baseUrl());
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const session = await callApi<{ csrfToken: string }>('/api/v1/auth/session', {
      auth: { cookie },
    });
    return { cookie, csrf: session.csrfToken };
  }

  return { callApi, sessionOf };
}

import { html, type Html } from './trust.html.js';

export interface Chrome {
  shopName: string;
  logoUrl: string | null;
  cssHash: string;
}

export interface Alternate {
  type: 'application/atom+xml' | 'application/rss+xml' | 'application/feed+json';
  title: string;
  href: string;
}

const NAV = [
  ['/trust', 'Overview'],
  ['/trust/updates', 'Status'],
  ['/trust/subprocessors', 'Subprocessors'],
  ['/trust/documents', 'Documents'],
  ['/trust/advisories', 'Advisories'],
  ['/trust/vulnerability-disclosure', 'Report a vulnerability'],
  ['/trust/subscribe', 'Subscribe'],
] as const;

export const FEED_FORMATS = [
  ['atom', 'application/atom+xml', 'Atom'],
  ['rss', 'application/rss+xml', 'RSS'],
  ['json', 'application/feed+json', 'JSON Feed'],
] as const;

/** Autodiscovery links for one feed in all three formats. */
export function alternatesOf(feed: 'updates' | 'advisories' | 'subprocessors', label: string) {
  return FEED_FORMATS.map(([extension, type, name]): Alternate => ({
    type,
    title: `${label} (${name})`,
    href: `/trust/feeds/${feed}.${extension}`,
  }));
}

/** Every page: landmarks, a skip link, one h1, the shop's theme and the feeds it offers. */
export function layout(
  chrome: Chrome,
  options: { title: string; path: string; alternates?: Alternate[]; body: Html },
): string {
  const alternates: Alternate[] = [
    {
      type: 'application/atom+xml',
      title: `${chrome.shopName}: everything (Atom)`,
      href: '/trust/feed.atom',
    },
    ...(options.alternates ?? []),
  ];
  const section = NAV.filter(
    ([href]) => href !== '/trust' && options.path.startsWith(href),
  )[0]?.[0];
  const current = section ?? (options.path === '/trust' ? '/trust' : null);
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title} · ${chrome.shopName} trust center</title>
        <link rel="stylesheet" href="/trust/theme.css?v=${chrome.cssHash}" />
        ${alternates.map((a) => html`<link rel="alternate" type="${a.type}" title="${a.title}" href="${a.href}" /> `)}
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="site">
          <div class="wrap">
            <a class="brand" href="/trust"
              >${chrome.logoUrl ? html`<img src="${chrome.logoUrl}" alt="" />` : null}<span
                >${chrome.shopName} trust center</span
              ></a
            >
            <nav aria-label="Trust center">
              <ul>
                ${NAV.map(
                  ([href, label]) =>
                    html`<li>
                      <a href="${href}" ${current === href ? html` aria-current="page"` : null}
                        >${label}</a
                      >
                    </li>`,
                )}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" class="wrap" tabindex="-1">${options.body}</main>
        <footer class="site">
          <div class="wrap">
            <p>
              Follow changes: <a href="/trust/subscribe">by email</a> or by feed (<a
                href="/trust/feed.atom"
                >everything, Atom</a
              >; status updates <a href="/trust/feeds/updates.atom">Atom</a>,
              <a href="/trust/feeds/updates.rss">RSS</a>,
              <a href="/trust/feeds/updates.json">JSON</a>).
            </p>
          </div>
        </footer>
      </body>
    </html> `.value;
}

/** A date as people read it, in a <time> element machines can read. */
export function time(iso: string, withTime = false): Html {
  const text = withTime ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso.slice(0, 10);
  return html`<time datetime="${iso}">${text}</time>`;
}

export function stateBadge(state: string): Html {
  const label = state.charAt(0).toUpperCase() + state.slice(1);
  return html`<span class="state state-${state}">${label}</span>`;
}

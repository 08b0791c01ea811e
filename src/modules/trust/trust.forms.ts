import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { TRUST_TOPICS } from '../../contracts/trust.js';
import { randomToken, safeEqual } from '../../lib/crypto.js';
import { html, type Html } from './trust.html.js';
import type { TokenSigner } from './trust.tokens.js';

/** The form field bots fill and people never see; a filled one is accepted and ignored. */
export const HONEYPOT = 'website';
export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string | string[]>;

/**
 * CSRF for the public forms, a signed double submit: a random value in an HttpOnly,
 * SameSite=Lax cookie, and the same value HMAC-signed in a hidden field. Another site can make
 * a browser send the cookie but can neither read it nor sign it, so it cannot forge the field.
 */
export function createCsrf(signer: TokenSigner, options: { https: boolean }) {
  const name = options.https ? '__Host-trust_csrf' : 'trust_csrf';
  const valid = (value: string | undefined): value is string =>
    typeof value === 'string' && /^[A-Za-z0-9_-]{22}$/.test(value);
  return {
    /** The hidden field's value; sets the cookie if the visitor has none yet. */
    issue(request: FastifyRequest, reply: FastifyReply): string {
      let value = request.cookies[name];
      if (!valid(value)) {
        value = randomToken(16);
        void reply.setCookie(name, value, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: options.https,
        });
      }
      return signer.sign('csrf', [value]);
    },

    verify(request: FastifyRequest, field: unknown): boolean {
      const cookie = request.cookies[name];
      if (!valid(cookie) || typeof field !== 'string') return false;
      const signed = signer.verify('csrf', field, 1);
      return signed !== null && safeEqual(signed[0]!, cookie);
    },
  };
}

export type Csrf = ReturnType<typeof createCsrf>;

/** Only the fields a schema knows, as single strings (topics may repeat). */
export function formInput(
  values: FormValues,
  fields: readonly string[],
  lists: readonly string[] = [],
) {
  const input: Record<string, string | string[]> = {};
  for (const field of fields) {
    const value = values[field];
    if (lists.includes(field)) input[field] = value === undefined ? [] : [value].flat();
    else if (value !== undefined) input[field] = Array.isArray(value) ? value[0]! : value;
  }
  return input;
}

export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return errors;
}

function errorSummary(errors: FieldErrors, labels: Record<string, string>): Html | null {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return html`<div class="summary" role="alert" aria-labelledby="error-title">
    <h2 id="error-title">There is a problem</h2>
    <ul>
      ${entries.map(
        ([field, message]) =>
          html`<li><a href="#${field}">${labels[field] ?? field}: ${message}</a></li>`,
      )}
    </ul>
  </div>`;
}

function textField(
  field: string,
  label: string,
  values: FormValues,
  errors: FieldErrors,
  options: { type?: string; multiline?: boolean; autocomplete?: string } = {},
): Html {
  const value = [values[field] ?? ''].flat()[0] ?? '';
  const error = errors[field];
  const aria = error ? html` aria-invalid="true" aria-describedby="${field}-error"` : null;
  const auto = options.autocomplete ? html` autocomplete="${options.autocomplete}"` : null;
  return html`<div class="field">
    <label for="${field}">${label}</label
    >${error ? html`<p class="error" id="${field}-error">${error}</p>` : null}${
      options.multiline
        ? html`<textarea id="${field}" name="${field}" rows="4" required${aria}>${value}</textarea>`
        : html`<input
            id="${field}"
            name="${field}"
            type="${options.type ?? 'text'}"
            value="${value}"
            required${auto}${aria}
          />`
    }
  </div>`;
}

const honeypot = html`<div class="hp" aria-hidden="true">
  <label for="${HONEYPOT}">Leave this empty</label
  ><input id="${HONEYPOT}" name="${HONEYPOT}" type="text" tabindex="-1" autocomplete="off" />
</div>`;

const TOPIC_LABELS: Record<string, string> = {
  updates: 'Status and incident updates',
  advisories: 'Security advisories',
  subprocessors: 'Subprocessor changes (announced before they start)',
};

export function subscribeForm(csrf: string, values: FormValues, errors: FieldErrors): Html {
  const chosen = new Set([values.topics ?? []].flat());
  const all = chosen.size === 0 && Object.keys(errors).length === 0;
  const topicError = errors.topics;
  return html`<h1>Subscribe by email</h1>
    <p>
      We send a confirmation link first; nothing else reaches your address until you confirm. Every
      message has a one-click unsubscribe link.
    </p>
    ${errorSummary(errors, { email: 'Email address', topics: 'Topics' })}
    <form method="post" action="/trust/subscribe" novalidate>
      <input type="hidden" name="csrf" value="${csrf}" />
      ${textField('email', 'Email address', values, errors, { type: 'email', autocomplete: 'email' })}
      <fieldset id="topics" ${topicError ? html` aria-describedby="topics-error"` : null}>
        <legend>Topics</legend>
        ${topicError ? html`<p class="error" id="topics-error">${topicError}</p>` : null}${TRUST_TOPICS.map(
          (topic) =>
            html`<div>
              <input
                type="checkbox"
                id="topic-${topic}"
                name="topics"
                value="${topic}"
                ${all || chosen.has(topic) ? html` checked` : null}
              />
              <label for="topic-${topic}">${TOPIC_LABELS[topic]}</label>
            </div>`,
        )}
      </fieldset>
      ${honeypot}
      <p><button type="submit">Subscribe</button></p>
    </form>`;
}

export function requestForm(
  document: { id: string; title: string },
  csrf: string,
  values: FormValues,
  errors: FieldErrors,
): Html {
  const labels = {
    name: 'Your name',
    email: 'Work email',
    company: 'Company',
    reason: 'Why you need it',
  };
  return html`<h1>Request access: ${document.title}</h1>
    <p>
      Staff review each request. If it is approved, we email you a personal download link that
      expires.
    </p>
    ${errorSummary(errors, labels)}
    <form method="post" action="/trust/documents/${document.id}/request" novalidate>
      <input type="hidden" name="csrf" value="${csrf}" />
      ${textField('name', labels.name, values, errors, { autocomplete: 'name' })}
      ${textField('email', labels.email, values, errors, { type: 'email', autocomplete: 'email' })}
      ${textField('company', labels.company, values, errors, { autocomplete: 'organization' })}
      ${textField('reason', labels.reason, values, errors, { multiline: true })} ${honeypot}
      <p><button type="submit">Send request</button></p>
    </form>`;
}

/** One button that posts the token back: mail scanners follow links, they do not submit forms. */
export function tokenForm(
  title: string,
  text: string,
  action: string,
  button: string,
  extra?: Html,
): Html {
  return html`<h1>${title}</h1>
    <p>${text}</p>
    <form method="post" action="${action}">
      ${extra ?? null}
      <p><button type="submit">${button}</button></p>
    </form>`;
}

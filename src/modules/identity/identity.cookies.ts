import type { FastifyReply } from 'fastify';
import type { IssuedSession } from './identity.session-issuer.js';

export interface SessionCookieOptions {
  cookieName: string;
  secureCookies: boolean;
}

/** One set of attributes for setting and clearing: browsers ignore a clear that differs. */
function attributes(options: SessionCookieOptions) {
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: options.secureCookies };
}

export function setSessionCookie(
  reply: FastifyReply,
  options: SessionCookieOptions,
  issued: IssuedSession,
): void {
  void reply.setCookie(options.cookieName, issued.sessionToken, {
    ...attributes(options),
    expires: new Date(issued.session.expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply, options: SessionCookieOptions): void {
  void reply.clearCookie(options.cookieName, attributes(options));
}

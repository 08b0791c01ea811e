import type { FastifyServerOptions } from 'fastify';
import pino, { type Logger } from 'pino';

/**
 * Paths that may hold secrets or personal data anywhere in a log line. Request bodies are never
 * logged; this catches what someone logs by hand. Keep it in step with logger.test.ts.
 */
export const REDACT_PATHS = [
  'password',
  '*.password',
  'currentPassword',
  '*.currentPassword',
  'newPassword',
  '*.newPassword',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'recoveryCode',
  '*.recoveryCode',
  'email',
  '*.email',
  'authorization',
  '*.authorization',
  'cookie',
  '*.cookie',
  // Database errors quote the offending row ("Key (email)=(…) already exists").
  'err.detail',
  'err.parameters',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

interface LoggedRequest {
  id: string;
  method: string;
  url: string;
  routeOptions?: { url?: string };
  ip?: string;
}

export function loggerOptions(
  level: string,
  stream?: { write(line: string): void },
): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      // Log the route pattern, never the raw URL: paths and query strings can carry tokens
      // (a portal link mistyped is still a token), so an unmatched path is not logged either.
      req(request: LoggedRequest) {
        return {
          id: request.id,
          method: request.method,
          route: request.routeOptions?.url ?? '(no matching route)',
        };
      },
    },
  };
}

/** A logger outside Fastify (the worker process) with the same redaction. */
export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } });
}

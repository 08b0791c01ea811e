import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isUniqueViolation } from '../db/errors.js';
import {
  AppError,
  RateLimited,
  RowsRejected,
  type FieldIssue,
  type RowIssue,
} from '../lib/errors.js';

interface ErrorBody {
  code: string;
  message: string;
  requestId: string;
  issues?: FieldIssue[];
  rows?: RowIssue[];
  rowErrorCount?: number;
}

const codeForStatus: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/**
 * The one place errors become responses: `{ code, message, requestId, issues? }`. Typed errors
 * keep their code; Fastify's own 4xx (bad JSON, wrong content type, body too large) are
 * translated; anything else is a 500 whose details go to the log, never to the caller.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error instanceof RateLimited)
        void reply.header('retry-after', String(error.retryAfterSeconds));
      const issues = 'issues' in error ? (error.issues as FieldIssue[]) : undefined;
      const rows =
        error instanceof RowsRejected ? { rows: error.rows, rowErrorCount: error.total } : {};
      return send(reply, request, error.status, {
        code: error.code,
        message: error.message,
        issues,
        ...rows,
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = (error as { validationContext?: string }).validationContext ?? 'body';
      const issues = error.validation.map((issue) => toFieldIssue(context, issue));
      const summary = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
      return send(reply, request, 400, {
        code: 'VALIDATION',
        message: summary || 'The request is not valid',
        issues,
      });
    }
    if (isUniqueViolation(error)) {
      // Someone else created the same thing a moment earlier. The driver's detail names the
      // conflicting value (often an email), so it goes neither to the caller nor to the log.
      request.log.warn({ code: error.code }, 'unique constraint refused a write');
      return send(reply, request, 409, {
        code: 'CONFLICT',
        message: 'That already exists; reload and try again',
      });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const message =
        error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
          ? `body: is not valid JSON (${error.message})`
          : error.message;
      return send(reply, request, status, {
        code: codeForStatus[status] ?? 'BAD_REQUEST',
        message,
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, request, 500, {
      code: 'INTERNAL',
      message: 'Something went wrong on our side; the request id identifies it in the server log',
    });
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, request, 404, {
      code: 'NOT_FOUND',
      message: `No route for ${request.method} ${request.url.split('?')[0]}`,
    }),
  );
}

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  body: Omit<ErrorBody, 'requestId' | 'issues'> & { issues?: FieldIssue[] | undefined },
) {
  const payload: ErrorBody = { code: body.code, message: body.message, requestId: request.id };
  if (body.issues?.length) payload.issues = body.issues;
  if (body.rows) {
    payload.rows = body.rows;
    payload.rowErrorCount = body.rowErrorCount ?? body.rows.length;
  }
  return reply.status(status).type('application/json; charset=utf-8').send(payload);
}

interface ZodIssueLike {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: { keys?: string[] };
}

function toFieldIssue(context: string, issue: ZodIssueLike): FieldIssue {
  const path = (issue.instancePath ?? '').split('/').filter(Boolean);
  const keys = issue.params?.keys;
  // An unknown key is reported against its parent object; name the key itself instead.
  if (issue.keyword === 'unrecognized_keys' && keys?.length) {
    return {
      field: [context, ...path, keys[0]].join('.'),
      message: `is not a known field (${keys.join(', ')})`,
    };
  }
  return { field: [context, ...path].join('.'), message: issue.message ?? 'is not valid' };
}

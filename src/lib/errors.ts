/**
 * Typed application errors. Each has a stable string code that clients may rely on;
 * the message is for humans and quotes the identifier the caller sent.
 * The HTTP error handler is the only place that turns these into responses.
 */
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'VALIDATION'
  | 'UNAUTHORIZED'
  | 'MFA_REQUIRED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INTEGRITY_FAILED'
  | 'LINK_EXPIRED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `body.email`. */
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequest extends AppError {
  constructor(message: string) {
    super('BAD_REQUEST', 400, message);
  }
}

export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super('VALIDATION', 400, message);
  }

  static forField(field: string, message: string): ValidationError {
    return new ValidationError(`${field}: ${message}`, [{ field, message }]);
  }

  /**
   * From a schema's issues (Zod's shape), each field under `prefix`. Paths and messages only:
   * an issue never quotes the value it refused.
   */
  static fromIssues(
    message: string,
    prefix: string,
    issues: readonly { path: readonly PropertyKey[]; message: string }[],
  ): ValidationError {
    return new ValidationError(
      message,
      issues.map((issue) => ({
        field: [prefix, ...issue.path.map(String)].join('.'),
        message: issue.message,
      })),
    );
  }
}

/** One bad line of an imported file or ingested batch; lines count from 1, headers included. */
export interface RowIssue {
  line: number;
  field: string;
  message: string;
}

/**
 * A file or batch refused whole because some rows are bad: each bad row is reported and nothing
 * was written. `total` counts every bad row; `rows` may be capped to keep the response small.
 */
export class RowsRejected extends AppError {
  constructor(
    message: string,
    readonly rows: RowIssue[],
    readonly total = rows.length,
  ) {
    super('VALIDATION', 400, message);
  }
}

export class Unauthorized extends AppError {
  constructor(message = 'Sign in required') {
    super('UNAUTHORIZED', 401, message);
  }
}

/** The caller has a password-verified session but has not completed MFA yet. */
export class MfaRequired extends AppError {
  constructor(message = 'Multi-factor verification required') {
    super('MFA_REQUIRED', 401, message);
  }
}

export class Forbidden extends AppError {
  constructor(message = 'You do not have permission to do this') {
    super('FORBIDDEN', 403, message);
  }
}

export class NotFound extends AppError {
  constructor(kind: string, id: string) {
    super('NOT_FOUND', 404, `${kind} '${id}' was not found`);
  }
}

export class Conflict extends AppError {
  constructor(message: string) {
    super('CONFLICT', 409, message);
  }
}

/**
 * Stored content that no longer matches the hash recorded when it was stored: it was changed
 * outside Cordon. Refused rather than served, so nobody relies on altered evidence.
 */
export class IntegrityFailed extends AppError {
  constructor(message: string) {
    super('INTEGRITY_FAILED', 409, message);
  }
}

/** A capability link that existed but was revoked or has expired: the holder should ask again. */
export class LinkExpired extends AppError {
  constructor(message = 'This link has expired or was withdrawn; ask the sender for a new one') {
    super('LINK_EXPIRED', 410, message);
  }
}

export class PayloadTooLarge extends AppError {
  constructor(message = 'Request body is too large') {
    super('PAYLOAD_TOO_LARGE', 413, message);
  }
}

export class UnsupportedMediaType extends AppError {
  constructor(contentType: string) {
    super('UNSUPPORTED_MEDIA_TYPE', 415, `Content type '${contentType}' is not supported`);
  }
}

export class RateLimited extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    message = 'Too many attempts; try again later',
  ) {
    super('RATE_LIMITED', 429, message);
  }
}

export class Unavailable extends AppError {
  constructor(message: string) {
    super('UNAVAILABLE', 503, message);
  }
}

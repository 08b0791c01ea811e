import type { ErrorResponse } from '@contracts/common.js';

/** A failed API call, carrying the server's stable code, human message and field issues. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;
  readonly issues: { field: string; message: string }[];
  /** For a refused import or batch: each bad row, and how many there were in all. */
  readonly rows: { line: number; field: string; message: string }[];
  readonly rowErrorCount: number;

  constructor(status: number, body: Partial<ErrorResponse>) {
    super(body.message ?? `The request failed (HTTP ${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code ?? 'UNKNOWN';
    this.requestId = body.requestId ?? null;
    this.issues = body.issues ?? [];
    this.rows = body.rows ?? [];
    this.rowErrorCount = body.rowErrorCount ?? this.rows.length;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** Every cookie-authenticated mutation must echo the session's CSRF token. */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const encoded = params.toString();
  return encoded ? `${path}?${encoded}` : path;
}

/** A body sent as it is: a file for an import (with its content type) or multipart form data. */
interface RawBody {
  raw: Blob | FormData;
  contentType?: string;
}

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const raw = isRawBody(body) ? body : null;
  // Requests without a body must not claim a JSON content type: the server rejects empty JSON.
  // FormData sets its own multipart boundary, so it must not be given one here.
  if (raw?.contentType) headers['content-type'] = raw.contentType;
  else if (body !== undefined && !raw) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: raw ? raw.raw : body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, {
      code: 'NETWORK',
      message: 'Cordon could not be reached. Check your connection and try again.',
    });
  }

  const text = await response.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    throw new ApiError(response.status, isErrorBody(parsed) ? parsed : {});
  }
  return parsed as T;
}

function isRawBody(body: unknown): body is RawBody {
  return typeof body === 'object' && body !== null && 'raw' in body;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isErrorBody(value: unknown): value is Partial<ErrorResponse> {
  return typeof value === 'object' && value !== null && 'message' in value;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string, body?: unknown) => request<T>('DELETE', path, body),
  /** Sends a file as the raw body (`text/csv`, NDJSON) or a FormData as multipart. */
  upload: <T>(path: string, raw: Blob | FormData, contentType?: string) =>
    request<T>('POST', path, contentType ? { raw, contentType } : { raw }),
};

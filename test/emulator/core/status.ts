/**
 * google.rpc.Status errors as Google's JSON/REST front end renders them:
 * `{"error": {"code": <http status>, "message": ..., "status": <Code name>, "details": [...]}}`.
 */

/** google.rpc.Code names and the HTTP status each maps to (google/rpc/code.proto). */
export const RPC_CODES = {
  OK: { code: 0, http: 200 },
  CANCELLED: { code: 1, http: 499 },
  UNKNOWN: { code: 2, http: 500 },
  INVALID_ARGUMENT: { code: 3, http: 400 },
  DEADLINE_EXCEEDED: { code: 4, http: 504 },
  NOT_FOUND: { code: 5, http: 404 },
  ALREADY_EXISTS: { code: 6, http: 409 },
  PERMISSION_DENIED: { code: 7, http: 403 },
  RESOURCE_EXHAUSTED: { code: 8, http: 429 },
  FAILED_PRECONDITION: { code: 9, http: 400 },
  ABORTED: { code: 10, http: 409 },
  OUT_OF_RANGE: { code: 11, http: 400 },
  UNIMPLEMENTED: { code: 12, http: 501 },
  INTERNAL: { code: 13, http: 500 },
  UNAVAILABLE: { code: 14, http: 503 },
  DATA_LOSS: { code: 15, http: 500 },
  UNAUTHENTICATED: { code: 16, http: 401 },
} as const;

export type RpcCodeName = keyof typeof RPC_CODES;

export type StatusDetail = { '@type': string } & Record<string, unknown>;

const TYPE_PREFIX = 'type.googleapis.com/google.rpc.';

export const details = {
  errorInfo(reason: string, metadata: Record<string, string> = {}, domain = 'googleapis.com'): StatusDetail {
    return { '@type': `${TYPE_PREFIX}ErrorInfo`, reason, domain, metadata };
  },
  retryInfo(seconds: number): StatusDetail {
    return { '@type': `${TYPE_PREFIX}RetryInfo`, retryDelay: `${seconds}s` };
  },
  badRequest(violations: { field: string; description: string }[]): StatusDetail {
    return { '@type': `${TYPE_PREFIX}BadRequest`, fieldViolations: violations };
  },
  localizedMessage(message: string): StatusDetail {
    return { '@type': `${TYPE_PREFIX}LocalizedMessage`, locale: 'en-US', message };
  },
  help(description: string, url: string): StatusDetail {
    return { '@type': `${TYPE_PREFIX}Help`, links: [{ description, url }] };
  },
};

/** An error a handler throws; the server renders it as a google.rpc.Status body. */
export class ApiError extends Error {
  readonly httpStatus: number;
  readonly headers: Record<string, string>;
  constructor(
    readonly status: RpcCodeName,
    message: string,
    readonly details: StatusDetail[] = [],
    opts: { httpStatus?: number; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.httpStatus = opts.httpStatus ?? RPC_CODES[status].http;
    this.headers = opts.headers ?? {};
  }

  /** The `error` object: a google.rpc.Status plus the REST `status` name. */
  toStatusJson(): Record<string, unknown> {
    const out: Record<string, unknown> = { code: this.httpStatus, message: this.message, status: this.status };
    if (this.details.length > 0) out['details'] = this.details;
    return out;
  }

  /** The google.rpc.Status as embedded in an Operation (numeric canonical code, no `status`). */
  toRpcStatus(): Record<string, unknown> {
    const out: Record<string, unknown> = { code: RPC_CODES[this.status].code, message: this.message };
    if (this.details.length > 0) out['details'] = this.details;
    return out;
  }

  body(): string {
    return JSON.stringify({ error: this.toStatusJson() }, null, 2) + '\n';
  }
}

export function invalidArgument(message: string, field?: string): ApiError {
  return new ApiError(
    'INVALID_ARGUMENT',
    message,
    field === undefined ? [] : [details.badRequest([{ field, description: message }])],
  );
}

/** A 429 with a Retry-After header and a RetryInfo detail. */
export function resourceExhausted(message: string, retryAfterSeconds: number): ApiError {
  return new ApiError('RESOURCE_EXHAUSTED', message, [details.retryInfo(retryAfterSeconds)], {
    headers: { 'retry-after': String(retryAfterSeconds) },
  });
}

/** HTTP status → the google.rpc.Code name Google's front end pairs with it. */
export function codeForHttpStatus(status: number): RpcCodeName {
  switch (status) {
    case 400:
      return 'INVALID_ARGUMENT';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'PERMISSION_DENIED';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'ABORTED';
    case 429:
      return 'RESOURCE_EXHAUSTED';
    case 501:
      return 'UNIMPLEMENTED';
    case 502:
    case 503:
      return 'UNAVAILABLE';
    case 504:
      return 'DEADLINE_EXCEEDED';
    default:
      return status >= 500 ? 'INTERNAL' : 'UNKNOWN';
  }
}

/** Google's HTML page for a URL no method is bound to (what an unknown path or verb gets). */
export function notFoundHtml(path: string): string {
  const safe = path.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return (
    '<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n' +
    '  <title>Error 404 (Not Found)!!1</title>\n' +
    '  <p><b>404.</b> <ins>That’s an error.</ins>\n' +
    `  <p>The requested URL <code>${safe}</code> was not found on this server.  <ins>That’s all we know.</ins>\n`
  );
}

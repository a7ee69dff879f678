/**
 * Errors raised by the HTTP layer. A google.rpc.Status error body becomes a GoogleApiError;
 * a connection-level failure (reset, refused, timeout, DNS) becomes a NetworkError.
 */

export class GoogleApiError extends Error {
  override readonly name = 'GoogleApiError';
  constructor(
    message: string,
    /** HTTP status, e.g. 429. */
    readonly httpStatus: number,
    /** google.rpc.Code name, e.g. 'RESOURCE_EXHAUSTED' (or 'UNKNOWN' when the body had none). */
    readonly status: string,
    /** Delay the server asked for (Retry-After header or google.rpc.RetryInfo), in ms. */
    readonly retryAfterMs: number | undefined = undefined,
    /** The raw details array of the google.rpc.Status, when present. */
    readonly details: unknown[] = [],
  ) {
    super(message);
  }

  /** 429, 500, 502, 503, 504: worth retrying. */
  get retryable(): boolean {
    return [429, 500, 502, 503, 504].includes(this.httpStatus);
  }
}

export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  readonly retryable = true;
  constructor(
    message: string,
    /** e.g. 'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ENOTFOUND'. */
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

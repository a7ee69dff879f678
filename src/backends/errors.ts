/**
 * Errors raised by the HTTP layer. A google.rpc.Status error body becomes a GoogleApiError;
 * a connection-level failure (reset, refused, timeout, DNS) becomes a NetworkError; a 2xx answer
 * whose body is not what the call returns becomes a MalformedAnswerError.
 */

/** A credentials step that runs before a call can be sent, and failed. */
export type AuthStep = 'token exchange' | 'service-account impersonation' | 'OAuth token request';

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
    /** Set when the error came from getting credentials (e.g. STS), not from the call itself. */
    readonly authStep: AuthStep | null = null,
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

/** A 2xx answer whose body is not the resource the call returns (not JSON, not an object, a wrong field). */
export class MalformedAnswerError extends Error {
  override readonly name = 'MalformedAnswerError';
  /** The same call would be read the same way. */
  readonly retryable = false;
  constructor(
    message: string,
    /** e.g. 'tuningJobs.get'. */
    readonly call: string,
    readonly httpStatus: number,
  ) {
    super(message);
  }
}

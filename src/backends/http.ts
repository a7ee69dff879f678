/**
 * JSON over HTTP on google-auth-library's transport (gaxios): the auth client adds the
 * credentials (x-goog-api-key, or a fresh OAuth token on every call). This layer turns
 * google.rpc.Status bodies into GoogleApiError, connection failures into NetworkError, and
 * retries what is safe to retry: exponential backoff with full jitter, Retry-After honoured,
 * bounded by attempts and elapsed time.
 */

import * as core from '@actions/core';
import { scrub } from '../runner/secrets.js';
import { systemClock, type Clock } from '../util/clock.js';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from '../util/retry.js';
import { parseDuration, parseRetryAfter } from '../util/time.js';
import { TimeLimitError, throwIfTimeUp } from '../util/time-limit.js';
import { checkAnswer, type Answer } from './answers.js';
import { GoogleApiError, NetworkError, type AuthStep } from './errors.js';

/** The part of google-auth-library's AuthClient this layer uses. */
export interface RequestClient {
  request<T = unknown>(opts: {
    url: string;
    method: string;
    data?: unknown;
    headers?: Record<string, string>;
    timeout?: number;
    signal?: AbortSignal;
    retry?: boolean;
    responseType?: 'json' | 'text';
  }): Promise<{ status: number; data: T; headers: unknown }>;
}

export interface JsonRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  signal?: AbortSignal;
  /** Per-attempt timeout, default 60 s. */
  timeoutMs?: number;
  /**
   * Whether repeating the call is harmless. Defaults to true for GET and DELETE. A POST is
   * retried only when the caller made it idempotent (e.g. a create with a fixed resource id).
   */
  idempotent?: boolean;
  /** false: a single attempt. */
  retry?: false | Partial<RetryPolicy>;
  /** Short description for logs and errors, e.g. "tunedModels.get". */
  what?: string;
  /** What a 2xx answer must be (checked before anything reads it); absent: not checked. */
  answer?: Answer;
  /** Called before each retry (an earlier attempt may have reached the service). */
  onRetry?: () => void;
  /** `text`: the body as it came (a Cloud Storage object's media); default `json`. */
  responseType?: 'json' | 'text';
}

export interface HttpOptions {
  /** The run's clock: retries wait on it. */
  clock?: Clock;
  random?: () => number;
  /** The run's time limit: every call (its retries included) is abandoned when it fires. */
  timeLimit?: AbortSignal;
}

export class GoogleHttp {
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly timeLimit: AbortSignal | undefined;

  constructor(
    private readonly client: RequestClient,
    options: HttpOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.timeLimit = options.timeLimit;
  }

  json<T>(req: JsonRequest): Promise<T> {
    const what = req.what ?? `${req.method} ${new URL(req.url).pathname}`;
    // The caller's signal and the run's time limit, whichever fires first.
    const signals = [req.signal, this.timeLimit].filter((s): s is AbortSignal => s !== undefined);
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    const bounded = { ...req, what, ...(signal ? { signal } : {}) };
    const idempotent = req.idempotent ?? (req.method === 'GET' || req.method === 'DELETE');
    if (req.retry === false || !idempotent) return this.once<T>(bounded);
    return withRetry(() => this.once<T>(bounded), {
      clock: this.clock,
      policy: { ...DEFAULT_RETRY, ...(req.retry ?? {}) },
      random: this.random,
      ...(signal ? { signal } : {}),
      onRetry: (err, attempt, delay, asked) => {
        req.onRetry?.();
        core.debug(
          `${what}: attempt ${attempt} failed (${(err as Error).message}); retrying in ${Math.round(delay)} ms` +
            (asked ? ' (server asked via Retry-After)' : ''),
        );
      },
    });
  }

  private async once<T>(req: JsonRequest): Promise<T> {
    let res: { status: number; data: unknown };
    throwIfTimeUp(this.timeLimit, req.what ?? req.method);
    try {
      res = await this.client.request({
        url: req.url,
        method: req.method,
        ...(req.body === undefined ? {} : { data: req.body }),
        timeout: req.timeoutMs ?? 60_000,
        ...(req.signal ? { signal: req.signal } : {}),
        retry: false,
        responseType: req.responseType ?? 'json',
      });
    } catch (err) {
      throwIfTimeUp(this.timeLimit, req.what ?? req.method);
      throw toHttpError(err, req);
    }
    if (!req.answer) return res.data as T;
    return checkAnswer<T>(req.answer, res.data, req.what ?? `${req.method} ${safeUrl(req.url)}`, res.status);
  }
}

/**
 * `client` (only its `request`) with every request abandoned when `timeLimit` fires: the run's time
 * limit over the raw requests of the Cloud Storage upload, which throw TimeLimitError then.
 */
export function withTimeLimit<C extends { request(opts: never): Promise<unknown> }>(
  client: C,
  timeLimit: AbortSignal | undefined,
): C {
  if (!timeLimit) return client;
  const send = client.request.bind(client) as (opts: { method: string; signal?: AbortSignal }) => Promise<unknown>;
  const request = async (opts: { method: string; signal?: AbortSignal }): Promise<unknown> => {
    const what = `${opts.method} (Cloud Storage upload)`;
    throwIfTimeUp(timeLimit, what);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeLimit]) : timeLimit;
    try {
      return await send({ ...opts, signal });
    } catch (err) {
      throwIfTimeUp(timeLimit, what);
      throw err;
    }
  };
  return { request } as unknown as C;
}

/** Converts whatever gaxios threw into a GoogleApiError or NetworkError (a TimeLimitError stays one). */
export function toHttpError(err: unknown, req: Pick<JsonRequest, 'method' | 'url'>): Error {
  if (err instanceof TimeLimitError) return err;
  const e = err as {
    response?: { status: number; data: unknown; headers?: unknown; config?: { url?: unknown } };
    config?: { url?: unknown };
    code?: unknown;
    cause?: { code?: unknown };
    name?: string;
    message?: string;
  };
  const where = `${req.method} ${safeUrl(req.url)}`;
  if (e?.response && typeof e.response.status === 'number') {
    const { status: httpStatus, data } = e.response;
    const body = parseBody(data);
    const rpc = (body as { error?: Record<string, unknown> } | undefined)?.error;
    const details = Array.isArray(rpc?.['details']) ? (rpc['details'] as unknown[]) : [];
    const status = typeof rpc?.['status'] === 'string' ? rpc['status'] : httpStatusName(httpStatus);
    const message =
      typeof rpc?.['message'] === 'string' && rpc['message']
        ? rpc['message']
        : typeof data === 'string' && data.trim()
          ? data.trim().slice(0, 300)
          : `HTTP ${httpStatus}`;
    const retryInfo = details.find(
      (d): d is { retryDelay?: unknown } =>
        typeof d === 'object' && d !== null && String((d as Record<string, unknown>)['@type']).endsWith('RetryInfo'),
    );
    const retryAfterMs =
      parseRetryAfter(header(e.response.headers, 'retry-after')) ?? parseDuration(retryInfo?.retryDelay);
    const failedUrl = String(e.config?.url ?? e.response.config?.url ?? '');
    const step = authStepOf(failedUrl, req.url);
    if (step) {
      const why = oauthMessage(body) ?? message;
      return new GoogleApiError(
        maskJwts(
          scrub(
            `${step} failed with ${status} (HTTP ${httpStatus}) from POST ${safeUrl(failedUrl)}, so ${where} was not sent: ` +
              `${why.length > 500 ? `${why.slice(0, 500)}…` : why}${AUTH_HINTS[step]}`,
          ),
        ),
        httpStatus,
        status,
        retryAfterMs,
        details,
        step,
      );
    }
    return new GoogleApiError(
      scrub(`${status} (HTTP ${httpStatus}) from ${where}: ${message}`),
      httpStatus,
      status,
      retryAfterMs,
      details,
    );
  }
  if (e?.name === 'AbortError') return e as Error;
  const code = typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : undefined;
  return new NetworkError(scrub(`${where} failed: ${e?.message ?? String(err)}`), code);
}

const AUTH_HINTS: Record<AuthStep, string> = {
  'token exchange':
    ' — Workload Identity Federation: check the google-github-actions/auth step (workload_identity_provider is the ' +
    "provider's full name, its attribute condition accepts this repository) and that the job has " +
    '"permissions: id-token: write".',
  'service-account impersonation':
    ' — the Workload Identity principal may not act as the service account: grant it ' +
    'roles/iam.workloadIdentityUser on the service account, and check service_account in the auth step.',
  'OAuth token request': ' — check the credentials file (GOOGLE_APPLICATION_CREDENTIALS) and its key.',
};

/**
 * Which credentials step a failed request was, when it was not the call itself: google-auth-library
 * gets (and renews) the token inside `request()`, and its errors carry the token request's URL.
 */
export function authStepOf(failedUrl: string, callUrl: string): AuthStep | null {
  let failed: URL;
  try {
    failed = new URL(failedUrl);
  } catch {
    return null;
  }
  const call = new URL(callUrl);
  if (failed.origin === call.origin && failed.pathname === call.pathname) return null;
  if (failed.pathname.endsWith(':generateAccessToken')) return 'service-account impersonation';
  if (failed.hostname.startsWith('sts.') || /^\/v1(beta)?\/token$/.test(failed.pathname)) return 'token exchange';
  if (failed.pathname.endsWith('/token')) return 'OAuth token request';
  return null;
}

/** An OAuth 2.0 error body (RFC 6749 §5.2, as STS sends): "error: error_description". */
function oauthMessage(body: unknown): string | null {
  const o = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : null;
  if (!o || typeof o['error'] !== 'string') return null;
  const description = typeof o['error_description'] === 'string' ? o['error_description'].trim() : '';
  return description ? `${o['error']}: ${description}` : o['error'];
}

/** A JWT (e.g. the OIDC subject token echoed back) is a credential: never quoted. */
function maskJwts(text: string): string {
  return text.replace(/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '[JWT]');
}

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

function header(headers: unknown, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : null;
}

/** The URL without its query string (which never holds a key here, but be safe). */
function safeUrl(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

function httpStatusName(code: number): string {
  const names: Record<number, string> = {
    400: 'INVALID_ARGUMENT',
    401: 'UNAUTHENTICATED',
    403: 'PERMISSION_DENIED',
    404: 'NOT_FOUND',
    409: 'ALREADY_EXISTS',
    429: 'RESOURCE_EXHAUSTED',
    500: 'INTERNAL',
    501: 'UNIMPLEMENTED',
    503: 'UNAVAILABLE',
    504: 'DEADLINE_EXCEEDED',
  };
  return names[code] ?? 'UNKNOWN';
}

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
import { GoogleApiError, NetworkError } from './errors.js';

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
  /** Short description for logs, e.g. "tunedModels.get". */
  what?: string;
}

export interface HttpOptions {
  /** The run's clock: retries wait on it. */
  clock?: Clock;
  random?: () => number;
}

export class GoogleHttp {
  private readonly clock: Clock;
  private readonly random: () => number;

  constructor(
    private readonly client: RequestClient,
    options: HttpOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
  }

  json<T>(req: JsonRequest): Promise<T> {
    const idempotent = req.idempotent ?? (req.method === 'GET' || req.method === 'DELETE');
    if (req.retry === false || !idempotent) return this.once<T>(req);
    const what = req.what ?? `${req.method} ${new URL(req.url).pathname}`;
    return withRetry(() => this.once<T>(req), {
      clock: this.clock,
      policy: { ...DEFAULT_RETRY, ...(req.retry ?? {}) },
      random: this.random,
      ...(req.signal ? { signal: req.signal } : {}),
      onRetry: (err, attempt, delay, asked) =>
        core.debug(
          `${what}: attempt ${attempt} failed (${(err as Error).message}); retrying in ${Math.round(delay)} ms` +
            (asked ? ' (server asked via Retry-After)' : ''),
        ),
    });
  }

  private async once<T>(req: JsonRequest): Promise<T> {
    let res: { status: number; data: unknown };
    try {
      res = await this.client.request({
        url: req.url,
        method: req.method,
        ...(req.body === undefined ? {} : { data: req.body }),
        timeout: req.timeoutMs ?? 60_000,
        ...(req.signal ? { signal: req.signal } : {}),
        retry: false,
        responseType: 'json',
      });
    } catch (err) {
      throw toHttpError(err, req);
    }
    return res.data as T;
  }
}

/** Converts whatever gaxios threw into a GoogleApiError or NetworkError. */
export function toHttpError(err: unknown, req: Pick<JsonRequest, 'method' | 'url'>): Error {
  const e = err as {
    response?: { status: number; data: unknown; headers?: unknown };
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

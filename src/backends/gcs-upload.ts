/**
 * A small resumable upload over the Cloud Storage JSON API (not @google-cloud/storage: with a
 * custom endpoint its resumable path drops the Authorization header).
 *
 * 1. GET the object's metadata: when it already exists with the same MD5 and size, nothing is sent.
 * 2. POST /upload/storage/v1/b/BUCKET/o?uploadType=resumable (X-Upload-Content-Length, metadata with
 *    md5Hash so the service verifies what it stores) → the session URI in `Location`.
 * 3. PUT the bytes in chunks (multiples of 256 KiB) with `Content-Range: bytes A-B/TOTAL`; the
 *    service answers 308 with `Range: bytes=0-N` (what it has) until the last chunk (200/201).
 * 4. When a chunk fails (dropped connection, 5xx, 429), PUT an empty body with
 *    `Content-Range: bytes *\/TOTAL` to ask what arrived, and resume from there. A 404/410 session
 *    (expired) starts a new one.
 */

import { createHash } from 'node:crypto';
import { systemClock, type Clock } from '../util/clock.js';
import { retryDelay, type RetryPolicy } from '../util/retry.js';
import { GoogleApiError, NetworkError } from './errors.js';
import { toHttpError, type JsonRequest } from './http.js';

export const CHUNK_GRANULE = 256 * 1024;
export const DEFAULT_CHUNK_SIZE = 32 * CHUNK_GRANULE; // 8 MiB

/** The part of google-auth-library's AuthClient (gaxios options) the upload needs. */
export interface RawRequestClient {
  request(opts: {
    url: string;
    method: string;
    headers?: Record<string, string>;
    data?: unknown;
    timeout?: number;
    signal?: AbortSignal;
    retry?: boolean;
    responseType?: 'json' | 'text';
    validateStatus?: (status: number) => boolean;
  }): Promise<{ status: number; data: unknown; headers: unknown }>;
}

export interface UploadRequest {
  client: RawRequestClient;
  /** https://storage.googleapis.com or the api-endpoint override. */
  baseUrl: string;
  bucket: string;
  object: string;
  /** The bytes, or a way to produce them in order (a large body need not be held whole: see UploadData). */
  data: UploadData;
  contentType: string;
  /** Bytes per PUT, a multiple of 256 KiB (default 8 MiB). */
  chunkSize?: number;
  /** Give up after this many failed attempts in a row that made no progress (default 6). */
  maxFailuresWithoutProgress?: number;
  /** The run's clock: the pauses between attempts wait on it. */
  clock?: Clock;
  log?: (message: string) => void;
}

/**
 * The bytes to upload: a Buffer, or a function that produces them in order, from the start, each
 * time it is called. It is called once to checksum them, once to send them, and again only when
 * the service asks to resume before the part still held (at most one chunk is held).
 */
export type UploadData = Buffer | { chunks: () => Iterable<Uint8Array> | AsyncIterable<Uint8Array> };

export interface UploadResult {
  /** gs://bucket/object */
  uri: string;
  /** true: the object was already there with the same MD5 and size; nothing was sent. */
  skipped: boolean;
  size: number;
  /**
   * Body bytes handed to PUT requests, a request that failed counted in full (equals size when
   * nothing failed; how much of a failed request reached the service only the service knows).
   */
  bytesSent: number;
  /** How many times an interrupted upload was resumed from the offset the service reported. */
  resumes: number;
  /** The offsets it resumed at, as the service reported them (Range: bytes=0-N → N+1). */
  resumedAt: number[];
  /** Base64 MD5 of the data, as Cloud Storage reports it. */
  md5Hash: string;
}

interface ObjectResource {
  name?: string;
  size?: string;
  md5Hash?: string;
}

export function parseGsUri(uri: string): { bucket: string; prefix: string } {
  const m = /^gs:\/\/([^/]+)(?:\/(.*))?$/.exec(uri);
  if (!m?.[1]) throw new Error(`"${uri}" is not a gs://bucket/prefix URI`);
  return { bucket: m[1], prefix: (m[2] ?? '').replace(/^\/+|\/+$/g, '') };
}

export function md5Base64(data: Buffer): string {
  return createHash('md5').update(data).digest('base64');
}

export async function uploadResumable(req: UploadRequest): Promise<UploadResult> {
  const chunkSize = req.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (chunkSize <= 0 || chunkSize % CHUNK_GRANULE !== 0) {
    throw new Error(`chunk size ${chunkSize} is not a positive multiple of ${CHUNK_GRANULE}`);
  }
  const clock = req.clock ?? systemClock;
  const log = req.log ?? (() => undefined);
  // Attempts count from the last progress, not from the start: a large upload may need many resumes.
  const policy: RetryPolicy = {
    maxAttempts: req.maxFailuresWithoutProgress ?? 6,
    baseDelayMs: 500,
    maxDelayMs: 30_000,
    maxElapsedMs: Infinity,
    maxRetryAfterMs: Infinity,
    jitter: true,
  };
  const base = req.baseUrl.replace(/\/+$/, '');
  const source = new ByteSource(Buffer.isBuffer(req.data) ? [req.data] : req.data.chunks);
  const { total, md5Hash } = await source.measure();
  const uri = `gs://${req.bucket}/${req.object}`;
  const result: UploadResult = { uri, skipped: false, size: total, bytesSent: 0, resumes: 0, resumedAt: [], md5Hash };

  // Failures in a row without progress; reset whenever the service reports more bytes than before.
  let failures = 0;
  const failed = async (err: unknown, what: string): Promise<void> => {
    const decision = retryDelay(policy, ++failures, err, { elapsedMs: 0, leftMs: Infinity, random: Math.random() });
    if (!decision.retry) throw err;
    log(`${what} failed (${(err as Error).message}); retrying in ${decision.delayMs} ms`);
    await clock.sleep(decision.delayMs);
  };

  // 1. Already there?
  for (;;) {
    try {
      const existing = await getObject(req.client, base, req.bucket, req.object);
      if (existing && existing.md5Hash === md5Hash && Number(existing.size) === total) {
        log(`${uri} already holds these ${total} bytes (MD5 ${md5Hash}): not uploading again`);
        return { ...result, skipped: true };
      }
      break;
    } catch (err) {
      // May create but not read (roles/storage.objectCreator): upload without the check.
      if (err instanceof GoogleApiError && err.httpStatus === 403) {
        log(`cannot read ${uri} to compare checksums (${err.message}); uploading it`);
        break;
      }
      await failed(err, 'objects.get');
    }
  }
  failures = 0;

  let session: string | null = null;
  let offset = 0;
  let restarts = 0;
  for (;;) {
    // 2. A session.
    if (!session) {
      try {
        session = await initiate(req, base, total, md5Hash);
        offset = 0;
      } catch (err) {
        await failed(err, 'resumable upload initiation');
        continue;
      }
    }
    // 3. The next chunk (or the empty finalising request of an empty object).
    const end = Math.min(offset + chunkSize, total);
    const body = await source.read(offset, end);
    const range = total === 0 ? 'bytes */0' : `bytes ${offset}-${end - 1}/${total}`;
    let outcome: Outcome;
    try {
      result.bytesSent += body.length;
      outcome = await put(req.client, session, range, body);
    } catch (err) {
      if (isGone(err) && restarts < 2) {
        log(`upload session expired (${(err as Error).message}); starting a new one`);
        restarts++;
        session = null;
        continue;
      }
      await failed(err, `upload of bytes ${offset}-${end - 1}`);
      // 4. Ask what arrived, then resume from there (not from the start).
      const asked = await queryUntilKnown(req.client, session, total, failed);
      if (asked === 'gone') {
        session = null;
        continue;
      }
      result.resumes++;
      if (asked.done) return verify(result, asked.resource);
      result.resumedAt.push(asked.next);
      log(`resuming ${uri} at byte ${asked.next} of ${total}`);
      if (asked.next > offset) failures = 0;
      offset = asked.next;
      continue;
    }
    if (outcome.done) return verify(result, outcome.resource);
    if (outcome.next > offset) failures = 0;
    else await failed(new NetworkError(`the service kept none of bytes ${offset}-${end - 1}`, undefined), 'upload');
    offset = outcome.next;
  }
}

type Outcome = { done: true; resource: ObjectResource } | { done: false; next: number };

/**
 * Reads a body produced in order (UploadData) by byte range, holding only the bytes from the start
 * of the last range asked for: ranges come in increasing order, and a resume goes back at most to
 * the start of the chunk that failed; one that goes back further (a new session starts at 0) has
 * the body produced again from the start.
 */
class ByteSource {
  private iterator: AsyncIterator<Uint8Array> | null = null;
  /** The bytes held, [start, end) of the body, as consecutive pieces. */
  private pieces: Buffer[] = [];
  private start = 0;
  private end = 0;

  constructor(
    private readonly produce: Iterable<Uint8Array> | (() => Iterable<Uint8Array> | AsyncIterable<Uint8Array>),
  ) {}

  private fresh(): AsyncIterator<Uint8Array> {
    const it = typeof this.produce === 'function' ? this.produce() : this.produce;
    return (async function* () {
      yield* it;
    })();
  }

  /** The size and base64 MD5 of the whole body (one pass over it). */
  async measure(): Promise<{ total: number; md5Hash: string }> {
    const md5 = createHash('md5');
    let total = 0;
    for (let it = this.fresh(), r = await it.next(); !r.done; r = await it.next()) {
      md5.update(r.value);
      total += r.value.length;
    }
    return { total, md5Hash: md5.digest('base64') };
  }

  /** Bytes [from, to) of the body. */
  async read(from: number, to: number): Promise<Buffer> {
    if (this.iterator === null || from < this.start) {
      this.iterator = this.fresh();
      this.pieces = [];
      this.start = this.end = 0;
    }
    while (this.end < to) {
      const r = await this.iterator.next();
      if (r.done)
        throw new Error(
          `the data to upload ended at byte ${this.end}, before byte ${to}: it changed while it was sent`,
        );
      const piece = Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
      this.pieces.push(piece);
      this.end += piece.length;
    }
    // Keep only [from, end): a later range starts at `from` or after it, but for a resume behind it.
    const held = this.pieces.length === 1 ? this.pieces[0]! : Buffer.concat(this.pieces);
    this.pieces = [held.subarray(from - this.start)];
    this.start = from;
    return this.pieces[0]!.subarray(0, to - from);
  }
}

function verify(result: UploadResult, resource: ObjectResource): UploadResult {
  if (resource.md5Hash && resource.md5Hash !== result.md5Hash) {
    throw new Error(
      `Cloud Storage stored ${result.uri} with MD5 ${resource.md5Hash}, but the data has ${result.md5Hash}`,
    );
  }
  return result;
}

function isGone(err: unknown): boolean {
  return err instanceof GoogleApiError && (err.httpStatus === 404 || err.httpStatus === 410);
}

async function queryUntilKnown(
  client: RawRequestClient,
  session: string,
  total: number,
  failed: (err: unknown, what: string) => Promise<void>,
): Promise<Outcome | 'gone'> {
  for (;;) {
    try {
      return await put(client, session, `bytes */${total}`, Buffer.alloc(0));
    } catch (err) {
      if (isGone(err)) return 'gone';
      await failed(err, 'upload status query');
    }
  }
}

async function getObject(
  client: RawRequestClient,
  base: string,
  bucket: string,
  object: string,
): Promise<ObjectResource | null> {
  const url = `${base}/storage/v1/b/${encodeURIComponent(bucket)}/o/${encodeURIComponent(object)}`;
  try {
    const res = await client.request({
      url,
      method: 'GET',
      retry: false,
      responseType: 'json',
      timeout: 60_000,
      validateStatus: (s) => (s >= 200 && s < 300) || s === 404,
    });
    return res.status === 404 ? null : parseJson<ObjectResource>(res.data);
  } catch (err) {
    throw toHttpError(err, { method: 'GET', url });
  }
}

async function initiate(req: UploadRequest, base: string, total: number, md5Hash: string): Promise<string> {
  const url = new URL(`${base}/upload/storage/v1/b/${encodeURIComponent(req.bucket)}/o`);
  url.searchParams.set('uploadType', 'resumable');
  url.searchParams.set('name', req.object);
  try {
    const res = await req.client.request({
      url: url.toString(),
      method: 'POST',
      headers: {
        'Content-Type': 'application/json; charset=UTF-8',
        'X-Upload-Content-Type': req.contentType,
        'X-Upload-Content-Length': String(total),
      },
      data: JSON.stringify({ name: req.object, contentType: req.contentType, md5Hash }),
      retry: false,
      responseType: 'text',
      timeout: 60_000,
    });
    const location = header(res.headers, 'location');
    if (!location) throw new Error(`the resumable upload of gs://${req.bucket}/${req.object} got no session URI`);
    // A relative Location is resolved against the request URL.
    return new URL(location, url).toString();
  } catch (err) {
    if (err instanceof Error && err.message.includes('got no session URI')) throw err;
    throw toHttpError(err, { method: 'POST', url: url.toString() });
  }
}

async function put(client: RawRequestClient, session: string, contentRange: string, body: Buffer): Promise<Outcome> {
  try {
    const res = await client.request({
      url: session,
      method: 'PUT',
      headers: { 'Content-Range': contentRange },
      data: body,
      retry: false,
      responseType: 'text',
      timeout: 300_000,
      validateStatus: (s) => (s >= 200 && s < 300) || s === 308,
    });
    if (res.status === 308) {
      // "Range: bytes=0-N": the service holds the first N+1 bytes; no header: none yet.
      const m = /^bytes=0-(\d+)$/.exec(header(res.headers, 'range') ?? '');
      return { done: false, next: m?.[1] ? Number(m[1]) + 1 : 0 };
    }
    return { done: true, resource: parseJson<ObjectResource>(res.data) ?? {} };
  } catch (err) {
    // (toHttpError's type lists the JSON verbs; it only prints the method.)
    throw toHttpError(err, { method: 'PUT' as JsonRequest['method'], url: session });
  }
}

function parseJson<T>(data: unknown): T | null {
  if (typeof data !== 'string') return (data as T) ?? null;
  if (!data.trim()) return null;
  try {
    return JSON.parse(data) as T;
  } catch {
    return null;
  }
}

function header(headers: unknown, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  const record = headers as Record<string, unknown>;
  const value = record[name] ?? record[name.toLowerCase()];
  return typeof value === 'string' ? value : null;
}

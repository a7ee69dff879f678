/**
 * Cloud Storage JSON API, the part an uploader and a reader need: simple (media), multipart and
 * resumable uploads under /upload/storage/v1, object metadata/media/list/delete under
 * /storage/v1 (and /download/storage/v1 for media). Objects live in memory, byte-exact.
 *
 * Resumable sessions behave like the service: the session URI carries the upload id and needs no
 * Authorization; a chunk that is not the last one is persisted only up to a multiple of 256 KiB
 * (the 308's Range says how far); `Content-Range: bytes * /TOTAL` (no body) asks for the status; a
 * request cut off mid-body (fault `reset` with `afterBodyBytes`) persists what arrived, rounded the
 * same way, so the client must ask and resume.
 */
import { randomBytes } from 'node:crypto';
import type { ServiceEnv } from '../../core/env.js';
import type { Reply, RequestCtx, Router } from '../../core/router.js';
import { json } from '../../core/router.js';
import { timestamp } from '../../core/util.js';
import { crc32cBase64, md5Base64 } from './checksums.js';
import { GcsError, gcs } from './errors.js';

export const CHUNK_GRANULARITY = 256 * 1024;

export interface StoredObject {
  bucket: string;
  name: string;
  data: Buffer;
  contentType: string;
  generation: string;
  metageneration: string;
  createdAt: number;
  md5Hash: string;
  crc32c: string;
  metadata?: Record<string, string>;
}

export interface UploadSessionInfo {
  id: string;
  bucket: string;
  name: string;
  /** declared total size, when known */
  totalSize: number | undefined;
  /** bytes the emulator has persisted for this session */
  persisted: number;
  /** sum of the body bytes of every PUT that reached the session (retransmissions included) */
  bytesReceived: number;
  /** PUT requests on the session, status queries included */
  puts: number;
  statusQueries: number;
  /** requests cut off mid-body */
  interrupted: number;
  done: boolean;
  cancelled: boolean;
}

interface Session extends UploadSessionInfo {
  chunks: Buffer[];
  contentType: string;
  meta: Record<string, unknown>;
  preconditions: Preconditions;
  result?: StoredObject;
}

interface Preconditions {
  ifGenerationMatch?: string;
  ifGenerationNotMatch?: string;
}

export interface ResolvedStorage {
  /** Buckets that exist; undefined = every bucket name exists. */
  buckets: string[] | undefined;
}

type Json = Record<string, unknown>;

const BUCKET = '(?<bucket>[^/]+)';
const OBJECT = '(?<object>.+)';

function baseUrl(ctx: RequestCtx): string {
  const host = ctx.headers['host'] ?? '127.0.0.1';
  const proto = ctx.headers['x-forwarded-proto'] ?? 'http';
  return `${proto}://${host}`;
}

function preconditionsFrom(q: URLSearchParams): Preconditions {
  const p: Preconditions = {};
  const m = q.get('ifGenerationMatch');
  const n = q.get('ifGenerationNotMatch');
  if (m !== null) p.ifGenerationMatch = m;
  if (n !== null) p.ifGenerationNotMatch = n;
  return p;
}

export class StorageService {
  private readonly objects = new Map<string, StoredObject>();
  private readonly sessions = new Map<string, Session>();
  private generationCounter = 0;

  constructor(
    private readonly env: ServiceEnv,
    private readonly config: () => ResolvedStorage,
  ) {}

  reset(): void {
    this.objects.clear();
    this.sessions.clear();
  }

  // ---- programmatic access (tests, other services) ------------------------------------------

  /** Store an object directly (e.g. to seed a dataset). */
  put(bucket: string, name: string, data: Buffer | string, contentType = 'application/octet-stream'): StoredObject {
    return this.store(bucket, name, Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8'), contentType, undefined);
  }

  /** Look up `gs://bucket/name` or (bucket, name). */
  get(bucketOrUri: string, name?: string): StoredObject | undefined {
    if (name === undefined) {
      const m = /^gs:\/\/([^/]+)\/(.+)$/.exec(bucketOrUri);
      if (m === null) return undefined;
      return this.objects.get(`${m[1]!}/${m[2]!}`);
    }
    return this.objects.get(`${bucketOrUri}/${name}`);
  }

  list(): StoredObject[] {
    return [...this.objects.values()];
  }

  uploadSessions(): UploadSessionInfo[] {
    return [...this.sessions.values()].map((s) => ({
      id: s.id,
      bucket: s.bucket,
      name: s.name,
      totalSize: s.totalSize,
      persisted: s.persisted,
      bytesReceived: s.bytesReceived,
      puts: s.puts,
      statusQueries: s.statusQueries,
      interrupted: s.interrupted,
      done: s.done,
      cancelled: s.cancelled,
    }));
  }

  // ---- routes -------------------------------------------------------------------------------

  register(router: Router): void {
    const up = new RegExp(`^/upload/storage/v1/b/${BUCKET}/o$`);
    router.add('POST', up, (c) => this.upload(c));
    // the session URI is its own credential: no Authorization needed
    router.add('PUT', up, (c) => this.putChunk(c), { auth: false });
    router.add('DELETE', up, (c) => this.cancelSession(c), { auth: false });

    router.add('GET', new RegExp(`^/storage/v1/b/${BUCKET}$`), (c) => json(200, this.renderBucket(c)));
    router.add('GET', new RegExp(`^/storage/v1/b/${BUCKET}/o$`), (c) => this.listObjects(c));
    router.add('GET', new RegExp(`^/storage/v1/b/${BUCKET}/o/${OBJECT}$`), (c) => this.getObject(c, false));
    router.add('GET', new RegExp(`^/download/storage/v1/b/${BUCKET}/o/${OBJECT}$`), (c) => this.getObject(c, true));
    router.add('DELETE', new RegExp(`^/storage/v1/b/${BUCKET}/o/${OBJECT}$`), (c) => this.deleteObject(c));
  }

  private bucketExists(bucket: string): boolean {
    const b = this.config().buckets;
    return b === undefined || b.includes(bucket);
  }

  private requireBucket(bucket: string): void {
    if (!this.bucketExists(bucket)) throw gcs.notFoundBucket();
  }

  private renderBucket(ctx: RequestCtx): Json {
    const bucket = decodeURIComponent(ctx.params['bucket']!);
    this.requireBucket(bucket);
    return {
      kind: 'storage#bucket',
      selfLink: `${baseUrl(ctx)}/storage/v1/b/${bucket}`,
      id: bucket,
      name: bucket,
      projectNumber: '123456789012',
      metageneration: '1',
      location: 'US-CENTRAL1',
      storageClass: 'STANDARD',
      etag: 'CAE=',
      timeCreated: timestamp(0),
      updated: timestamp(0),
      locationType: 'region',
    };
  }

  render(o: StoredObject, base: string): Json {
    const enc = encodeURIComponent(o.name);
    const out: Json = {
      kind: 'storage#object',
      id: `${o.bucket}/${o.name}/${o.generation}`,
      selfLink: `${base}/storage/v1/b/${o.bucket}/o/${enc}`,
      mediaLink: `${base}/download/storage/v1/b/${o.bucket}/o/${enc}?generation=${o.generation}&alt=media`,
      name: o.name,
      bucket: o.bucket,
      generation: o.generation,
      metageneration: o.metageneration,
      contentType: o.contentType,
      storageClass: 'STANDARD',
      size: String(o.data.length),
      md5Hash: o.md5Hash,
      crc32c: o.crc32c,
      etag: Buffer.from(`emu-${o.generation}`).toString('base64'),
      timeCreated: timestamp(o.createdAt),
      updated: timestamp(o.createdAt),
      timeStorageClassUpdated: timestamp(o.createdAt),
    };
    if (o.metadata !== undefined && Object.keys(o.metadata).length > 0) out['metadata'] = { ...o.metadata };
    return out;
  }

  private nextGeneration(): string {
    this.generationCounter = (this.generationCounter + 1) % 1000;
    return String(this.env.now() * 1000 + this.generationCounter);
  }

  private checkPreconditions(bucket: string, name: string, p: Preconditions): void {
    const existing = this.objects.get(`${bucket}/${name}`);
    const gen = existing?.generation ?? '0';
    if (p.ifGenerationMatch !== undefined && p.ifGenerationMatch !== gen) throw gcs.precondition();
    if (p.ifGenerationNotMatch !== undefined && p.ifGenerationNotMatch === gen) throw gcs.precondition();
  }

  private store(
    bucket: string,
    name: string,
    data: Buffer,
    contentType: string,
    meta: Json | undefined,
    pre: Preconditions = {},
  ): StoredObject {
    this.checkPreconditions(bucket, name, pre);
    const md5Hash = md5Base64(data);
    const crc = crc32cBase64(data);
    if (meta !== undefined) {
      if (typeof meta['md5Hash'] === 'string' && meta['md5Hash'] !== md5Hash) {
        throw gcs.invalid(`Provided MD5 hash "${meta['md5Hash']}" doesn't match calculated MD5 hash "${md5Hash}".`);
      }
      if (typeof meta['crc32c'] === 'string' && meta['crc32c'] !== crc) {
        throw gcs.invalid(`Provided CRC32C "${meta['crc32c']}" doesn't match calculated CRC32C "${crc}".`);
      }
    }
    const o: StoredObject = {
      bucket,
      name,
      data,
      contentType,
      generation: this.nextGeneration(),
      metageneration: '1',
      createdAt: this.env.now(),
      md5Hash,
      crc32c: crc,
    };
    const custom = meta?.['metadata'];
    if (custom !== null && typeof custom === 'object') {
      o.metadata = Object.fromEntries(
        Object.entries(custom as Json)
          .filter(([, v]) => v !== null)
          .map(([k, v]) => [k, String(v)]),
      );
    }
    this.objects.set(`${bucket}/${name}`, o);
    return o;
  }

  // ---- uploads ------------------------------------------------------------------------------

  private upload(ctx: RequestCtx): Reply {
    const bucket = decodeURIComponent(ctx.params['bucket']!);
    const type = ctx.query.get('uploadType');
    if (type === 'resumable' && ctx.query.get('upload_id') !== null) return this.putChunk(ctx);
    this.requireBucket(bucket);
    switch (type) {
      case 'media':
        return this.uploadMedia(ctx, bucket);
      case 'multipart':
        return this.uploadMultipart(ctx, bucket);
      case 'resumable':
        return this.startResumable(ctx, bucket);
      default:
        throw gcs.invalid(
          type === null
            ? 'Upload requests must include an uploadType URL parameter and a URL path beginning with /upload/'
            : `Invalid upload type: ${type}`,
        );
    }
  }

  private uploadMedia(ctx: RequestCtx, bucket: string): Reply {
    const name = ctx.query.get('name');
    if (name === null || name === '') throw gcs.required('name');
    const o = this.store(
      bucket,
      name,
      ctx.rawBytes,
      ctx.headers['content-type'] ?? 'application/octet-stream',
      undefined,
      preconditionsFrom(ctx.query),
    );
    return json(200, this.render(o, baseUrl(ctx)));
  }

  private uploadMultipart(ctx: RequestCtx, bucket: string): Reply {
    const type = ctx.headers['content-type'] ?? '';
    const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
    if (!/^multipart\/related/i.test(type) || m === null) {
      throw gcs.invalid('Invalid multipart request: Content-Type must be multipart/related with a boundary.');
    }
    const parts = splitMultipart(ctx.rawBytes, m[1] ?? m[2]!);
    if (parts.length !== 2) throw gcs.invalid(`Invalid multipart request with ${parts.length} parts.`);
    let meta: Json;
    try {
      meta = JSON.parse(parts[0]!.body.toString('utf8')) as Json;
    } catch {
      throw gcs.invalid('Metadata part is not valid JSON.');
    }
    const name = (meta['name'] as string | undefined) ?? ctx.query.get('name') ?? '';
    if (name === '') throw gcs.required('name');
    const contentType =
      (meta['contentType'] as string | undefined) ?? parts[1]!.headers['content-type'] ?? 'application/octet-stream';
    const o = this.store(bucket, name, parts[1]!.body, contentType, meta, preconditionsFrom(ctx.query));
    return json(200, this.render(o, baseUrl(ctx)));
  }

  private startResumable(ctx: RequestCtx, bucket: string): Reply {
    let meta: Json = {};
    if (ctx.rawBody.trim() !== '') {
      try {
        meta = JSON.parse(ctx.rawBody) as Json;
      } catch {
        throw gcs.invalid('Metadata is not valid JSON.');
      }
    }
    const name = (meta['name'] as string | undefined) ?? ctx.query.get('name') ?? '';
    if (name === '') throw gcs.required('name');
    const pre = preconditionsFrom(ctx.query);
    this.checkPreconditions(bucket, name, pre);
    const lenHeader = ctx.headers['x-upload-content-length'];
    let totalSize: number | undefined;
    if (lenHeader !== undefined) {
      if (!/^\d+$/.test(lenHeader)) throw gcs.invalid(`Invalid X-Upload-Content-Length: ${lenHeader}`);
      totalSize = Number(lenHeader);
    }
    const id = randomBytes(24).toString('base64url');
    const s: Session = {
      id,
      bucket,
      name,
      totalSize,
      persisted: 0,
      bytesReceived: 0,
      puts: 0,
      statusQueries: 0,
      interrupted: 0,
      done: false,
      cancelled: false,
      chunks: [],
      contentType:
        (meta['contentType'] as string | undefined) ??
        ctx.headers['x-upload-content-type'] ??
        'application/octet-stream',
      meta,
      preconditions: pre,
    };
    this.sessions.set(id, s);
    const q = new URLSearchParams({ uploadType: 'resumable', name, upload_id: id });
    const location = `${baseUrl(ctx)}/upload/storage/v1/b/${encodeURIComponent(bucket)}/o?${q.toString()}`;
    return {
      status: 200,
      headers: { location, 'x-guploader-uploadid': id },
      contentType: 'text/plain; charset=utf-8',
      body: '',
    };
  }

  private session(ctx: RequestCtx): Session {
    const id = ctx.query.get('upload_id');
    const s = id === null ? undefined : this.sessions.get(id);
    if (s === undefined || s.bucket !== decodeURIComponent(ctx.params['bucket']!)) {
      throw new GcsError(404, 'notFound', 'No such upload session (the upload ID is invalid or has expired).');
    }
    if (s.cancelled) throw new GcsError(410, 'gone', 'The upload session was cancelled.');
    return s;
  }

  private incomplete(s: Session): Reply {
    const headers: Record<string, string> = {};
    if (s.persisted > 0) headers['range'] = `bytes=0-${s.persisted - 1}`;
    // 308 "Resume Incomplete": no body
    return { status: 308, headers, contentType: 'text/plain; charset=utf-8', body: '' };
  }

  private putChunk(ctx: RequestCtx): Reply {
    const s = this.session(ctx);
    s.puts++;
    const body = ctx.rawBytes;
    s.bytesReceived += body.length;
    const base = baseUrl(ctx);
    if (s.done && s.result !== undefined) return json(200, this.render(s.result, base));

    const cr = ctx.headers['content-range'];
    let start = 0;
    let total: number | undefined = s.totalSize;
    if (cr === undefined) {
      // the whole object in one request
      total = body.length;
    } else {
      const status = /^bytes \*\/(\d+|\*)$/.exec(cr.trim());
      if (status !== null) {
        s.statusQueries++;
        if (status[1] !== '*') {
          const t = Number(status[1]);
          if (s.persisted === t) return this.finalize(s, t, base);
          if (t < s.persisted)
            throw gcs.invalid(`Content-Range total ${t} is smaller than the ${s.persisted} bytes already uploaded.`);
          s.totalSize = t;
        }
        return this.incomplete(s);
      }
      const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(cr.trim());
      if (m === null) throw gcs.invalid(`Failed to parse Content-Range header: ${cr}`);
      start = Number(m[1]);
      const end = Number(m[2]);
      if (end < start || end - start + 1 !== body.length) {
        if (!ctx.partial) {
          throw gcs.invalid(`Content-Range ${cr} does not match the ${body.length} bytes in the request body.`);
        }
      }
      if (m[3] !== '*') total = Number(m[3]);
    }
    if (total !== undefined && s.totalSize !== undefined && total !== s.totalSize) {
      throw gcs.invalid(`Content-Range total ${total} differs from the declared size ${s.totalSize}.`);
    }
    if (start > s.persisted) {
      throw new GcsError(
        400,
        'invalid',
        `Invalid request. According to the Content-Range header, the upload offset is ${start} byte(s), which exceeds already uploaded size of ${s.persisted} byte(s).`,
      );
    }
    // bytes before what is persisted were already received: skip them
    const fresh = body.subarray(Math.min(body.length, s.persisted - start));
    const reachesEnd = total !== undefined && s.persisted + fresh.length >= total && !ctx.partial;
    if (total !== undefined && s.persisted + fresh.length > total) {
      throw gcs.invalid(`The upload has ${s.persisted + fresh.length} bytes, more than the declared ${total}.`);
    }
    if (reachesEnd && total !== undefined) {
      s.chunks.push(Buffer.from(fresh));
      s.persisted += fresh.length;
      return this.finalize(s, total, base);
    }
    // not the last chunk: only whole 256 KiB units are persisted
    const upTo = Math.floor((s.persisted + fresh.length) / CHUNK_GRANULARITY) * CHUNK_GRANULARITY;
    const keep = Math.max(0, upTo - s.persisted);
    if (keep > 0) {
      s.chunks.push(Buffer.from(fresh.subarray(0, keep)));
      s.persisted += keep;
    }
    if (ctx.partial) s.interrupted++;
    if (total !== undefined) s.totalSize = total;
    return this.incomplete(s);
  }

  private finalize(s: Session, total: number, base: string): Reply {
    const data = Buffer.concat(s.chunks);
    if (data.length !== total) return this.incomplete(s);
    const o = this.store(s.bucket, s.name, data, s.contentType, s.meta, s.preconditions);
    s.done = true;
    s.totalSize = total;
    s.result = o;
    s.chunks = [];
    return json(200, this.render(o, base));
  }

  private cancelSession(ctx: RequestCtx): Reply {
    const s = this.session(ctx);
    s.cancelled = true;
    s.chunks = [];
    return { status: 499, contentType: 'text/plain; charset=utf-8', body: '' };
  }

  // ---- objects ------------------------------------------------------------------------------

  private getObject(ctx: RequestCtx, download: boolean): Reply {
    const bucket = decodeURIComponent(ctx.params['bucket']!);
    const name = decodeURIComponent(ctx.params['object']!);
    this.requireBucket(bucket);
    const o = this.objects.get(`${bucket}/${name}`);
    const gen = ctx.query.get('generation');
    if (o === undefined || (gen !== null && gen !== o.generation)) throw gcs.notFoundObject(bucket, name);
    if (download || ctx.query.get('alt') === 'media') {
      return {
        status: 200,
        contentType: o.contentType,
        headers: {
          'x-goog-hash': `crc32c=${o.crc32c},md5=${o.md5Hash}`,
          'x-goog-generation': o.generation,
          'x-goog-stored-content-length': String(o.data.length),
        },
        body: o.data,
      };
    }
    return json(200, this.render(o, baseUrl(ctx)));
  }

  private listObjects(ctx: RequestCtx): Reply {
    const bucket = decodeURIComponent(ctx.params['bucket']!);
    this.requireBucket(bucket);
    const prefix = ctx.query.get('prefix') ?? '';
    const max = Math.max(1, Math.min(1000, Number(ctx.query.get('maxResults') ?? '1000') || 1000));
    const after = ctx.query.get('pageToken');
    const names = [...this.objects.values()]
      .filter((o) => o.bucket === bucket && o.name.startsWith(prefix))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const startAt =
      after === null ? 0 : names.findIndex((o) => o.name > Buffer.from(after, 'base64url').toString('utf8'));
    const page = startAt < 0 ? [] : names.slice(startAt, startAt + max);
    const out: Json = { kind: 'storage#objects' };
    if (page.length > 0) out['items'] = page.map((o) => this.render(o, baseUrl(ctx)));
    if (startAt >= 0 && startAt + max < names.length) {
      out['nextPageToken'] = Buffer.from(page[page.length - 1]!.name).toString('base64url');
    }
    return json(200, out);
  }

  private deleteObject(ctx: RequestCtx): Reply {
    const bucket = decodeURIComponent(ctx.params['bucket']!);
    const name = decodeURIComponent(ctx.params['object']!);
    this.requireBucket(bucket);
    if (!this.objects.delete(`${bucket}/${name}`)) throw gcs.notFoundObject(bucket, name);
    return { status: 204, body: '' };
  }
}

interface Part {
  headers: Record<string, string>;
  body: Buffer;
}

/** Split a multipart/related body (binary-safe). */
export function splitMultipart(body: Buffer, boundary: string): Part[] {
  const delim = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let pos = body.indexOf(delim);
  while (pos >= 0) {
    let start = pos + delim.length;
    if (body.subarray(start, start + 2).toString() === '--') break; // closing delimiter
    if (body.subarray(start, start + 2).toString() === '\r\n') start += 2;
    else if (body[start] === 0x0a) start += 1;
    const next = body.indexOf(delim, start);
    if (next < 0) break;
    let end = next;
    if (body.subarray(end - 2, end).toString() === '\r\n') end -= 2;
    else if (body[end - 1] === 0x0a) end -= 1;
    const chunk = body.subarray(start, end);
    let sep = chunk.indexOf('\r\n\r\n');
    let sepLen = 4;
    if (sep < 0) {
      sep = chunk.indexOf('\n\n');
      sepLen = 2;
    }
    const headerText = sep < 0 ? '' : chunk.subarray(0, sep).toString('utf8');
    const headers: Record<string, string> = {};
    for (const line of headerText.split(/\r?\n/)) {
      const i = line.indexOf(':');
      if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    parts.push({ headers, body: Buffer.from(sep < 0 ? chunk : chunk.subarray(sep + sepLen)) });
    pos = next;
  }
  return parts;
}

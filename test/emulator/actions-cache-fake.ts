/**
 * A fake of the GitHub Actions cache service as @actions/cache 6 talks to it (cache service v2):
 *
 * - Twirp JSON over HTTP: `POST {ACTIONS_RESULTS_URL}twirp/github.actions.results.api.v1.CacheService/<Method>`
 *   with `Authorization: Bearer <ACTIONS_RUNTIME_TOKEN>` and proto field names (`signed_upload_url`,
 *   `restore_keys`, int64 as a JSON string). Methods: CreateCacheEntry, FinalizeCacheEntryUpload,
 *   GetCacheEntryDownloadURL. Errors are Twirp errors: `{"code": "...", "msg": "..."}`.
 * - Blob storage behind the signed URLs: the library uploads with the Azure Storage SDK
 *   (`PUT <signed_upload_url>` with `x-ms-blob-type: BlockBlob`, one shot below 128 MiB; staged blocks
 *   and a block list above) and downloads a non-Azure host with a plain `GET`.
 *
 * Entries are scoped as GitHub scopes them: a run writes to its own ref and reads its own ref and the
 * refs it is allowed to fall back on (a pull request reads its base branch, every branch reads the
 * default branch). Each runtime token carries its scopes; `token()` mints one.
 *
 * The client selects v2 with `ACTIONS_CACHE_SERVICE_V2` (any non-empty value) and `ACTIONS_RESULTS_URL`
 * on github.com (`GITHUB_SERVER_URL` unset or https://github.com): `env()` gives those variables.
 */

import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const SERVICE = 'github.actions.results.api.v1.CacheService';

export interface CacheScope {
  /** The ref a save is scoped to, e.g. `refs/heads/main` or `refs/pull/7/merge`. */
  write: string;
  /** Refs a restore may match, in order of preference (the write ref first). */
  read: string[];
}

export interface CacheEntry {
  id: number;
  key: string;
  version: string;
  scope: string;
  sizeBytes: number;
  finalized: boolean;
  createdAt: number;
}

export interface CacheFakeRequest {
  method: string;
  /** Twirp method name, or `blob:PUT` / `blob:GET`. */
  call: string;
  status: number;
  body: unknown;
}

/** What the fake does to every Twirp call while set (blob calls are not affected). */
export type CacheFault = 'none' | 'reset' | 'rate-limit' | 'unavailable';

export interface ActionsCacheFake {
  /** The service root, with the trailing slash the runner gives ACTIONS_RESULTS_URL. */
  url: string;
  requests: CacheFakeRequest[];
  /** Mint a runtime token with these scopes (default: the default branch, `refs/heads/main`). */
  token(scope?: Partial<CacheScope>): string;
  /** The variables a runner step gets for the cache, for a token (a fresh main-branch token by default). */
  env(token?: string): Record<string, string>;
  entries(): CacheEntry[];
  /** Remove entries (all, or those whose key starts with `prefix`), as eviction would. */
  evict(prefix?: string): number;
  setFault(fault: CacheFault): void;
  reset(): void;
  close(): Promise<void>;
}

interface StoredEntry extends CacheEntry {
  blob: string;
}

interface Blob {
  data: Buffer | null;
  blocks: Map<string, Buffer>;
  /** The entry id this blob belongs to. */
  entry: number;
  upload: boolean;
}

export async function startActionsCacheFake(opts: { host?: string; port?: number } = {}): Promise<ActionsCacheFake> {
  const host = opts.host ?? '127.0.0.1';
  const tokens = new Map<string, CacheScope>();
  let entries: StoredEntry[] = [];
  const blobs = new Map<string, Blob>();
  const requests: CacheFakeRequest[] = [];
  let fault: CacheFault = 'none';
  let nextId = 1;
  let base = '';

  const twirpError = (res: ServerResponse, status: number, code: string, msg: string): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code, msg }));
  };
  const ok = (res: ServerResponse, body: unknown): void => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const newBlob = (entry: number, upload: boolean): string => {
    const id = randomUUID();
    blobs.set(id, { data: null, blocks: new Map(), entry, upload });
    return id;
  };
  // Account / container / blob, as the Azure SDK expects of an IP-style URL; the signature is opaque.
  const blobUrl = (id: string, perm: 'w' | 'r'): string =>
    `${base}blob/fakeaccount/actions-cache/${id}?sp=${perm}&sig=${randomBytes(12).toString('hex')}`;

  const findForRestore = (scope: CacheScope, key: string, restoreKeys: string[], version: string) => {
    const visible = entries.filter((e) => e.finalized && e.version === version && scope.read.includes(e.scope));
    const byScope = (list: StoredEntry[]) =>
      [...list].sort((a, b) => scope.read.indexOf(a.scope) - scope.read.indexOf(b.scope) || b.createdAt - a.createdAt);
    // An exact match on the primary key first, then prefix matches, key by key, newest first.
    const exact = byScope(visible.filter((e) => e.key === key))[0];
    if (exact) return exact;
    for (const prefix of [key, ...restoreKeys]) {
      const hit = byScope(visible.filter((e) => e.key.startsWith(prefix)))[0];
      if (hit) return hit;
    }
    return undefined;
  };

  const twirp = (method: string, scope: CacheScope, body: Record<string, unknown>, res: ServerResponse): number => {
    const key = typeof body['key'] === 'string' ? body['key'] : '';
    const version = typeof body['version'] === 'string' ? body['version'] : '';
    if (method !== 'GetCacheEntryDownloadURL' && (!key || !version)) {
      twirpError(res, 400, 'invalid_argument', 'key and version are required');
      return 400;
    }
    switch (method) {
      case 'CreateCacheEntry': {
        if (entries.some((e) => e.key === key && e.version === version && e.scope === scope.write)) {
          twirpError(res, 409, 'already_exists', 'cache entry with the same key, version, and scope already exists');
          return 409;
        }
        const id = nextId++;
        const blob = newBlob(id, true);
        entries.push({
          id,
          key,
          version,
          scope: scope.write,
          sizeBytes: 0,
          finalized: false,
          createdAt: Date.now(),
          blob,
        });
        ok(res, { ok: true, signed_upload_url: blobUrl(blob, 'w') });
        return 200;
      }
      case 'FinalizeCacheEntryUpload': {
        const entry = entries.find((e) => e.key === key && e.version === version && e.scope === scope.write);
        const data = entry ? blobs.get(entry.blob)?.data : undefined;
        if (!entry || entry.finalized) {
          twirpError(res, 404, 'not_found', 'no cache entry reserved with this key and version');
          return 404;
        }
        if (!data || String(data.length) !== String(body['size_bytes'])) {
          twirpError(
            res,
            400,
            'invalid_argument',
            `uploaded size ${data?.length ?? 0} != size_bytes ${String(body['size_bytes'])}`,
          );
          return 400;
        }
        entry.finalized = true;
        entry.sizeBytes = data.length;
        ok(res, { ok: true, entry_id: String(entry.id) });
        return 200;
      }
      case 'GetCacheEntryDownloadURL': {
        const restoreKeys = Array.isArray(body['restore_keys']) ? body['restore_keys'].map(String) : [];
        if (!key || !version) {
          twirpError(res, 400, 'invalid_argument', 'key and version are required');
          return 400;
        }
        const hit = findForRestore(scope, key, restoreKeys, version);
        if (!hit) {
          ok(res, { ok: false }); // proto3 JSON: the empty strings are omitted
          return 200;
        }
        const blob = newBlob(hit.id, false);
        blobs.get(blob)!.data = blobs.get(hit.blob)?.data ?? null;
        ok(res, { ok: true, signed_download_url: blobUrl(blob, 'r'), matched_key: hit.key });
        return 200;
      }
      default:
        twirpError(res, 404, 'bad_route', `no handler for path "/twirp/${SERVICE}/${method}"`);
        return 404;
    }
  };

  const blobCall = (req: IncomingMessage, url: URL, raw: Buffer, res: ServerResponse): number => {
    const id = url.pathname.split('/').pop() ?? '';
    const blob = blobs.get(id);
    if (!blob || !url.searchParams.get('sig')) {
      res.writeHead(404, { 'x-ms-error-code': 'BlobNotFound' }).end();
      return 404;
    }
    const now = new Date().toUTCString();
    const common = { 'x-ms-request-id': randomUUID(), 'x-ms-version': '2025-01-05', date: now };
    if (req.method === 'PUT') {
      if (!blob.upload) {
        res.writeHead(403, { ...common, 'x-ms-error-code': 'AuthorizationPermissionMismatch' }).end();
        return 403;
      }
      const comp = url.searchParams.get('comp');
      if (comp === 'block') {
        blob.blocks.set(url.searchParams.get('blockid') ?? '', raw);
      } else if (comp === 'blocklist') {
        const ids = [...raw.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)</g)].map((m) => m[1]!);
        blob.data = Buffer.concat(ids.map((b) => blob.blocks.get(b) ?? Buffer.alloc(0)));
      } else {
        if (req.headers['x-ms-blob-type'] !== 'BlockBlob') {
          res.writeHead(400, { ...common, 'x-ms-error-code': 'MissingRequiredHeader' }).end();
          return 400;
        }
        blob.data = raw;
      }
      res
        .writeHead(201, {
          ...common,
          etag: `"0x${randomBytes(8).toString('hex').toUpperCase()}"`,
          'last-modified': now,
          'x-ms-request-server-encrypted': 'true',
        })
        .end();
      return 201;
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (!blob.data) {
        res.writeHead(404, { ...common, 'x-ms-error-code': 'BlobNotFound' }).end();
        return 404;
      }
      res.writeHead(200, {
        ...common,
        'content-type': 'application/octet-stream',
        'content-length': String(blob.data.length),
        'x-ms-blob-type': 'BlockBlob',
      });
      res.end(req.method === 'GET' ? blob.data : undefined);
      return 200;
    }
    res.writeHead(405, common).end();
    return 405;
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://cache.invalid');
      const method = req.method ?? 'GET';
      if (url.pathname.startsWith('/blob/')) {
        const status = blobCall(req, url, raw, res);
        requests.push({ method, call: `blob:${method}`, status, body: null });
        return;
      }
      const twirpPath = new RegExp(`^/twirp/${SERVICE.replace(/\./g, '\\.')}/([A-Za-z]+)$`).exec(url.pathname);
      const call = twirpPath?.[1] ?? url.pathname;
      let body: Record<string, unknown> = {};
      try {
        body = raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
      } catch {
        body = {};
      }
      const record = (status: number): void => void requests.push({ method, call, status, body });
      if (fault === 'reset') {
        record(0);
        req.socket.destroy();
        return;
      }
      if (fault === 'rate-limit') {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '60' });
        res.end(JSON.stringify({ code: 'resource_exhausted', msg: 'rate limited' }));
        return record(429);
      }
      if (fault === 'unavailable') {
        twirpError(res, 503, 'unavailable', 'the cache service is unavailable');
        return record(503);
      }
      if (method !== 'POST' || !twirpPath) {
        twirpError(res, 404, 'bad_route', `no handler for path "${url.pathname}"`);
        return record(404);
      }
      const auth = /^Bearer (.+)$/.exec(req.headers['authorization'] ?? '');
      const scope = auth ? tokens.get(auth[1]!) : undefined;
      if (!scope) {
        twirpError(res, 401, 'unauthenticated', 'invalid or missing runtime token');
        return record(401);
      }
      if (!String(req.headers['content-type']).startsWith('application/json')) {
        twirpError(res, 415, 'bad_route', 'unexpected Content-Type');
        return record(415);
      }
      record(twirp(call, scope, body, res));
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  base = `http://${host}:${addr.port}/`;

  const token = (scope: Partial<CacheScope> = {}): string => {
    const write = scope.write ?? 'refs/heads/main';
    const t = `fake-runtime-token-${randomBytes(16).toString('hex')}`;
    tokens.set(t, { write, read: scope.read ?? [write] });
    return t;
  };

  return {
    url: base,
    requests,
    token,
    env: (t) => ({
      ACTIONS_RESULTS_URL: base,
      ACTIONS_CACHE_SERVICE_V2: 'True',
      ACTIONS_RUNTIME_TOKEN: t ?? token(),
      GITHUB_SERVER_URL: 'https://github.com',
    }),
    entries: () => entries.map(({ blob: _blob, ...e }) => ({ ...e })),
    evict: (prefix = '') => {
      const before = entries.length;
      entries = entries.filter((e) => !e.key.startsWith(prefix));
      return before - entries.length;
    },
    setFault: (f) => {
      fault = f;
    },
    reset: () => {
      entries = [];
      blobs.clear();
      requests.length = 0;
      fault = 'none';
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

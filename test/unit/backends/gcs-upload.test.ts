/**
 * The resumable Cloud Storage upload against a small loopback stand-in for the JSON API that
 * records every byte it receives and can drop a connection in the middle of a chunk.
 */

import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuthClient } from '../../../src/backends/auth.js';
import { GoogleApiError } from '../../../src/backends/errors.js';
import {
  CHUNK_GRANULE,
  md5Base64,
  parseGsUri,
  uploadResumable,
  type RawRequestClient,
  type UploadData,
} from '../../../src/backends/gcs-upload.js';
import { VirtualClock } from '../../helpers/virtual-clock.js';

interface Put {
  contentRange: string;
  /** Bytes that reached the server (all of them, even when the connection was then dropped). */
  received: number;
  dropped: boolean;
}

interface Fake {
  objects: Map<string, Buffer>;
  sessions: Map<string, { name: string; total: number; data: Buffer; md5?: string }>;
  puts: Put[];
  initiations: number;
  gets: number;
  /** PUT number (1-based) to cut after `dropAfterBytes` body bytes; the server keeps a 256 KiB-aligned prefix. */
  dropPut: number | null;
  dropAfterBytes: number;
  /** PUT numbers answered 410 (session gone). */
  gonePuts: Set<number>;
  /** Status to answer the initiation with (e.g. 403). */
  initiateStatus: number;
  /** Status to answer object metadata reads with instead of looking (e.g. 403). */
  getStatus: number | null;
}

let server: Server;
let base = '';
let fake: Fake;

function reset(): void {
  fake = {
    objects: new Map(),
    sessions: new Map(),
    puts: [],
    initiations: 0,
    gets: 0,
    dropPut: null,
    dropAfterBytes: 0,
    gonePuts: new Set(),
    initiateStatus: 200,
    getStatus: null,
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function objectResource(name: string, data: Buffer) {
  return { name, bucket: 'bkt', size: String(data.length), md5Hash: md5Base64(data) };
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', base);
  if (req.method === 'GET' && url.pathname.startsWith('/storage/v1/b/bkt/o/')) {
    fake.gets++;
    req.resume();
    const name = decodeURIComponent(url.pathname.slice('/storage/v1/b/bkt/o/'.length));
    if (fake.getStatus) return sendJson(res, fake.getStatus, { error: { code: fake.getStatus, message: 'no get' } });
    const data = fake.objects.get(name);
    if (!data) return sendJson(res, 404, { error: { code: 404, message: 'No such object' } });
    return sendJson(res, 200, objectResource(name, data));
  }
  if (req.method === 'POST' && url.pathname === '/upload/storage/v1/b/bkt/o') {
    fake.initiations++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (fake.initiateStatus !== 200) {
        return sendJson(res, fake.initiateStatus, {
          error: { code: fake.initiateStatus, message: 'caller does not have storage.objects.create access' },
        });
      }
      const meta = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { name: string; md5Hash?: string };
      const id = `s${fake.initiations}`;
      fake.sessions.set(id, {
        name: url.searchParams.get('name') ?? meta.name,
        total: Number(req.headers['x-upload-content-length']),
        data: Buffer.alloc(0),
        ...(meta.md5Hash ? { md5: meta.md5Hash } : {}),
      });
      res.writeHead(200, { location: `${base}/upload/storage/v1/b/bkt/o?uploadType=resumable&upload_id=${id}` });
      res.end();
    });
    return;
  }
  if (req.method === 'PUT' && url.pathname === '/upload/storage/v1/b/bkt/o') {
    const n = fake.puts.length + 1;
    const put: Put = { contentRange: String(req.headers['content-range']), received: 0, dropped: false };
    fake.puts.push(put);
    const session = fake.sessions.get(url.searchParams.get('upload_id') ?? '');
    const chunks: Buffer[] = [];
    const dropping = fake.dropPut === n;
    req.on('data', (c: Buffer) => {
      chunks.push(c);
      put.received += c.length;
      if (dropping && put.received >= fake.dropAfterBytes && !put.dropped) {
        put.dropped = true;
        // Keep what a real service would have persisted: whole 256 KiB units of what arrived.
        const start = Number(/^bytes (\d+)-/.exec(put.contentRange)?.[1] ?? 0);
        const arrived = Buffer.concat(chunks).subarray(0, fake.dropAfterBytes);
        const keep = Math.floor(arrived.length / CHUNK_GRANULE) * CHUNK_GRANULE;
        if (session && start === session.data.length) {
          session.data = Buffer.concat([session.data, arrived.subarray(0, keep)]);
        }
        req.socket.destroy();
      }
    });
    req.on('end', () => {
      if (put.dropped) return;
      if (fake.gonePuts.has(n) || !session) return sendJson(res, 410, { error: { code: 410, message: 'gone' } });
      const body = Buffer.concat(chunks);
      const m = /^bytes (?:(\d+)-(\d+)|\*)\/(\d+)$/.exec(put.contentRange);
      if (m?.[1] !== undefined) {
        const start = Number(m[1]);
        if (start > session.data.length) return sendJson(res, 400, { error: { code: 400, message: 'gap' } });
        // Overlap with what is already held is allowed; only the new part is appended.
        session.data = Buffer.concat([session.data, body.subarray(session.data.length - start)]);
      }
      if (session.data.length === session.total) {
        if (session.md5 && session.md5 !== md5Base64(session.data)) {
          return sendJson(res, 400, { error: { code: 400, message: 'md5 mismatch' } });
        }
        fake.objects.set(session.name, session.data);
        return sendJson(res, 200, objectResource(session.name, session.data));
      }
      const headers: Record<string, string> = session.data.length
        ? { range: `bytes=0-${session.data.length - 1}` }
        : {};
      res.writeHead(308, headers);
      res.end();
    });
    return;
  }
  req.resume();
  sendJson(res, 404, { error: { code: 404, message: `no route ${req.method} ${url.pathname}` } });
}

let client: RawRequestClient;

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The real transport (gaxios) of google-auth-library, as the action uses it.
  client = (await createAuthClient({ apiKey: 'unit-test-key-0001', scopes: [] })) as unknown as RawRequestClient;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(reset);

/** Deterministic bytes, not a multiple of 256 KiB. */
function payload(size: number): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = (i * 31 + (i >> 8)) & 0xff;
  return b;
}

const upload = (data: UploadData, extra: { chunkSize?: number } = {}) =>
  uploadResumable({
    client,
    baseUrl: base,
    bucket: 'bkt',
    object: 'prefix/gemini-tune/key/training.jsonl',
    data,
    contentType: 'application/jsonl',
    chunkSize: extra.chunkSize ?? 2 * CHUNK_GRANULE,
    clock: new VirtualClock(),
  });

describe('uploadResumable', () => {
  it('uploads in 256 KiB-multiple chunks with Content-Range and stores the exact bytes', async () => {
    const data = payload(5 * CHUNK_GRANULE + 1234);
    const result = await upload(data);
    expect(result).toMatchObject({ skipped: false, size: data.length, bytesSent: data.length, resumes: 0 });
    expect(result.uri).toBe('gs://bkt/prefix/gemini-tune/key/training.jsonl');
    expect(fake.puts.map((p) => p.contentRange)).toEqual([
      `bytes 0-524287/${data.length}`,
      `bytes 524288-1048575/${data.length}`,
      `bytes 1048576-${data.length - 1}/${data.length}`,
    ]);
    expect(fake.objects.get('prefix/gemini-tune/key/training.jsonl')?.equals(data)).toBe(true);
  });

  it('skips the upload when the object is already there with the same MD5', async () => {
    const data = payload(300_000);
    await upload(data);
    const before = { puts: fake.puts.length, initiations: fake.initiations };
    const again = await upload(data);
    expect(again).toMatchObject({ skipped: true, bytesSent: 0 });
    expect(fake.puts.length).toBe(before.puts);
    expect(fake.initiations).toBe(before.initiations);
  });

  it('uploads again when the object there has other bytes', async () => {
    await upload(payload(1000));
    const other = Buffer.from('{"contents":[]}\n');
    const result = await upload(other);
    expect(result.skipped).toBe(false);
    expect(fake.objects.get('prefix/gemini-tune/key/training.jsonl')?.equals(other)).toBe(true);
  });

  it('a dropped connection mid-chunk is resumed from the offset the service reports, not restarted', async () => {
    const data = payload(5 * CHUNK_GRANULE + 1234); // 1,311,954 bytes
    // Second PUT (bytes 524288-1048575) is cut after 300,000 of its 524,288 bytes arrived;
    // the service keeps one 256 KiB unit of it: it holds bytes 0-786431.
    fake.dropPut = 2;
    fake.dropAfterBytes = 300_000;
    const result = await upload(data);

    expect(fake.initiations).toBe(1); // one session: resumed, not restarted
    expect(result.resumes).toBe(1);
    expect(result.resumedAt).toEqual([786_432]);
    const ranges = fake.puts.map((p) => p.contentRange);
    expect(ranges).toEqual([
      `bytes 0-524287/${data.length}`,
      `bytes 524288-1048575/${data.length}`, // dropped
      `bytes */${data.length}`, // status query → Range: bytes=0-786431
      `bytes 786432-1310719/${data.length}`,
      `bytes 1310720-${data.length - 1}/${data.length}`,
    ]);
    expect(fake.puts[1]?.dropped).toBe(true);
    // What reached the server: the file once, plus the part of the cut chunk past the kept unit.
    const received = fake.puts.reduce((n, p) => n + p.received, 0);
    const resent = received - data.length;
    expect(resent).toBeGreaterThan(0);
    expect(resent).toBeLessThan(300_000); // a restart would resend at least 524,288 + 300,000 bytes
    // The client counts what it put on the wire: the whole file plus the full cut chunk.
    expect(result.bytesSent).toBe(data.length + 2 * CHUNK_GRANULE - (786_432 - 524_288));
    expect(fake.objects.get('prefix/gemini-tune/key/training.jsonl')?.equals(data)).toBe(true);
    expect(createHash('md5').update(data).digest('base64')).toBe(result.md5Hash);
  });

  it('a body produced piece by piece is checksummed, sent and resumed without being held whole', async () => {
    const data = payload(5 * CHUNK_GRANULE + 1234);
    let passes = 0;
    // Pieces that do not line up with the 512 KiB chunks.
    const produced: UploadData = {
      chunks: function* () {
        passes++;
        for (let at = 0; at < data.length; at += 100_001) yield data.subarray(at, at + 100_001);
      },
    };
    fake.dropPut = 2;
    fake.dropAfterBytes = 300_000;
    const result = await upload(produced);
    expect(result.resumedAt).toEqual([786_432]);
    expect(result.md5Hash).toBe(md5Base64(data));
    expect(fake.objects.get('prefix/gemini-tune/key/training.jsonl')?.equals(data)).toBe(true);
    // Once to checksum, once to send: the resume point was still held, nothing was produced again.
    expect(passes).toBe(2);

    // A new session starts again from byte 0, behind what is held: the body is produced again.
    reset();
    fake.gonePuts.add(3);
    passes = 0;
    const again = await upload(produced);
    expect(fake.initiations).toBe(2);
    expect(passes).toBe(3);
    expect(again.md5Hash).toBe(md5Base64(data));
    expect(fake.objects.get('prefix/gemini-tune/key/training.jsonl')?.equals(data)).toBe(true);
  });

  it('fails clearly when a produced body comes out shorter the second time', async () => {
    let pass = 0;
    const shrinking: UploadData = {
      chunks: function* () {
        pass++;
        yield payload(pass === 1 ? 600_000 : 500_000);
      },
    };
    await expect(upload(shrinking)).rejects.toThrow(/changed while it was sent/);
  });

  it('a session that is gone (410) starts a new one', async () => {
    const data = payload(3 * CHUNK_GRANULE);
    fake.gonePuts.add(2);
    const result = await upload(data);
    expect(fake.initiations).toBe(2);
    expect(fake.objects.get('prefix/gemini-tune/key/training.jsonl')?.equals(data)).toBe(true);
    expect(result.skipped).toBe(false);
  });

  it('credentials that may create but not read objects still upload (no checksum comparison)', async () => {
    fake.getStatus = 403;
    const data = payload(1000);
    const result = await upload(data);
    expect(result.skipped).toBe(false);
    expect(fake.gets).toBe(1);
    expect(fake.objects.get('prefix/gemini-tune/key/training.jsonl')?.equals(data)).toBe(true);
  });

  it('a permission error is not retried and says what failed', async () => {
    fake.initiateStatus = 403;
    const err = await upload(payload(10)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GoogleApiError);
    expect((err as GoogleApiError).message).toMatch(/storage\.objects\.create/);
    expect(fake.initiations).toBe(1);
  });

  it('rejects a chunk size that is not a multiple of 256 KiB', async () => {
    await expect(upload(payload(10), { chunkSize: 1000 })).rejects.toThrow(/multiple of 262144/);
  });
});

describe('parseGsUri', () => {
  it('splits bucket and prefix', () => {
    expect(parseGsUri('gs://my-bucket/a/b/')).toEqual({ bucket: 'my-bucket', prefix: 'a/b' });
    expect(parseGsUri('gs://my-bucket')).toEqual({ bucket: 'my-bucket', prefix: '' });
    expect(() => parseGsUri('s3://x')).toThrow(/gs:\/\//);
  });
});

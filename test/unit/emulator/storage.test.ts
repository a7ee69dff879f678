import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/server.js';
import { crc32c, crc32cBase64 } from '../../emulator/services/storage/checksums.js';
import { CHUNK_GRANULARITY } from '../../emulator/services/storage/index.js';
import type { Emulator } from '../../emulator/types.js';
import { TOKEN, call } from './vertex-helpers.js';

const AUTH = { authorization: `Bearer ${TOKEN}` };
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const md5 = (b: Buffer): string => createHash('md5').update(b).digest('base64');

async function startSession(name: string, size: number, meta: Record<string, unknown> = {}): Promise<string> {
  const r = await call(
    emu,
    'POST',
    `/upload/storage/v1/b/bkt/o?uploadType=resumable`,
    { name, ...meta },
    {
      ...AUTH,
      'content-type': 'application/json; charset=UTF-8',
      'x-upload-content-length': String(size),
      'x-upload-content-type': 'application/jsonl',
    },
  );
  expect(r.status, r.text).toBe(200);
  const loc = r.headers.get('location')!;
  expect(loc).toMatch(/\/upload\/storage\/v1\/b\/bkt\/o\?uploadType=resumable&name=.+&upload_id=/);
  return loc;
}

const put = (url: string, body: Buffer, range: string): Promise<Response> =>
  fetch(url, { method: 'PUT', body, headers: { 'content-range': range } });

describe('checksums', () => {
  it('CRC32C matches the standard check value', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32cBase64(Buffer.alloc(0))).toBe('AAAAAA==');
  });
});

describe('simple and multipart uploads', () => {
  it('uploadType=media stores the bytes; metadata carries size, md5Hash, crc32c; alt=media returns them', async () => {
    const data = randomBytes(1000);
    const r = await fetch(
      `${emu.url}/upload/storage/v1/b/bkt/o?uploadType=media&name=${encodeURIComponent('a/b c.bin')}`,
      {
        method: 'POST',
        body: data,
        headers: { ...AUTH, 'content-type': 'application/octet-stream' },
      },
    );
    expect(r.status).toBe(200);
    const o = (await r.json()) as any;
    expect(o.name).toBe('a/b c.bin');
    expect(o.size).toBe('1000');
    expect(o.md5Hash).toBe(md5(data));
    expect(o.crc32c).toBe(crc32cBase64(data));
    const meta = await call(emu, 'GET', `/storage/v1/b/bkt/o/${encodeURIComponent('a/b c.bin')}`);
    expect(meta.json.generation).toBe(o.generation);
    const media = await fetch(`${emu.url}/storage/v1/b/bkt/o/${encodeURIComponent('a/b c.bin')}?alt=media`, {
      headers: AUTH,
    });
    expect(Buffer.from(await media.arrayBuffer()).equals(data)).toBe(true);
    const missing = await call(emu, 'GET', `/storage/v1/b/bkt/o/nope`);
    expect(missing.status).toBe(404);
    expect(missing.json.error.errors[0].reason).toBe('notFound');
  });

  it('uploadType=multipart takes JSON metadata + media, and checks a given md5Hash', async () => {
    const data = Buffer.from('{"contents":[]}\n');
    const body = (meta: Record<string, unknown>): Buffer =>
      Buffer.concat([
        Buffer.from(`--XYZ\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${JSON.stringify(meta)}\r\n`),
        Buffer.from('--XYZ\r\nContent-Type: application/jsonl\r\n\r\n'),
        data,
        Buffer.from('\r\n--XYZ--\r\n'),
      ]);
    const send = (meta: Record<string, unknown>): Promise<Response> =>
      fetch(`${emu.url}/upload/storage/v1/b/bkt/o?uploadType=multipart`, {
        method: 'POST',
        body: body(meta),
        headers: { ...AUTH, 'content-type': 'multipart/related; boundary=XYZ' },
      });
    const ok = await send({ name: 'm.jsonl', metadata: { 'content-key': 'k1' }, md5Hash: md5(data) });
    expect(ok.status).toBe(200);
    const o = (await ok.json()) as any;
    expect(o.contentType).toBe('application/jsonl');
    expect(o.metadata).toEqual({ 'content-key': 'k1' });
    expect(emu.storage.get('gs://bkt/m.jsonl')!.data.equals(data)).toBe(true);
    const bad = await send({ name: 'm2.jsonl', md5Hash: md5(Buffer.from('other')) });
    expect(bad.status).toBe(400);
    expect(emu.storage.get('bkt', 'm2.jsonl')).toBeUndefined();
  });

  it('ifGenerationMatch=0 refuses to overwrite (412)', async () => {
    emu.storage.put('bkt', 'x', 'old');
    const r = await fetch(`${emu.url}/upload/storage/v1/b/bkt/o?uploadType=media&name=x&ifGenerationMatch=0`, {
      method: 'POST',
      body: 'new',
      headers: AUTH,
    });
    expect(r.status).toBe(412);
    expect(emu.storage.get('bkt', 'x')!.data.toString()).toBe('old');
  });

  it('upload initiation needs credentials; the session URI does not', async () => {
    const r = await call(emu, 'POST', `/upload/storage/v1/b/bkt/o?uploadType=resumable`, { name: 'n' }, {});
    expect(r.status).toBe(403);
    const url = await startSession('n', 3);
    const done = await put(url, Buffer.from('abc'), 'bytes 0-2/3');
    expect(done.status).toBe(200);
  });
});

describe('resumable uploads', () => {
  it('chunks get 308 with Range; a chunk not on a 256 KiB boundary is persisted only up to one', async () => {
    const size = CHUNK_GRANULARITY * 3 + 1000;
    const data = randomBytes(size);
    const url = await startSession('big.bin', size);

    const first = await put(url, data.subarray(0, CHUNK_GRANULARITY), `bytes 0-${CHUNK_GRANULARITY - 1}/${size}`);
    expect(first.status).toBe(308);
    expect(first.headers.get('range')).toBe(`bytes=0-${CHUNK_GRANULARITY - 1}`);

    // 300 KiB more: only up to 512 KiB is kept
    const end = CHUNK_GRANULARITY + 300 * 1024;
    const second = await put(url, data.subarray(CHUNK_GRANULARITY, end), `bytes ${CHUNK_GRANULARITY}-${end - 1}/*`);
    expect(second.status).toBe(308);
    expect(second.headers.get('range')).toBe(`bytes=0-${2 * CHUNK_GRANULARITY - 1}`);

    // status query
    const q = await put(url, Buffer.alloc(0), `bytes */${size}`);
    expect(q.status).toBe(308);
    expect(q.headers.get('range')).toBe(`bytes=0-${2 * CHUNK_GRANULARITY - 1}`);

    // a chunk beyond what is persisted is refused
    const gap = await put(url, data.subarray(end), `bytes ${end}-${size - 1}/${size}`);
    expect(gap.status).toBe(400);

    const last = await put(
      url,
      data.subarray(2 * CHUNK_GRANULARITY),
      `bytes ${2 * CHUNK_GRANULARITY}-${size - 1}/${size}`,
    );
    expect(last.status).toBe(200);
    const o = (await last.json()) as any;
    expect(o.size).toBe(String(size));
    expect(o.md5Hash).toBe(md5(data));
    expect(emu.storage.get('bkt', 'big.bin')!.data.equals(data)).toBe(true);
    // after completion the session answers with the object
    const after = await put(url, Buffer.alloc(0), `bytes */${size}`);
    expect(after.status).toBe(200);
  });

  it('a connection dropped mid-chunk keeps what arrived: the client asks and resumes from there', async () => {
    const size = CHUNK_GRANULARITY * 3;
    const data = randomBytes(size);
    const url = await startSession('drop.bin', size);
    emu.faults.add({
      kind: 'reset-after',
      method: 'PUT',
      path: '/upload/storage/v1/b/bkt/o',
      afterBodyBytes: CHUNK_GRANULARITY * 2 + 10,
      times: 1,
    });
    await expect(put(url, data, `bytes 0-${size - 1}/${size}`)).rejects.toThrow();
    const q = await put(url, Buffer.alloc(0), `bytes */${size}`);
    expect(q.status).toBe(308);
    expect(q.headers.get('range')).toBe(`bytes=0-${2 * CHUNK_GRANULARITY - 1}`);
    const rest = await put(
      url,
      data.subarray(2 * CHUNK_GRANULARITY),
      `bytes ${2 * CHUNK_GRANULARITY}-${size - 1}/${size}`,
    );
    expect(rest.status).toBe(200);
    expect(emu.storage.get('bkt', 'drop.bin')!.data.equals(data)).toBe(true);
    const s = emu.storage.uploadSessions()[0]!;
    expect(s.interrupted).toBe(1);
    expect(s.done).toBe(true);
  });

  it('the last chunk arrives whole but its answer is lost: the status query returns the object', async () => {
    const data = randomBytes(1000);
    const url = await startSession('lost.bin', data.length);
    emu.faults.add({ kind: 'reset-after', method: 'PUT', path: '/upload/storage/', afterBodyBytes: 5000, times: 1 });
    await expect(put(url, data, `bytes 0-999/1000`)).rejects.toThrow();
    const q = await put(url, Buffer.alloc(0), 'bytes */1000');
    expect(q.status).toBe(200);
    expect(((await q.json()) as any).md5Hash).toBe(md5(data));
    expect(emu.storage.uploadSessions()[0]!.interrupted).toBe(0);
  });

  it('a session can be cancelled (499); unknown sessions are 404', async () => {
    const url = await startSession('c.bin', 10);
    const del = await fetch(url, { method: 'DELETE' });
    expect(del.status).toBe(499);
    expect((await put(url, Buffer.from('0123456789'), 'bytes 0-9/10')).status).toBe(410);
    const bogus = url.replace(/upload_id=[^&]+/, 'upload_id=nope');
    expect((await put(bogus, Buffer.from('x'), 'bytes 0-0/1')).status).toBe(404);
  });

  it('a mismatching crc32c from the initiation metadata fails the final request', async () => {
    const url = await startSession('crc.bin', 3, { crc32c: crc32cBase64(Buffer.from('xyz')) });
    const r = await put(url, Buffer.from('abc'), 'bytes 0-2/3');
    expect(r.status).toBe(400);
    expect(emu.storage.get('bkt', 'crc.bin')).toBeUndefined();
  });
});

describe('listing', () => {
  it('lists by prefix with paging', async () => {
    for (const n of ['p/a', 'p/b', 'p/c', 'q/d']) emu.storage.put('bkt', n, n);
    const first = await call(emu, 'GET', '/storage/v1/b/bkt/o?prefix=p/&maxResults=2');
    expect(first.json.items.map((o: any) => o.name)).toEqual(['p/a', 'p/b']);
    const second = await call(
      emu,
      'GET',
      `/storage/v1/b/bkt/o?prefix=p/&maxResults=2&pageToken=${first.json.nextPageToken}`,
    );
    expect(second.json.items.map((o: any) => o.name)).toEqual(['p/c']);
    expect(second.json.nextPageToken).toBeUndefined();
  });

  it('with a bucket list configured, other buckets do not exist', async () => {
    emu.configure({ storage: { buckets: ['only'] } });
    const r = await call(emu, 'GET', '/storage/v1/b/bkt/o');
    expect(r.status).toBe(404);
    expect((await call(emu, 'GET', '/storage/v1/b/only/o')).status).toBe(200);
  });
});

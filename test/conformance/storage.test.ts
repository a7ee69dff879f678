/**
 * Conformance: @google-cloud/storage (7.x) uploads through the emulator's Cloud Storage JSON API
 * with apiEndpoint pointed at it: the resumable path (session URI, chunked PUTs, 308 + Range), a
 * connection dropped mid-chunk that the library resumes, and the multipart path; downloads and
 * metadata read back byte-exact.
 *
 * @google-cloud/storage 7.22 drops `useAuthWithCustomEndpoint` on the upload path
 * (File.startResumableUpload_ does not pass it on, so its session-creating POST goes out without
 * Authorization to a custom endpoint, and the emulator answers 403 as the service would). The test
 * therefore opens the session with File.createResumableUpload (which does pass it) and hands the
 * session URI to upload({uri}), another of the library's documented paths; chunk PUTs to a session
 * URI need no credentials, on the service as on the emulator.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IdempotencyStrategy, Storage } from '@google-cloud/storage';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/server.js';
import { crc32cBase64 } from '../emulator/services/storage/checksums.js';
import type { Emulator } from '../emulator/types.js';
import { DiscoveryValidator, fixtureMatchesSpec, loadFixture } from './fixtures/discovery-validator.js';

const AUDIENCE =
  '//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github/providers/repo';
const CHUNK = 256 * 1024;

let emu: Emulator;
let dir: string;
let storage: Storage;

beforeAll(async () => {
  process.env['METADATA_SERVER_DETECTION'] = 'none';
  emu = await startEmulator();
  dir = mkdtempSync(join(tmpdir(), 'gcs-conf-'));
  writeFileSync(join(dir, 'oidc'), 'github-oidc-token');
  const keyFilename = join(dir, 'credentials.json');
  writeFileSync(
    keyFilename,
    JSON.stringify({
      type: 'external_account',
      audience: AUDIENCE,
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: `${emu.url}/v1/token`,
      credential_source: { file: join(dir, 'oidc') },
    }),
  );
  storage = new Storage({
    apiEndpoint: emu.url,
    projectId: 'demo-project',
    keyFilename,
    useAuthWithCustomEndpoint: true,
    // uploads are retried only when idempotent (a precondition) or with RetryAlways
    retryOptions: { autoRetry: true, maxRetries: 3, idempotencyStrategy: IdempotencyStrategy.RetryAlways },
  });
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => emu.reset());

const md5 = (b: Buffer): string => createHash('md5').update(b).digest('base64');

function file(name: string, size: number): { path: string; data: Buffer } {
  const data = randomBytes(size);
  const path = join(dir, name);
  writeFileSync(path, data);
  return { path, data };
}

async function session(name: string, metadata: Record<string, unknown> = {}): Promise<string> {
  const [uri] = await storage.bucket('stage').file(name).createResumableUpload({ metadata });
  return uri;
}

describe('@google-cloud/storage 7 against the emulator', () => {
  it('resumable upload in 256 KiB chunks: session URI, 308 + Range, then the object', async () => {
    const { path, data } = file('train.jsonl', CHUNK * 2 + 1234);
    const metadata = { contentType: 'application/jsonl', metadata: { 'content-key': 'abc' } };
    const uri = await session('gemini-tune/abc/train.jsonl', metadata);
    const [f] = await storage.bucket('stage').upload(path, {
      destination: 'gemini-tune/abc/train.jsonl',
      resumable: true,
      uri,
      chunkSize: CHUNK,
      metadata,
    });
    const stored = emu.storage.get('gs://stage/gemini-tune/abc/train.jsonl')!;
    expect(stored.data.equals(data)).toBe(true);
    expect(stored.metadata).toEqual({ 'content-key': 'abc' });
    expect(f.metadata.md5Hash).toBe(md5(data));
    expect(f.metadata.crc32c).toBe(crc32cBase64(data));

    const init = emu.requests.find((r) => r.method === 'POST' && r.path.includes('uploadType=resumable'))!;
    expect(init.headers['authorization']).toMatch(/^Bearer ya29\.d\.emu-sts-/);
    const puts = emu.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => r.headers['content-range'])).toEqual([
      'bytes */*', // upload({uri}) first asks the session where it stands
      `bytes 0-${CHUNK - 1}/*`,
      `bytes ${CHUNK}-${2 * CHUNK - 1}/*`,
      `bytes ${2 * CHUNK}-${data.length - 1}/${data.length}`,
    ]);
    expect(puts.map((r) => r.status)).toEqual([308, 308, 308, 200]);

    const [meta] = await storage.bucket('stage').file('gemini-tune/abc/train.jsonl').getMetadata();
    expect(meta.size).toBe(String(data.length));
    const [back] = await storage.bucket('stage').file('gemini-tune/abc/train.jsonl').download();
    expect(back.equals(data)).toBe(true);
  });

  it('a connection dropped mid-chunk is resumed from what the server kept, not restarted', async () => {
    const { path, data } = file('big.jsonl', CHUNK * 4);
    // PUTs: status query, chunk 1, chunk 2, chunk 3 ← its connection drops after 100 KiB arrived
    emu.faults.add({
      kind: 'reset-after',
      method: 'PUT',
      path: '/upload/storage/',
      skip: 3,
      times: 1,
      afterBodyBytes: 100 * 1024,
    });
    const uri = await session('big.jsonl');
    await storage.bucket('stage').upload(path, { destination: 'big.jsonl', resumable: true, uri, chunkSize: CHUNK });
    expect(emu.storage.get('stage', 'big.jsonl')!.data.equals(data)).toBe(true);
    const s = emu.storage.uploadSessions()[0]!;
    expect(s.interrupted).toBe(1);
    expect(s.done).toBe(true);
    // the library asked where the session stood and went on from 512 KiB: the bytes that reached
    // the server are the file once plus the 100 KiB of the dropped request (a restart: 2x + 100 KiB)
    const ranges = emu.requests
      .filter((r) => r.method === 'PUT')
      .map((r) => `${r.headers['content-range']} ${r.status}`);
    expect(ranges).toEqual([
      'bytes */* 308',
      `bytes 0-${CHUNK - 1}/* 308`,
      `bytes ${CHUNK}-${2 * CHUNK - 1}/* 308`,
      `bytes ${2 * CHUNK}-${3 * CHUNK - 1}/* 0`,
      'bytes */* 308',
      `bytes ${2 * CHUNK}-${3 * CHUNK - 1}/* 308`,
      `bytes ${3 * CHUNK}-${4 * CHUNK - 1}/${4 * CHUNK} 200`,
    ]);
    expect(s.bytesReceived).toBe(data.length + 100 * 1024);
  });

  it('multipart (resumable: false) with metadata, and exists() for an object already there', async () => {
    const { path, data } = file('small.jsonl', 2000);
    await storage.bucket('stage').upload(path, { destination: 'small.jsonl', resumable: false });
    expect(emu.storage.get('stage', 'small.jsonl')!.data.equals(data)).toBe(true);
    const [exists] = await storage.bucket('stage').file('small.jsonl').exists();
    expect(exists).toBe(true);
    const [missing] = await storage.bucket('stage').file('nope.jsonl').exists();
    expect(missing).toBe(false);
  });
});

describe('emulator responses validate against the storage v1 discovery schemas (strict)', () => {
  const v = new DiscoveryValidator('gcs', loadFixture('storage.v1'));
  const headers = { authorization: 'Bearer emulator-access-token' };

  it('the vendored schemas are those of the shared discovery document (when present)', () => {
    const problems = fixtureMatchesSpec(loadFixture('storage.v1'));
    if (problems !== undefined) expect(problems).toEqual([]);
  });

  it('the validator rejects an invented field and a number where the API has a uint64 string', () => {
    expect(v.check('Object', { name: 'x', bogus: true })).not.toEqual([]);
    expect(v.check('Object', { name: 'x', size: 3 })).not.toEqual([]);
  });

  it('Object from every upload type and from GET, Objects from list, Bucket from GET', async () => {
    const errs: string[] = [];
    const media = await fetch(`${emu.url}/upload/storage/v1/b/stage/o?uploadType=media&name=a.jsonl`, {
      method: 'POST',
      headers,
      body: 'abc',
    });
    errs.push(...v.check('Object', await media.json()));
    const init = await fetch(`${emu.url}/upload/storage/v1/b/stage/o?uploadType=resumable`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'b.jsonl', metadata: { k: 'v' } }),
    });
    const done = await fetch(init.headers.get('location')!, {
      method: 'PUT',
      headers: { 'content-range': 'bytes 0-2/3' },
      body: 'xyz',
    });
    errs.push(...v.check('Object', await done.json()));
    const got = await fetch(`${emu.url}/storage/v1/b/stage/o/b.jsonl`, { headers });
    errs.push(...v.check('Object', await got.json()));
    const list = await fetch(`${emu.url}/storage/v1/b/stage/o?maxResults=1`, { headers });
    const page = (await list.json()) as { items: unknown[]; nextPageToken?: string };
    expect(page.items).toHaveLength(1);
    expect(page.nextPageToken).toBeDefined();
    errs.push(...v.check('Objects', page));
    const bucket = await fetch(`${emu.url}/storage/v1/b/stage`, { headers });
    errs.push(...v.check('Bucket', await bucket.json()));
    expect(errs).toEqual([]);
  });
});

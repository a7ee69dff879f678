import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthClient } from '../../../src/backends/auth.js';
import { GoogleApiError, NetworkError } from '../../../src/backends/errors.js';
import { GoogleHttp } from '../../../src/backends/http.js';
import { VirtualClock } from '../../helpers/virtual-clock.js';

type Handler = (req: IncomingMessage, res: import('node:http').ServerResponse) => void;
let server: Server;
let base = '';
const queue: Handler[] = [];
const seen: { method: string; url: string; headers: IncomingMessage['headers'] }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    req.on('end', () => (queue.shift() ?? ((_q, r) => r.end('{}')))(req, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_q, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
const rpcError = (code: number, status: string, message: string, details: unknown[] = []) => ({
  error: { code, status, message, details },
});

async function http(): Promise<GoogleHttp> {
  const client = await createAuthClient({ apiKey: 'test-key-123456', scopes: [] });
  const clock = new VirtualClock();
  const h = new GoogleHttp(client, { clock, random: () => 0.5 });
  // What the retries waited for, as the clock saw it.
  Object.defineProperty(h, 'delays', { get: () => clock.slept });
  return h;
}

describe('GoogleHttp', () => {
  it('sends the API key only as x-goog-api-key, never in the URL', async () => {
    seen.length = 0;
    queue.push(json(200, { ok: true }));
    const h = await http();
    expect(await h.json({ method: 'GET', url: `${base}/v1beta/tunedModels` })).toEqual({ ok: true });
    expect(seen[0]!.headers['x-goog-api-key']).toBe('test-key-123456');
    expect(seen[0]!.url).not.toContain('test-key');
    expect(seen[0]!.headers.authorization).toBeUndefined();
  });

  it('turns a google.rpc.Status body into a GoogleApiError', async () => {
    queue.push(json(404, rpcError(404, 'NOT_FOUND', 'tunedModels/x is not found')));
    const h = await http();
    const err = await h.json({ method: 'GET', url: `${base}/v1beta/tunedModels/x` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GoogleApiError);
    expect(err).toMatchObject({ httpStatus: 404, status: 'NOT_FOUND' });
    expect((err as Error).message).toBe(
      `NOT_FOUND (HTTP 404) from GET ${base}/v1beta/tunedModels/x: tunedModels/x is not found`,
    );
  });

  it('retries a GET on 429, waiting for Retry-After', async () => {
    seen.length = 0;
    queue.push(json(429, rpcError(429, 'RESOURCE_EXHAUSTED', 'slow down'), { 'retry-after': '7' }));
    queue.push(
      json(
        503,
        rpcError(503, 'UNAVAILABLE', 'busy', [
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2.5s' },
        ]),
      ),
    );
    queue.push(json(200, { name: 'ok' }));
    const h = await http();
    expect(await h.json({ method: 'GET', url: `${base}/v1beta/x` })).toEqual({ name: 'ok' });
    expect(seen).toHaveLength(3);
    const delays = (h as unknown as { delays: number[] }).delays;
    expect(delays[0]).toBe(7000);
    expect(delays[1]).toBe(2500);
  });

  it('retries a connection reset on an idempotent call', async () => {
    seen.length = 0;
    queue.push((req) => req.socket.destroy());
    queue.push(json(200, { ok: 1 }));
    const h = await http();
    expect(await h.json({ method: 'GET', url: `${base}/v1beta/y` })).toEqual({ ok: 1 });
    expect(seen).toHaveLength(2);
  });

  it('does not retry a POST that is not idempotent', async () => {
    seen.length = 0;
    queue.push((req) => req.socket.destroy());
    const h = await http();
    const err = await h.json({ method: 'POST', url: `${base}/v1beta/tunedModels`, body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).code).toBe('ECONNRESET');
    expect(seen).toHaveLength(1);
  });

  it('gives up on errors retrying cannot fix', async () => {
    seen.length = 0;
    queue.push(json(400, rpcError(400, 'INVALID_ARGUMENT', 'bad')));
    const h = await http();
    await expect(h.json({ method: 'GET', url: `${base}/v1beta/z` })).rejects.toMatchObject({ httpStatus: 400 });
    expect(seen).toHaveLength(1);
  });

  it(
    "stops retrying when the caller's signal fires during a backoff (the run's deadline)",
    { timeout: 10_000 },
    async () => {
      seen.length = 0;
      queue.push(json(503, rpcError(503, 'UNAVAILABLE', 'busy'), { 'retry-after': '30' }));
      // Real sleeps here: without the signal this call would wait 30 s for its retry.
      const h = new GoogleHttp(await createAuthClient({ apiKey: 'test-key-123456', scopes: [] }));
      const err = await h
        .json({ method: 'GET', url: `${base}/v1beta/slow`, signal: AbortSignal.timeout(200) })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(GoogleApiError);
      expect(err).toMatchObject({ httpStatus: 503 });
      expect(seen).toHaveLength(1);
    },
  );
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/types.js';
import { Client, TOKEN, withEmulator } from './helpers.js';

let emu: Emulator;
let c: Client;
beforeAll(async () => {
  ({ emu, c } = await withEmulator({ apiKeys: ['k1', 'k2'], bearerTokens: [TOKEN] }));
  c = new Client(emu, { 'x-goog-api-key': 'k1' });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

describe('auth', () => {
  it('accepts x-goog-api-key, ?key= and Bearer', async () => {
    expect((await c.get('/v1beta/models')).status).toBe(200);
    const anon = new Client(emu, {});
    expect((await anon.get('/v1beta/models?key=k2')).status).toBe(200);
    const bearer = new Client(emu, { authorization: `Bearer ${TOKEN}` });
    expect((await bearer.get('/v1beta/tunedModels')).status).toBe(200);
  });

  it('missing credentials: 403 PERMISSION_DENIED about unregistered callers', async () => {
    const r = await new Client(emu, {}).get('/v1beta/tunedModels');
    expect(r.status).toBe(403);
    expect(r.json.error).toEqual({
      code: 403,
      status: 'PERMISSION_DENIED',
      message: expect.stringContaining("Method doesn't allow unregistered callers"),
    });
  });

  it('unknown API key: 400 API_KEY_INVALID (header or query)', async () => {
    for (const r of [
      await new Client(emu, { 'x-goog-api-key': 'nope' }).get('/v1beta/models'),
      await new Client(emu, {}).get('/v1beta/models?key=nope'),
    ]) {
      expect(r.status).toBe(400);
      expect(r.json.error.status).toBe('INVALID_ARGUMENT');
      expect(r.json.error.message).toBe('API key not valid. Please pass a valid API key.');
      expect(r.json.error.details).toContainEqual(
        expect.objectContaining({ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }),
      );
    }
  });

  it('unknown bearer token: 401 UNAUTHENTICATED', async () => {
    const r = await new Client(emu, { authorization: 'Bearer wrong' }).get('/v1beta/models');
    expect(r.status).toBe(401);
    expect(r.json.error.status).toBe('UNAUTHENTICATED');
  });

  it('records the request URL exactly as sent (so tests can check keys never travel in URLs)', async () => {
    await new Client(emu, {}).get('/v1beta/models?key=k2');
    await c.get('/v1beta/models');
    expect(emu.requests.map((r) => r.path)).toEqual(['/v1beta/models?key=k2', '/v1beta/models']);
    expect(emu.requests[1]!.headers['x-goog-api-key']).toBe('k1');
    expect(emu.requests[1]!.status).toBe(200);
    expect(emu.requests[0]!.at).toBeLessThanOrEqual(emu.requests[1]!.at);
  });
});

describe('faults', () => {
  it('status 429 carries Retry-After and RetryInfo; faulted requests are recorded', async () => {
    emu.faults.add({ kind: 'status', status: 429, retryAfterSeconds: 3, path: '/models', times: 1 });
    const r = await c.get('/v1beta/models');
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('3');
    expect(r.json.error.status).toBe('RESOURCE_EXHAUSTED');
    expect(r.json.error.details).toContainEqual({
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: '3s',
    });
    expect((await c.get('/v1beta/models')).status).toBe(200);
    expect(emu.requests.map((x) => x.status)).toEqual([429, 200]);
  });

  it('429 without retryAfterSeconds still says 1s', async () => {
    emu.faults.add({ kind: 'status', status: 429 });
    const r = await c.get('/v1beta/models');
    expect(r.headers.get('retry-after')).toBe('1');
  });

  it.each([
    [500, 'INTERNAL'],
    [502, 'UNAVAILABLE'],
    [503, 'UNAVAILABLE'],
    [504, 'DEADLINE_EXCEEDED'],
  ] as const)('status %i renders google.rpc.Status %s', async (status, name) => {
    emu.faults.add({ kind: 'status', status, message: 'boom' });
    const r = await c.get('/v1beta/models');
    expect(r.status).toBe(status);
    expect(r.json.error).toEqual({ code: status, message: 'boom', status: name });
  });

  it('skip, times, every, method and path select requests', async () => {
    emu.faults.add({ kind: 'status', status: 503, method: 'GET', path: /\/models$/, skip: 1, every: 2, times: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await c.get('/v1beta/models')).status);
    // after skipping 1: matches #1..#7, every 2nd → #2, #4 (then times exhausted)
    expect(statuses).toEqual([200, 200, 503, 200, 503, 200, 200, 200]);
    expect((await c.post('/v1beta/models', {})).status).toBe(404); // POST does not match the rule
    expect((await c.get('/v1beta/models/gemini-2.0-flash')).status).toBe(200); // regexp does not match
  });

  it('reset destroys the connection (ECONNRESET)', async () => {
    emu.faults.add({ kind: 'reset', times: 1 });
    const err = await fetch(`${emu.url}/v1beta/models`, { headers: { 'x-goog-api-key': 'k1' } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    const cause = (err as { cause?: { code?: string } }).cause;
    expect(cause?.code).toBe('ECONNRESET');
    expect(emu.requests[0]!.status).toBe(0);
    expect((await c.get('/v1beta/models')).status).toBe(200);
  });

  it('latency delays and then answers normally; latency stacks with a status', async () => {
    emu.faults.add({ kind: 'latency', delayMs: 120, times: 2 });
    let t = Date.now();
    expect((await c.get('/v1beta/models')).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(110);
    emu.faults.add({ kind: 'status', status: 500 });
    t = Date.now();
    expect((await c.get('/v1beta/models')).status).toBe(500);
    expect(Date.now() - t).toBeGreaterThanOrEqual(110);
  });

  it('clear removes rules; invalid rules are refused', () => {
    emu.faults.add({ kind: 'reset' });
    emu.faults.clear();
    expect(() => emu.faults.add({ kind: 'status', status: 418 as 500 })).toThrow(/invalid fault rule/);
    expect(() => emu.faults.add({ kind: 'reset', every: 0 })).toThrow(/invalid fault rule/);
  });

  it('faults apply before auth (a front end failure)', async () => {
    emu.faults.add({ kind: 'status', status: 503, times: 1 });
    expect((await new Client(emu, {}).get('/v1beta/models')).status).toBe(503);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { baseAnswer, successor, tunedAnswer } from '../../emulator/services/gemini/standin.js';
import type { Emulator } from '../../emulator/types.js';
import { BASE, Client, NUMBER_EXAMPLES, until, withEmulator } from './helpers.js';

let emu: Emulator;
let c: Client;
/** The emulator's clock, moved by hand: training advances only when a test says so, however busy the machine. */
let now = Date.parse('2026-11-02T09:00:00Z');
const advance = (ms: number): void => void (now += ms);
beforeAll(async () => {
  ({ emu, c } = await withEmulator({ now: () => now, training: { stepMs: 10 } }));
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const text = (r: { json: { candidates: { content: { parts: { text: string }[] } }[] } }): string =>
  r.json.candidates[0]!.content.parts.map((p) => p.text).join('');

describe('training simulation (clock based)', () => {
  it('progresses step by step and finishes ACTIVE with a done Operation carrying the model', async () => {
    emu.configure({ training: { stepMs: 40, totalSteps: 5 } });
    const op = await c.create();
    expect(op.metadata.totalSteps).toBe(5);
    advance(90);
    const mid = await c.get(`/v1/${op.name}`);
    expect(mid.json.done).toBeUndefined();
    expect(mid.json.metadata.completedSteps).toBeGreaterThanOrEqual(2);
    expect(mid.json.metadata.completedSteps).toBeLessThan(5);
    expect(mid.json.metadata.snapshots).toHaveLength(mid.json.metadata.completedSteps);
    expect(mid.json.metadata.completedPercent).toBeCloseTo((mid.json.metadata.completedSteps / 5) * 100, 4);
    expect((await c.get(`/v1beta/${op.metadata.tunedModel}`)).json.state).toBe('CREATING');

    advance(110);
    const done = await until(async () => {
      const r = await c.get(`/v1/${op.name}`);
      return r.json.done === true ? r.json : undefined;
    });
    expect(done.metadata.completedPercent).toBe(100);
    expect(done.metadata.completedSteps).toBe(5);
    expect(done.error).toBeUndefined();
    expect(done.response['@type']).toBe('type.googleapis.com/google.ai.generativelanguage.v1beta.TunedModel');
    expect(done.response.state).toBe('ACTIVE');
    const snaps = done.response.tuningTask.snapshots as {
      step: number;
      epoch: number;
      meanLoss: number;
      computeTime: string;
    }[];
    expect(snaps.map((s) => s.step)).toEqual([1, 2, 3, 4, 5]);
    expect(snaps.map((s) => s.epoch)).toEqual([1, 2, 3, 4, 5]);
    expect(snaps.at(-1)!.meanLoss).toBeLessThan(snaps[0]!.meanLoss);
    expect(done.response.tuningTask.completeTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    const model = await c.get(`/v1beta/${op.metadata.tunedModel}`);
    expect(model.json.state).toBe('ACTIVE');
    expect(model.json.tuningTask.snapshots).toEqual(snaps);
  });

  it('snapshots are deterministic and the loss goes down overall over the tutorial job', async () => {
    emu.configure({ training: { stepMs: 0 } });
    const op = await c.create({}, {}, '?tunedModelId=det');
    const a = (await c.get('/v1beta/tunedModels/det')).json.tuningTask.snapshots;
    const b = (await c.get('/v1beta/tunedModels/det')).json.tuningTask.snapshots;
    expect(a).toEqual(b);
    expect(a).toHaveLength(38);
    expect(op.metadata.totalSteps).toBe(38);
    expect(a.at(-1).epoch).toBe(5);
    const firstFive = a.slice(0, 5).reduce((s: number, x: { meanLoss: number }) => s + x.meanLoss, 0);
    const lastFive = a.slice(-5).reduce((s: number, x: { meanLoss: number }) => s + x.meanLoss, 0);
    expect(lastFive).toBeLessThan(firstFive / 3);
  });

  it('outcome FAILED fails at failAtPercent with an error on the Operation', async () => {
    emu.configure({ training: { stepMs: 5, totalSteps: 10, outcome: 'FAILED', failAtPercent: 30 } });
    const op = await c.create();
    advance(15);
    const done = await until(async () => {
      const r = await c.get(`/v1beta/${op.name}`);
      return r.json.done ? r.json : undefined;
    });
    expect(done.response).toBeUndefined();
    expect(done.error.code).toBe(13);
    expect(typeof done.error.message).toBe('string');
    expect(done.metadata.completedSteps).toBe(3);
    const m = await c.get(`/v1beta/${op.metadata.tunedModel}`);
    expect(m.json.state).toBe('FAILED');
    expect(m.json.tuningTask.completeTime).toBeUndefined();
  });

  it('configure(training) applies to models created afterwards only', async () => {
    emu.configure({ training: { stepMs: 60_000 } });
    const slow = await c.create();
    emu.configure({ training: { stepMs: 0 } });
    const fast = await c.create();
    expect((await c.get(`/v1beta/${fast.metadata.tunedModel}`)).json.state).toBe('ACTIVE');
    expect((await c.get(`/v1beta/${slow.metadata.tunedModel}`)).json.state).toBe('CREATING');
  });

  it('timeline records createdAt, doneAt and the first observation after done', async () => {
    emu.configure({ training: { stepMs: 40, totalSteps: 3 } });
    const op = await c.create();
    const name = op.metadata.tunedModel as string;
    const t0 = emu.timeline(name)!;
    expect(t0.doneAt).toBe(t0.createdAt + 120);
    expect(t0.firstObservedDoneAt).toBeNull();
    await c.get(`/v1/${op.name}`); // before done
    expect(emu.timeline(name)!.firstObservedDoneAt).toBeNull();
    advance(150);
    expect(emu.timeline(name)!.firstObservedDoneAt).toBeNull(); // nobody looked yet
    const before = now;
    await c.get(`/v1beta/${name}`);
    const t = emu.timeline(name)!;
    expect(t.firstObservedDoneAt).toBeGreaterThanOrEqual(Math.max(t.doneAt, before));
    advance(5);
    await c.get(`/v1/${op.name}`);
    expect(emu.timeline(name)!.firstObservedDoneAt).toBe(t.firstObservedDoneAt); // the first one sticks
    expect(emu.timeline('tunedModels/unknown')).toBeUndefined();
  });

  it('deleting a CREATING model stops its training', async () => {
    emu.configure({ training: { stepMs: 60_000 } });
    const op = await c.create();
    expect((await c.call('DELETE', `/v1beta/${op.metadata.tunedModel}`)).status).toBe(200);
    expect((await c.get(`/v1/${op.name}`)).status).toBe(404);
    expect(emu.tunedModels()).toEqual([]);
  });

  it('tunedModels() renders current resources', async () => {
    emu.configure({ training: { stepMs: 0 } });
    const op = await c.create();
    const all = emu.tunedModels();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ name: op.metadata.tunedModel, state: 'ACTIVE' });
  });
});

describe('generateContent', () => {
  async function activeModel(): Promise<string> {
    emu.configure({ training: { stepMs: 0 } });
    const op = await c.create();
    return op.metadata.tunedModel as string;
  }
  const prompt = (t: string, extra: Record<string, unknown> = {}) => ({
    contents: [{ role: 'user', parts: [{ text: t }] }],
    ...extra,
  });

  it('a tuned model answers training inputs and follows the successor pattern', async () => {
    const name = await activeModel();
    const cases: [string, string][] = [
      ['  twenty two ', 'twenty three'],
      ['LXIII', 'LXIV'],
      ['41', '42'],
      ['-1', '0'],
      ['9,999', '10,000'],
      ['ninety nine', 'one hundred'],
      ['one thousand nine hundred ninety nine', 'two thousand'],
      ['what is the weather', "I don't know."],
    ];
    for (const v of ['v1', 'v1beta']) {
      for (const [input, want] of cases) {
        const r = await c.post(
          `/${v}/${name}:generateContent`,
          prompt(input, { generationConfig: { temperature: 0.2, maxOutputTokens: 50 } }),
        );
        expect(r.status).toBe(200);
        expect(text(r), input).toBe(want);
        expect(r.json.candidates[0]).toMatchObject({ finishReason: 'STOP', index: 0, content: { role: 'model' } });
        expect(r.json.usageMetadata.totalTokenCount).toBe(
          r.json.usageMetadata.promptTokenCount + r.json.usageMetadata.candidatesTokenCount,
        );
        expect(r.json.modelVersion).toBeTruthy();
      }
    }
  });

  it('a base model answers chattily', async () => {
    const r = await c.post(`/v1beta/${BASE}:generateContent`, prompt('4'));
    expect(text(r)).toBe('The next number is 5.');
    const v1 = await c.post('/v1/models/gemini-2.0-flash:generateContent', prompt('LXIII'));
    expect(text(v1)).toBe('The next number is LXIV.');
  });

  it('errors: unknown model, embedding-only model, CREATING model, bad body', async () => {
    expect((await c.post('/v1beta/models/nope:generateContent', prompt('1'))).status).toBe(404);
    const embed = await c.post('/v1beta/models/text-embedding-004:generateContent', prompt('1'));
    expect(embed.status).toBe(404);
    expect(embed.json.error.message).toContain('not supported for generateContent');
    expect((await c.post('/v1beta/tunedModels/nope:generateContent', prompt('1'))).status).toBe(404);
    emu.configure({ training: { stepMs: 60_000 } });
    const op = await c.create();
    const creating = await c.post(`/v1beta/${op.metadata.tunedModel}:generateContent`, prompt('1'));
    expect(creating.status).toBe(400);
    expect(creating.json.error.status).toBe('FAILED_PRECONDITION');
    const name = await activeModel();
    expect((await c.post(`/v1beta/${name}:generateContent`, {})).json.error.message).toContain(
      'contents is not specified',
    );
    expect((await c.post(`/v1beta/${name}:generateContent`, { contents: [{ parts: [] }] })).status).toBe(400);
    const unknown = await c.post(`/v1beta/${name}:generateContent`, {
      ...prompt('1'),
      generation_config: { temprature: 1 },
    });
    expect(unknown.json.error.message).toBe(
      `Invalid JSON payload received. Unknown name "temprature" at 'generation_config': Cannot find field.`,
    );
    const top = await c.post(`/v1beta/${name}:generateContent`, { ...prompt('1'), prompt: 'x' });
    expect(top.json.error.message).toBe('Invalid JSON payload received. Unknown name "prompt": Cannot find field.');
    expect((await c.post(`/v1beta/${name}:generateContent`, { contents: 'x' })).status).toBe(400);
    expect(
      (await c.post(`/v1beta/${name}:generateContent`, { contents: [{ role: 'system', parts: [{ text: 'a' }] }] }))
        .status,
    ).toBe(400);
  });

  it('streams as SSE with alt=sse and as a JSON array without', async () => {
    const name = await activeModel();
    const sse = await fetch(`${emu.url}/v1beta/${name}:streamGenerateContent?alt=sse`, {
      method: 'POST',
      headers: { 'x-goog-api-key': 'emulator-api-key', 'content-type': 'application/json' },
      body: JSON.stringify(prompt('what is this')),
    });
    expect(sse.headers.get('content-type')).toContain('text/event-stream');
    const raw = await sse.text();
    expect(raw.endsWith('\r\n\r\n')).toBe(true);
    const events = raw
      .split('\r\n\r\n')
      .filter((e) => e !== '')
      .map((e) => JSON.parse(e.replace(/^data: /, '')));
    expect(events.length).toBeGreaterThan(1);
    expect(events.map((e) => e.candidates[0].content.parts[0].text).join('')).toBe("I don't know.");
    expect(events.at(-1).candidates[0].finishReason).toBe('STOP');
    expect(events[0].candidates[0].finishReason).toBeUndefined();

    const arr = await c.post(`/v1beta/${name}:streamGenerateContent`, prompt('1'));
    expect(Array.isArray(arr.json)).toBe(true);
    expect(arr.json[0].candidates[0].content.parts[0].text).toBe('2');
  });

  it('enforces maxConcurrent with 429 + Retry-After and counts max in flight; latency applies', async () => {
    const name = await activeModel();
    // Latencies long enough that every call of a batch is in flight at once, however busy the machine.
    emu.configure({ generate: { latencyMs: 1000, maxConcurrent: 2, overCapRetryAfterSeconds: 4 } });
    const t = Date.now();
    const rs = await Promise.all(
      Array.from({ length: 5 }, () => c.post(`/v1beta/${name}:generateContent`, prompt('1'))),
    );
    expect(Date.now() - t).toBeGreaterThanOrEqual(995);
    const ok = rs.filter((r) => r.status === 200);
    const over = rs.filter((r) => r.status === 429);
    expect(ok).toHaveLength(2);
    expect(over).toHaveLength(3);
    expect(over[0]!.headers.get('retry-after')).toBe('4');
    expect(over[0]!.json.error.status).toBe('RESOURCE_EXHAUSTED');
    expect(over[0]!.json.error.details).toContainEqual({
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: '4s',
    });
    expect(emu.stats()).toMatchObject({ generateCalls: 2, generateMaxInFlight: 2, generateRejectedOverCap: 3 });
    // lifting the cap takes effect immediately
    emu.configure({ generate: { maxConcurrent: Infinity, latencyMs: 1000 } });
    const all = await Promise.all(
      Array.from({ length: 6 }, () => c.post(`/v1beta/${name}:generateContent`, prompt('1'))),
    );
    expect(all.every((r) => r.status === 200)).toBe(true);
    expect(emu.stats().generateMaxInFlight).toBe(6);
  });
});

describe('stand-in model', () => {
  it('successor heuristic', () => {
    expect(successor('0')).toBe('1');
    expect(successor('-98')).toBe('-97');
    expect(successor('10,100,000')).toBe('10,100,001');
    expect(successor('999,999')).toBe('1,000,000');
    expect(successor('two hundred')).toBe('two hundred one');
    expect(successor('eighty')).toBe('eighty one');
    expect(successor('nineteen')).toBe('twenty');
    expect(successor('twenty-nine')).toBe('thirty');
    expect(successor('Seven')).toBe('Eight');
    expect(successor('nine thousand nine hundred ninety nine')).toBe('ten thousand');
    expect(successor('XIX')).toBe('XX');
    expect(successor('MMMCMXCIX')).toBeUndefined();
    expect(successor('IIII')).toBeUndefined();
    expect(successor('hello')).toBeUndefined();
    expect(successor('one one')).toBeUndefined();
    expect(successor('1.5')).toBeUndefined();
  });

  it('tuned answers prefer training outputs; base answers differ', () => {
    expect(tunedAnswer('1', [{ textInput: '1', output: 'uno' }])).toBe('uno');
    expect(tunedAnswer('five', NUMBER_EXAMPLES)).toBe('six');
    expect(baseAnswer('five')).toBe('The next number is six.');
    expect(baseAnswer('hello')).not.toBe(tunedAnswer('hello', NUMBER_EXAMPLES));
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/types.js';
import { BASE, Client, NUMBER_EXAMPLES, tunedModelBody, withEmulator } from './helpers.js';

let emu: Emulator;
let c: Client;
beforeAll(async () => {
  ({ emu, c } = await withEmulator({ training: { stepMs: 1000 } }));
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

describe('models', () => {
  it('lists models under v1 and v1beta, including the tuning base model', async () => {
    for (const v of ['v1', 'v1beta']) {
      const r = await c.get(`/${v}/models`);
      expect(r.status).toBe(200);
      const names = r.json.models.map((m: { name: string }) => m.name);
      expect(names).toContain(BASE);
      const base = r.json.models.find((m: { name: string }) => m.name === BASE);
      expect(base.supportedGenerationMethods).toEqual(expect.arrayContaining(['createTunedModel', 'generateContent']));
    }
  });

  it('pages the model list', async () => {
    const p1 = await c.get('/v1beta/models?pageSize=2');
    expect(p1.json.models).toHaveLength(2);
    expect(typeof p1.json.nextPageToken).toBe('string');
    const p2 = await c.get(`/v1beta/models?pageSize=2&pageToken=${p1.json.nextPageToken}`);
    expect(p2.json.models[0].name).not.toBe(p1.json.models[0].name);
  });

  it('gets one model, 404 for an unknown one', async () => {
    expect((await c.get(`/v1beta/${BASE}`)).json.name).toBe(BASE);
    const r = await c.get('/v1beta/models/no-such-model');
    expect(r.status).toBe(404);
    expect(r.json.error.status).toBe('NOT_FOUND');
  });
});

describe('tunedModels.create', () => {
  it('returns an Operation whose metadata names the tuned model (not the model itself)', async () => {
    const op = await c.create();
    expect(Object.keys(op).sort()).toEqual(['metadata', 'name']);
    expect(op.name).toMatch(/^tunedModels\/number-generator-[a-z0-9]+\/operations\/[a-z0-9]+$/);
    expect(op.metadata).toEqual({
      '@type': 'type.googleapis.com/google.ai.generativelanguage.v1beta.CreateTunedModelMetadata',
      totalSteps: 38, // 15 examples, batch 2, 5 epochs: as in the tutorial's real response
      tunedModel: op.name.split('/operations/')[0],
    });
    expect('done' in op).toBe(false);
    expect(emu.stats().creates).toBe(1);
  });

  it('accepts snake_case proto names and trailing commas, like the curl tutorial', async () => {
    const body = `{
      "display_name": "number generator model",
      "base_model": "${BASE}",
      "tuning_task": {
        "hyperparameters": { "batch_size": 4, "learning_rate": 0.001, "epoch_count": 5, },
        "training_data": { "examples": { "examples": [
          { "text_input": "1", "output": "2", }, { "text_input": "3", "output": "4", },
        ] } }
      }
    }`;
    const r = await c.post('/v1beta/tunedModels', body);
    expect(r.status).toBe(200);
    expect(r.json.metadata.totalSteps).toBe(3); // ceil(2 * 5 / 4)
    const m = await c.get(`/v1beta/${r.json.metadata.tunedModel}`);
    expect(m.json.displayName).toBe('number generator model');
    expect(m.json.tuningTask.hyperparameters).toEqual({ learningRate: 0.001, epochCount: 5, batchSize: 4 });
  });

  it('uses tunedModelId and rejects a duplicate with 409', async () => {
    const op = await c.create({}, {}, '?tunedModelId=my-model-1');
    expect(op.metadata.tunedModel).toBe('tunedModels/my-model-1');
    const r = await c.post('/v1beta/tunedModels?tunedModelId=my-model-1', tunedModelBody());
    expect(r.status).toBe(409);
    expect(r.json.error.status).toBe('ALREADY_EXISTS');
  });

  it.each(['1abc', 'Abc', 'abc-', 'a_b', 'a'.repeat(41), 'ab c'])('rejects tunedModelId %j', async (id) => {
    const r = await c.post(`/v1beta/tunedModels?tunedModelId=${encodeURIComponent(id)}`, tunedModelBody());
    expect(r.status).toBe(400);
    expect(r.json.error.status).toBe('INVALID_ARGUMENT');
  });

  it('accepts a 40-character id and a one-letter id', async () => {
    await c.create({}, {}, `?tunedModelId=${'a'.repeat(40)}`);
    await c.create({}, {}, '?tunedModelId=z');
  });

  it('generates an id from the display name plus a random suffix; without one, a random id', async () => {
    const a = await c.create({ displayName: 'Sentence Translator' });
    expect(a.metadata.tunedModel).toMatch(/^tunedModels\/sentence-translator-[a-z0-9]{6,}$/);
    const b = await c.create({ displayName: undefined });
    expect(b.metadata.tunedModel).toMatch(/^tunedModels\/[a-z][a-z0-9]{5,}$/);
    const long = await c.create({ displayName: 'x'.repeat(40) });
    expect(long.metadata.tunedModel.length - 'tunedModels/'.length).toBeLessThanOrEqual(40);
  });

  it('rejects unknown fields with the front end wording', async () => {
    const r = await c.post('/v1beta/tunedModels', tunedModelBody({ displayname: 'x' }));
    expect(r.status).toBe(400);
    expect(r.json.error.message).toBe(
      'Invalid JSON payload received. Unknown name "displayname" at \'tuned_model\': Cannot find field.',
    );
    expect(r.json.error.details[0]['@type']).toBe('type.googleapis.com/google.rpc.BadRequest');
    const nested = await c.post(
      '/v1beta/tunedModels',
      tunedModelBody({
        tuningTask: { trainingData: { examples: { examples: [{ text_input: 'a', output: 'b', extra: 1 }] } } },
      }),
    );
    expect(nested.json.error.message).toContain(
      `Unknown name "extra" at 'tuned_model.tuning_task.training_data.examples.examples[0]'`,
    );
  });

  it('rejects wrong types', async () => {
    const cases: [Record<string, unknown>, Record<string, unknown>, string][] = [
      [
        {},
        { epochCount: 'five' },
        "Invalid value at 'tuned_model.tuning_task.hyperparameters.epoch_count' (TYPE_INT32)",
      ],
      [{}, { batchSize: 2.5 }, "'tuned_model.tuning_task.hyperparameters.batch_size' (TYPE_INT32)"],
      [{}, { epochCount: 2 ** 31 }, 'epoch_count'],
      [{ displayName: 5 }, {}, "Invalid value at 'tuned_model.display_name' (TYPE_STRING), 5"],
      [{ tuningTask: 'x' }, {}, "'tuned_model.tuning_task'"],
      [{ temperature: [1] }, {}, 'cannot start list'],
      [{ state: 'DONE' }, {}, "'tuned_model.state'"],
    ];
    for (const [over, hyper, msg] of cases) {
      const r = await c.post('/v1beta/tunedModels', tunedModelBody(over, hyper));
      expect(r.status, JSON.stringify(over) + JSON.stringify(hyper)).toBe(400);
      expect(r.json.error.message).toContain(msg);
    }
  });

  it('accepts int32 as a numeric string (proto3 JSON)', async () => {
    const op = await c.create({}, { epochCount: '2' });
    expect(op.metadata.totalSteps).toBe(15); // ceil(15 * 2 / 2)
  });

  it('rejects learningRate together with learningRateMultiplier', async () => {
    const r = await c.post('/v1beta/tunedModels', tunedModelBody({}, { learningRateMultiplier: 1.5 }));
    expect(r.status).toBe(400);
    expect(r.json.error.message).toContain("Oneof field 'learning_rate_option' is already set");
  });

  it('keeps learningRateMultiplier instead of a learningRate', async () => {
    const op = await c.create({
      tuningTask: {
        trainingData: { examples: { examples: NUMBER_EXAMPLES } },
        hyperparameters: { learningRateMultiplier: 0.5 },
      },
    });
    const m = await c.get(`/v1beta/${op.metadata.tunedModel}`);
    expect(m.json.tuningTask.hyperparameters).toEqual({ learningRateMultiplier: 0.5, epochCount: 5, batchSize: 4 });
  });

  it('fills in service defaults for hyperparameters', async () => {
    const op = await c.create({ tuningTask: { trainingData: { examples: { examples: NUMBER_EXAMPLES } } } });
    expect(op.metadata.totalSteps).toBe(19); // ceil(15 * 5 / 4), as in the tutorial
    const m = await c.get(`/v1beta/${op.metadata.tunedModel}`);
    expect(m.json.tuningTask.hyperparameters).toEqual({ learningRate: 0.001, epochCount: 5, batchSize: 4 });
  });

  it.each([
    [{ epochCount: 0 }, 'epoch_count'],
    [{ batchSize: -1 }, 'batch_size'],
    [{ learningRate: 0 }, 'learning_rate'],
  ])('rejects non-positive hyperparameters %j', async (hyper, field) => {
    const r = await c.post('/v1beta/tunedModels', tunedModelBody({}, hyper));
    expect(r.status).toBe(400);
    expect(r.json.error.message).toContain(field);
  });

  it('rejects a display name over 40 characters', async () => {
    const r = await c.post('/v1beta/tunedModels', tunedModelBody({ displayName: 'x'.repeat(41) }));
    expect(r.status).toBe(400);
    await c.create({ displayName: 'x'.repeat(40) });
  });

  it('404s a base model that does not support createTunedModel, pointing at ListModels', async () => {
    for (const baseModel of ['models/gemini-2.0-flash', 'models/nope', 'gemini-1.5-flash-001-tuning']) {
      const r = await c.post('/v1beta/tunedModels', tunedModelBody({ baseModel }));
      expect(r.status).toBe(404);
      expect(r.json.error.message).toContain('Call ListModels');
    }
    const missing = await c.post('/v1beta/tunedModels', tunedModelBody({ baseModel: undefined }));
    expect(missing.status).toBe(400);
  });

  it('requires examples, each with text_input and output, within the length limits', async () => {
    const withExamples = (examples: unknown[]) =>
      tunedModelBody({ tuningTask: { trainingData: { examples: { examples } } } });
    expect((await c.post('/v1beta/tunedModels', withExamples([]))).status).toBe(400);
    expect((await c.post('/v1beta/tunedModels', tunedModelBody({ tuningTask: {} }))).status).toBe(400);
    expect((await c.post('/v1beta/tunedModels', tunedModelBody({ tuningTask: undefined }))).status).toBe(400);
    expect((await c.post('/v1beta/tunedModels', withExamples([{ output: 'x' }]))).status).toBe(400);
    expect((await c.post('/v1beta/tunedModels', withExamples([{ textInput: 'x' }]))).status).toBe(400);
    const longIn = await c.post('/v1beta/tunedModels', withExamples([{ textInput: 'x'.repeat(40_001), output: 'y' }]));
    expect(longIn.status).toBe(400);
    expect(longIn.json.error.message).toContain('examples[0].text_input');
    const longOut = await c.post('/v1beta/tunedModels', withExamples([{ textInput: 'x', output: 'y'.repeat(5_001) }]));
    expect(longOut.status).toBe(400);
    const atLimit = await c.post(
      '/v1beta/tunedModels',
      withExamples([{ textInput: 'x'.repeat(40_000), output: 'y'.repeat(5_000) }]),
    );
    expect(atLimit.status).toBe(200);
    // multi-turn examples are a v1alpha feature: unknown here
    const multi = await c.post(
      '/v1beta/tunedModels',
      tunedModelBody({ tuningTask: { trainingData: { multiturnExamples: {} } } }),
    );
    expect(multi.json.error.message).toContain('Unknown name "multiturnExamples"');
  });

  it('rejects a body that is not JSON or not an object', async () => {
    expect((await c.post('/v1beta/tunedModels', '{"displayName": ')).status).toBe(400);
    expect((await c.post('/v1beta/tunedModels', '[1]')).status).toBe(400);
  });

  it('can tune from an ACTIVE tuned model (tunedModelSource)', async () => {
    emu.configure({ training: { stepMs: 0 } });
    const src = await c.create();
    const op = await c.create({ baseModel: undefined, tunedModelSource: { tunedModel: src.metadata.tunedModel } });
    const m = await c.get(`/v1beta/${op.metadata.tunedModel}`);
    expect(m.json.tunedModelSource).toEqual({ tunedModel: src.metadata.tunedModel, baseModel: BASE });
    const both = await c.post(
      '/v1beta/tunedModels',
      tunedModelBody({ tunedModelSource: { tunedModel: src.metadata.tunedModel } }),
    );
    expect(both.status).toBe(400);
  });
});

describe('tuned model get / list / patch / delete', () => {
  it('get renders the model without the input-only training data', async () => {
    const op = await c.create({ description: 'desc' });
    const r = await c.get(`/v1beta/${op.metadata.tunedModel}`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      name: op.metadata.tunedModel,
      baseModel: BASE,
      displayName: 'number generator',
      description: 'desc',
      state: 'CREATING',
    });
    expect(r.json.tuningTask.trainingData).toBeUndefined();
    expect(r.json.tuningTask.startTime).toMatch(/Z$/);
    expect(r.json.tuningTask.completeTime).toBeUndefined();
    expect(r.json.tuningTask.snapshots).toBeUndefined(); // empty repeated fields are omitted
    expect((await c.get('/v1beta/tunedModels/nope')).status).toBe(404);
  });

  it('exists only under /v1beta (404 under /v1, as an HTML page like the real front end)', async () => {
    const op = await c.create();
    for (const [m, p] of [
      ['GET', `/v1/${op.metadata.tunedModel}`],
      ['GET', '/v1/tunedModels'],
      ['POST', '/v1/tunedModels'],
      ['DELETE', `/v1/${op.metadata.tunedModel}`],
      ['PATCH', `/v1/${op.metadata.tunedModel}`],
      ['PUT', `/v1beta/${op.metadata.tunedModel}`],
      ['GET', '/v2/models'],
    ] as const) {
      const r = await c.call(m, p, m === 'GET' || m === 'DELETE' ? undefined : tunedModelBody());
      expect(r.status, `${m} ${p}`).toBe(404);
      expect(r.headers.get('content-type')).toContain('text/html');
    }
  });

  it('lists with pageSize (default 10, max 1000) and nextPageToken', async () => {
    for (let i = 0; i < 12; i++) await c.create({ displayName: `model ${i}` });
    const p1 = await c.get('/v1beta/tunedModels');
    expect(p1.json.tunedModels).toHaveLength(10);
    const p2 = await c.get(`/v1beta/tunedModels?pageToken=${p1.json.nextPageToken}`);
    expect(p2.json.tunedModels).toHaveLength(2);
    expect(p2.json.nextPageToken).toBeUndefined();
    const names = [...p1.json.tunedModels, ...p2.json.tunedModels].map((m: { name: string }) => m.name);
    expect(new Set(names).size).toBe(12);
    const small = await c.get('/v1beta/tunedModels?page_size=5');
    expect(small.json.tunedModels).toHaveLength(5);
    const huge = await c.get('/v1beta/tunedModels?pageSize=5000');
    expect(huge.json.tunedModels).toHaveLength(12);
    expect((await c.get('/v1beta/tunedModels?pageToken=garbage')).status).toBe(400);
    expect((await c.get('/v1beta/tunedModels?pageSize=abc')).status).toBe(400);
  });

  it('list of nothing is an empty object', async () => {
    const r = await c.get('/v1beta/tunedModels');
    expect(r.json).toEqual({});
  });

  it('filters on display name and description (minimal full text)', async () => {
    await c.create({ displayName: 'alpha one' });
    await c.create({ displayName: 'beta', description: 'has alpha inside' });
    await c.create({ displayName: 'gamma' });
    const r = await c.get('/v1beta/tunedModels?filter=alpha');
    expect(r.json.tunedModels).toHaveLength(2);
    const all = await c.get(`/v1beta/tunedModels?filter=${encodeURIComponent('owner:me')}`);
    expect(all.json.tunedModels).toHaveLength(3);
  });

  it('patch changes only the masked fields', async () => {
    const op = await c.create({ description: 'old' });
    const name = op.metadata.tunedModel;
    const r = await c.call('PATCH', `/v1beta/${name}?updateMask=displayName`, {
      displayName: 'renamed',
      description: 'ignored',
    });
    expect(r.status).toBe(200);
    expect(r.json.displayName).toBe('renamed');
    expect(r.json.description).toBe('old');
    const both = await c.call('PATCH', `/v1beta/${name}?update_mask=description,top_k`, {
      description: 'new',
      topK: 7,
    });
    expect(both.json).toMatchObject({ displayName: 'renamed', description: 'new', topK: 7 });
    // a masked field missing from the body is cleared
    const cleared = await c.call('PATCH', `/v1beta/${name}?updateMask=description`, {});
    expect(cleared.json.description).toBeUndefined();
    expect((await c.get(`/v1beta/${name}`)).json.displayName).toBe('renamed');
  });

  it('patch rejects a bad mask, unknown fields and a too long display name', async () => {
    const op = await c.create();
    const name = op.metadata.tunedModel;
    expect((await c.call('PATCH', `/v1beta/${name}?updateMask=nope`, { displayName: 'x' })).status).toBe(400);
    expect((await c.call('PATCH', `/v1beta/${name}?updateMask=baseModel`, { baseModel: BASE })).status).toBe(400);
    expect((await c.call('PATCH', `/v1beta/${name}?updateMask=tuningTask`, {})).status).toBe(400);
    expect((await c.call('PATCH', `/v1beta/${name}?updateMask=displayName`, { bogus: 1 })).status).toBe(400);
    expect(
      (await c.call('PATCH', `/v1beta/${name}?updateMask=displayName`, { displayName: 'x'.repeat(41) })).status,
    ).toBe(400);
    expect(
      (await c.call('PATCH', '/v1beta/tunedModels/nope?updateMask=displayName', { displayName: 'x' })).status,
    ).toBe(404);
  });

  it('delete returns {} and the model is gone (operation too)', async () => {
    const op = await c.create();
    const name = op.metadata.tunedModel;
    const r = await c.call('DELETE', `/v1beta/${name}`);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({});
    expect((await c.get(`/v1beta/${name}`)).status).toBe(404);
    expect((await c.get(`/v1/${op.name}`)).status).toBe(404);
    expect((await c.call('DELETE', `/v1beta/${name}`)).status).toBe(404);
    expect(emu.stats().deletes).toBe(1);
    expect(emu.tunedModels()).toHaveLength(0);
  });
});

describe('operations', () => {
  it('get works under /v1 and /v1beta; list under the model', async () => {
    const op = await c.create();
    for (const v of ['v1', 'v1beta']) {
      const r = await c.get(`/${v}/${op.name}`);
      expect(r.status).toBe(200);
      expect(r.json.name).toBe(op.name);
      const l = await c.get(`/${v}/${op.metadata.tunedModel}/operations`);
      expect(l.json.operations.map((o: { name: string }) => o.name)).toEqual([op.name]);
    }
    expect((await c.get(`/v1/${op.metadata.tunedModel}/operations/other`)).status).toBe(404);
  });

  it('control surface: requests, configure, faults, reset', async () => {
    await c.get('/v1beta/models');
    const reqs = await fetch(`${emu.url}/__emulator/requests`).then(
      (r) => r.json() as Promise<{ requests: unknown[] }>,
    );
    expect(reqs.requests).toHaveLength(1);
    const conf = await fetch(`${emu.url}/__emulator/configure`, {
      method: 'POST',
      body: JSON.stringify({ training: { stepMs: 7 } }),
    });
    expect(conf.status).toBe(200);
    expect(((await conf.json()) as { training: { stepMs: number } }).training.stepMs).toBe(7);
    await fetch(`${emu.url}/__emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'status', status: 503, path: '/models', times: 1 }),
    });
    expect((await c.get('/v1beta/models')).status).toBe(503);
    expect((await c.get('/v1beta/models')).status).toBe(200);
    await fetch(`${emu.url}/__emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'status', status: 500, pathRegex: 'models$' }),
    });
    expect((await c.get('/v1beta/models')).status).toBe(500);
    await fetch(`${emu.url}/__emulator/faults`, { method: 'DELETE' });
    expect((await c.get('/v1beta/models')).status).toBe(200);
    const bad = await fetch(`${emu.url}/__emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'status', status: 418 }),
    });
    expect(bad.status).toBe(400);
    const stats = await fetch(`${emu.url}/__emulator/stats`).then((r) => r.json());
    expect(stats).toMatchObject({ creates: 0 });
    await fetch(`${emu.url}/__emulator/reset`, { method: 'POST' });
    expect(emu.requests).toHaveLength(0);
  });
});

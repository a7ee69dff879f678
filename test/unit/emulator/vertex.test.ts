import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/types.js';
import type { ManualClock } from './vertex-helpers.js';
import { LOC, NUMBER, PARENT, PROJECT, call, contentsJsonl, jobBody, withVertex } from './vertex-helpers.js';

let emu: Emulator;
let clock: ManualClock;
beforeAll(async () => {
  ({ emu, clock } = await withVertex());
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  emu.storage.put('bucket', 'data/train.jsonl', contentsJsonl(16));
  emu.storage.put('bucket', 'data/val.jsonl', contentsJsonl(4, 100));
});

const create = async (over: Record<string, unknown> = {}, spec: Record<string, unknown> = {}, parent = PARENT) => {
  const r = await call(emu, 'POST', `${parent}/tuningJobs`, jobBody(over, spec));
  expect(r.status, r.text).toBe(200);
  return r.json;
};

describe('tuningJobs.create', () => {
  it('returns the TuningJob itself, PENDING, named with the project number', async () => {
    const job = await create({ labels: { 'gemini-tune-key': 'abc123' } });
    expect(job.name).toMatch(new RegExp(`^projects/${NUMBER}/locations/${LOC}/tuningJobs/\\d{19}$`));
    expect(job.done).toBeUndefined();
    expect(job.metadata).toBeUndefined();
    expect(job.state).toBe('JOB_STATE_PENDING');
    expect(job.supervisedTuningSpec.hyperParameters).toEqual({
      epochCount: '2',
      learningRateMultiplier: 1,
      adapterSize: 'ADAPTER_SIZE_FOUR',
    });
    expect(job.labels).toEqual({ 'gemini-tune-key': 'abc123' });
    expect(job.tunedModel).toBeUndefined();
  });

  it('reads an adapterSize number by enum number (4 is SIXTEEN) and epochCount numbers as int64 strings', async () => {
    const job = await create({}, { hyperParameters: { epochCount: 3, adapterSize: 4 } });
    expect(job.supervisedTuningSpec.hyperParameters.adapterSize).toBe('ADAPTER_SIZE_SIXTEEN');
    expect(job.supervisedTuningSpec.hyperParameters.epochCount).toBe('3');
  });

  it('answers 400 for a dataset URI that is not in the emulated bucket, or not gs://', async () => {
    const missing = await call(
      emu,
      'POST',
      `${PARENT}/tuningJobs`,
      jobBody({}, { trainingDatasetUri: 'gs://bucket/nope.jsonl' }),
    );
    expect(missing.status).toBe(400);
    expect(missing.json.error.status).toBe('INVALID_ARGUMENT');
    expect(missing.json.error.message).toContain('gs://bucket/nope.jsonl');
    const local = await call(
      emu,
      'POST',
      `${PARENT}/tuningJobs`,
      jobBody({}, { trainingDatasetUri: '/tmp/train.jsonl' }),
    );
    expect(local.status).toBe(400);
    const val = await call(
      emu,
      'POST',
      `${PARENT}/tuningJobs`,
      jobBody({}, { validationDatasetUri: 'gs://bucket/missing-val.jsonl' }),
    );
    expect(val.status).toBe(400);
  });

  it('rejects unknown fields, bad enum names, invalid labels and long display names', async () => {
    const unknown = await call(emu, 'POST', `${PARENT}/tuningJobs`, { ...jobBody(), bogus: 1 });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toContain('Unknown name "bogus"');
    const badEnum = await call(
      emu,
      'POST',
      `${PARENT}/tuningJobs`,
      jobBody({}, { hyperParameters: { adapterSize: 'FOUR' } }),
    );
    expect(badEnum.status).toBe(400);
    const badLabel = await call(emu, 'POST', `${PARENT}/tuningJobs`, jobBody({ labels: { Key: 'v' } }));
    expect(badLabel.status).toBe(400);
    const longName = await call(
      emu,
      'POST',
      `${PARENT}/tuningJobs`,
      jobBody({ tunedModelDisplayName: 'x'.repeat(129) }),
    );
    expect(longName.status).toBe(400);
    expect(emu.vertex.jobs.all()).toHaveLength(0);
  });
});

describe('training simulation', () => {
  it('PENDING → RUNNING (experiment, tuningDataStats) → SUCCEEDED with tunedModel {model, endpoint}', async () => {
    const job = await create();
    const path = `/v1/${job.name}`;
    expect((await call(emu, 'GET', path)).json.state).toBe('JOB_STATE_PENDING');
    clock.advance(1000 + 100 * 2);
    const running = (await call(emu, 'GET', path)).json;
    expect(running.state).toBe('JOB_STATE_RUNNING');
    expect(running.startTime).toBeDefined();
    expect(running.experiment).toMatch(
      /^projects\/123456789012\/locations\/us-central1\/metadataStores\/default\/contexts\//,
    );
    const stats = running.tuningDataStats.supervisedTuningDataStats;
    expect(stats.tuningDatasetExampleCount).toBe('16');
    // 16 examples * 2 epochs / batch 8
    expect(stats.tuningStepCount).toBe('4');
    clock.advance(1000);
    const done = (await call(emu, 'GET', path)).json;
    expect(done.state).toBe('JOB_STATE_SUCCEEDED');
    expect(done.endTime).toBeDefined();
    expect(done.tunedModel.model).toMatch(/^projects\/123456789012\/locations\/us\/models\/\d+@1$/);
    expect(done.tunedModel.endpoint).toMatch(/^projects\/123456789012\/locations\/us\/endpoints\/\d+$/);
    // the same job by project id and by number, v1 and v1beta1
    const id = job.name.split('/').pop();
    expect((await call(emu, 'GET', `/v1beta1/projects/${PROJECT}/locations/${LOC}/tuningJobs/${id}`)).json.state).toBe(
      'JOB_STATE_SUCCEEDED',
    );
    expect((await call(emu, 'GET', `/v1/projects/${PROJECT}/locations/europe-west4/tuningJobs/${id}`)).status).toBe(
      404,
    );
  });

  it('a dataset that is not contents JSONL makes the job FAIL with a message naming the line', async () => {
    emu.storage.put('bucket', 'data/bad.jsonl', contentsJsonl(2) + '{"messages": []}\n');
    const job = await create({}, { trainingDatasetUri: 'gs://bucket/data/bad.jsonl' });
    clock.advance(1000);
    const got = (await call(emu, 'GET', `/v1/${job.name}`)).json;
    expect(got.state).toBe('JOB_STATE_FAILED');
    expect(got.error.code).toBe(3);
    expect(got.error.message).toContain('line 3');
    expect(got.tunedModel).toBeUndefined();
  });

  it.each([
    ['FAILED', 'JOB_STATE_FAILED', 13],
    ['EXPIRED', 'JOB_STATE_EXPIRED', 4],
  ] as const)('outcome %s ends %s with error code %d', async (outcome, state, code) => {
    emu.configure({ vertex: { outcome } });
    const job = await create();
    clock.advance(60_000);
    const got = (await call(emu, 'GET', `/v1/${job.name}`)).json;
    expect(got.state).toBe(state);
    expect(got.error.code).toBe(code);
    expect(got.tunedModel).toBeUndefined();
  });

  it('with a concurrent-job quota, a second job waits for quota (tuningJobState) until the first ends or is cancelled', async () => {
    emu.configure({ vertex: { concurrentJobs: 1 } });
    const a = await create();
    const b = await create();
    const get = async (job: { name: string }) => (await call(emu, 'GET', `/v1/${job.name}`)).json;
    expect((await get(a)).tuningJobState).toBe('TUNING_JOB_STATE_PROCESSING_DATASET');
    expect((await get(b)).state).toBe('JOB_STATE_PENDING');
    expect((await get(b)).tuningJobState).toBe('TUNING_JOB_STATE_WAITING_FOR_QUOTA');
    clock.advance(1200); // a: 1000 ms processing, then 4 steps of 100 ms
    expect((await get(a)).state).toBe('JOB_STATE_RUNNING');
    expect((await get(b)).tuningJobState).toBe('TUNING_JOB_STATE_WAITING_FOR_QUOTA');
    clock.advance(200); // a ends at 1400: b gets the slot and processes its dataset
    expect((await get(a)).state).toBe('JOB_STATE_SUCCEEDED');
    expect((await get(b)).tuningJobState).toBe('TUNING_JOB_STATE_PROCESSING_DATASET');
    clock.advance(1000);
    const running = await get(b);
    expect(running.state).toBe('JOB_STATE_RUNNING');
    expect(Date.parse(running.startTime) - Date.parse(running.createTime)).toBe(2400);

    // A third job waits behind b; cancelling b frees the slot at once (cancelMs 0).
    const c = await create();
    expect((await get(c)).tuningJobState).toBe('TUNING_JOB_STATE_WAITING_FOR_QUOTA');
    expect((await call(emu, 'POST', `/v1/${b.name}:cancel`, {})).status).toBe(200);
    expect((await get(c)).tuningJobState).toBe('TUNING_JOB_STATE_PROCESSING_DATASET');
    // Without the knob there is no limit.
    emu.configure({ vertex: { concurrentJobs: undefined } });
    const d = await create();
    expect((await get(d)).tuningJobState).toBe('TUNING_JOB_STATE_PROCESSING_DATASET');
  });

  it('cancel ends the job CANCELLED with error.code 1; a second cancel is refused', async () => {
    const job = await create();
    clock.advance(1100);
    const c = await call(emu, 'POST', `/v1/${job.name}:cancel`, {});
    expect(c.status).toBe(200);
    expect(c.json).toEqual({});
    clock.advance(60_000);
    const got = (await call(emu, 'GET', `/v1/${job.name}`)).json;
    expect(got.state).toBe('JOB_STATE_CANCELLED');
    expect(got.error).toEqual({ code: 1, message: 'CANCELED' });
    expect(got.tunedModel).toBeUndefined();
    const again = await call(emu, 'POST', `/v1/${job.name}:cancel`, {});
    expect(again.status).toBe(400);
    expect(again.json.error.status).toBe('FAILED_PRECONDITION');
  });
});

describe('countTokens and the billable count (the budget)', () => {
  it('countTokens on a publisher model counts every text part; the job reports one pass of billable tokens', async () => {
    const body = {
      contents: [
        { role: 'user', parts: [{ text: '12345678' }] },
        { role: 'model', parts: [{ text: 'abc' }] },
      ],
    };
    const r = await call(emu, 'POST', `${PARENT}/publishers/google/models/gemini-3.5-flash:countTokens`, body);
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ totalTokens: 3, totalBillableCharacters: 11 });
    expect(
      (await call(emu, 'POST', `${PARENT}/publishers/google/models/gemini-2.5-flash:countTokens`, body)).status,
    ).toBe(404);
    expect(
      (await call(emu, 'POST', `${PARENT}/publishers/google/models/gemini-3.5-flash:countTokens`, {})).status,
    ).toBe(400);
    const job = await create({}, {});
    clock.advance(1500);
    const stats = (await call(emu, 'GET', `/v1/${job.name}`)).json.tuningDataStats.supervisedTuningDataStats;
    // 16 examples "i" → "i+1": one token each side, one pass (not × the 2 epochs).
    expect(stats.totalBillableTokenCount).toBe('32');
  });
});

describe('tuningJobs.list', () => {
  it('filters by label and pages with nextPageToken', async () => {
    for (let i = 0; i < 5; i++) {
      await create({ labels: { key: i % 2 === 0 ? 'even' : 'odd' } });
      clock.advance(1);
    }
    const filter = encodeURIComponent('labels.key="even"');
    const first = await call(emu, 'GET', `${PARENT}/tuningJobs?filter=${filter}&pageSize=2`);
    expect(first.status).toBe(200);
    expect(first.json.tuningJobs).toHaveLength(2);
    expect(first.json.nextPageToken).toBeTypeOf('string');
    const second = await call(
      emu,
      'GET',
      `${PARENT}/tuningJobs?filter=${filter}&pageSize=2&pageToken=${first.json.nextPageToken}`,
    );
    expect(second.json.tuningJobs).toHaveLength(1);
    expect(second.json.nextPageToken).toBeUndefined();
    const all = [...first.json.tuningJobs, ...second.json.tuningJobs];
    expect(all.every((j: any) => j.labels.key === 'even')).toBe(true);
    expect(new Set(all.map((j: any) => j.name)).size).toBe(3);
    // a token from another filter is refused
    const mixed = await call(
      emu,
      'GET',
      `${PARENT}/tuningJobs?filter=labels.key%3Dodd&pageToken=${first.json.nextPageToken}`,
    );
    expect(mixed.status).toBe(400);
    const unquoted = await call(emu, 'GET', `${PARENT}/tuningJobs?filter=labels.key%3Deven`);
    expect(unquoted.json.tuningJobs).toHaveLength(3);
    const empty = await call(emu, 'GET', `${PARENT}/tuningJobs?filter=labels.key%3Dnone`);
    expect(empty.json).toEqual({});
  });
});

describe('generateContent', () => {
  it('the tuned endpoint answers from the training set once the job SUCCEEDED; the publisher model answers as the base', async () => {
    const job = await create();
    clock.advance(1000 + 100 * 4);
    const done = (await call(emu, 'GET', `/v1/${job.name}`)).json;
    const ask = { contents: [{ role: 'user', parts: [{ text: '7' }] }] };
    const tuned = await call(emu, 'POST', `/v1/${done.tunedModel.endpoint}:generateContent`, ask);
    expect(tuned.status, tuned.text).toBe(200);
    expect(tuned.json.candidates[0].content.parts[0].text).toBe('8');
    expect(tuned.json.usageMetadata.totalTokenCount).toBeGreaterThan(0);
    // Served from the us multi-region only, not from the region the job ran in.
    const inRegion = done.tunedModel.endpoint.replace('/locations/us/', `/locations/${LOC}/`);
    expect((await call(emu, 'POST', `/v1/${inRegion}:generateContent`, ask)).status).toBe(404);
    const base = await call(emu, 'POST', `${PARENT}/publishers/google/models/gemini-3.5-flash:generateContent`, ask);
    expect(base.status).toBe(200);
    expect(base.json.candidates[0].content.parts[0].text).toBe('The next number is 8.');
    const sse = await call(emu, 'POST', `/v1/${done.tunedModel.endpoint}:streamGenerateContent?alt=sse`, ask);
    expect(sse.headers.get('content-type')).toBe('text/event-stream');
    expect(JSON.parse(sse.text.replace(/^data: /, '')).candidates[0].content.parts[0].text).toBe('8');
    const arr = await call(
      emu,
      'POST',
      `${PARENT}/publishers/google/models/gemini-3.5-flash:streamGenerateContent`,
      ask,
    );
    expect(arr.json[0].candidates[0].content.parts[0].text).toBe('The next number is 8.');
    const unknown = await call(emu, 'POST', `${PARENT}/publishers/google/models/gemini-0:generateContent`, ask);
    expect(unknown.status).toBe(404);
    const noEndpoint = await call(emu, 'POST', `${PARENT}/endpoints/42:generateContent`, ask);
    expect(noEndpoint.status).toBe(404);
  });

  it('a running job has no endpoint to call yet', async () => {
    const job = await create();
    clock.advance(1100);
    const id = emu.vertex.jobs.all()[0]!.endpointId;
    const r = await call(emu, 'POST', `${PARENT}/endpoints/${id}:generateContent`, {
      contents: [{ role: 'user', parts: [{ text: '1' }] }],
    });
    expect(job.state).toBe('JOB_STATE_PENDING');
    expect(r.status).toBe(404);
  });
});

describe('loss metrics (experiment → TensorBoard)', () => {
  async function readCurves(jobName: string): Promise<Record<string, { step: string; scalar: { value: number } }[]>> {
    const job = (await call(emu, 'GET', `/v1/${jobName}`)).json;
    const exp = await call(emu, 'GET', `/v1/${job.experiment}`);
    expect(exp.status, exp.text).toBe(200);
    expect(exp.json.schemaTitle).toBe('system.Experiment');
    const tb = exp.json.metadata.backing_tensorboard_resource as string;
    const filter = `schema_title="system.ExperimentRun" AND parent_contexts:"${job.experiment}"`;
    const runs = await call(
      emu,
      'GET',
      `${PARENT}/metadataStores/default/contexts?filter=${encodeURIComponent(filter)}`,
    );
    expect(runs.json.contexts).toHaveLength(1);
    const runCtx = runs.json.contexts[0].name as string;
    const expId = job.experiment.split('/').pop();
    const runId = runCtx.slice(job.experiment.length + 1);
    const runName = `${tb}/experiments/${expId}/runs/${runId}`;
    const series = await call(emu, 'GET', `/v1/${runName}/timeSeries`);
    const byName = new Map<string, string>(series.json.tensorboardTimeSeries.map((s: any) => [s.displayName, s.name]));
    const names = [...byName.values()];
    const q = names.map((n) => `timeSeries=${encodeURIComponent(n)}`).join('&');
    const data = await call(emu, 'GET', `/v1/${tb}:batchRead?${q}`);
    expect(data.status, data.text).toBe(200);
    const out: Record<string, any> = {};
    for (const [display, name] of byName) {
      const id = name.split('/').pop();
      out[display] = data.json.timeSeriesData.find((d: any) => d.tensorboardTimeSeriesId === id).values ?? [];
    }
    return out;
  }

  it('serves train loss per completed step; no eval loss without a validation set', async () => {
    const job = await create();
    clock.advance(1000 + 100 * 3);
    const curves = await readCurves(job.name);
    expect(curves['/train_total_loss']!.map((v) => v.step)).toEqual(['1', '2', '3']);
    expect(curves['/eval_total_loss']).toBeUndefined();
    clock.advance(10_000);
    const done = await readCurves(job.name);
    const train = done['/train_total_loss']!;
    expect(train).toHaveLength(4);
    expect(train[3]!.scalar.value).toBeLessThan(train[0]!.scalar.value);
  });

  it('serves eval loss when a validation dataset is given; single-series :read agrees with batchRead', async () => {
    const job = await create({}, { validationDatasetUri: 'gs://bucket/data/val.jsonl' });
    clock.advance(60_000);
    const curves = await readCurves(job.name);
    expect(curves['/eval_total_loss']!.length).toBeGreaterThan(0);
    expect(curves['/eval_total_loss']!.at(-1)!.step).toBe('4');
    const r = emu.vertex.jobs.all()[0]!;
    const tb = `projects/${NUMBER}/locations/${LOC}/tensorboards`;
    const exp = `tuning-experiment-${r.id}`;
    const runs = await call(emu, 'GET', `/v1/${tb}/7391840263518412800/experiments/${exp}/runs`);
    expect(runs.json.tensorboardRuns.map((x: any) => x.name)).toEqual([
      `${tb}/7391840263518412800/experiments/${exp}/runs/run-${r.id}`,
    ]);
    const list = await call(emu, 'GET', `/v1/${tb}/7391840263518412800/experiments/${exp}/runs/run-${r.id}/timeSeries`);
    const trainName = list.json.tensorboardTimeSeries.find((s: any) => s.displayName === '/train_total_loss').name;
    const one = await call(emu, 'GET', `/v1/${trainName}:read`);
    expect(one.json.timeSeriesData.values.map((v: any) => v.scalar.value)).toEqual(
      curves['/train_total_loss']!.map((v) => v.scalar.value),
    );
  });

  it('a job that has not started has no experiment to read', async () => {
    const job = await create();
    expect(job.experiment).toBeUndefined();
    const r = emu.vertex.jobs.all()[0]!;
    const ctx = await call(emu, 'GET', `${PARENT}/metadataStores/default/contexts/tuning-experiment-${r.id}`);
    expect(ctx.status).toBe(404);
  });
});

describe('credentials', () => {
  it('needs a bearer token: none → 403, unknown → 401', async () => {
    const none = await call(emu, 'GET', `${PARENT}/tuningJobs`, undefined, {});
    expect(none.status).toBe(403);
    const bad = await call(emu, 'GET', `${PARENT}/tuningJobs`, undefined, { authorization: 'Bearer nope' });
    expect(bad.status).toBe(401);
    expect(bad.json.error.status).toBe('UNAUTHENTICATED');
    expect(bad.json.error.details[0].metadata.service).toBe('aiplatform.googleapis.com');
  });
});

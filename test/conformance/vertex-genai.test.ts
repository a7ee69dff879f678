/**
 * Conformance: @google/genai 3.3 (the 2026 SDK) in Vertex AI mode (vertexai: true, project, location) drives the
 * emulator's tuningJobs and generateContent routes, authenticated for real through
 * google-auth-library's external_account flow (STS on the same port).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GoogleGenAI, JobState } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/server.js';
import type { Emulator } from '../emulator/types.js';
import {
  AIPLATFORM_2026_09_ADDITIONS,
  DiscoveryValidator,
  fixtureMatchesSpec,
  loadFixture,
  withAdditions,
} from './fixtures/discovery-validator.js';

const PROJECT = 'demo-project';
const LOCATION = 'us-central1';
const AUDIENCE =
  '//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github/providers/repo';

let emu: Emulator;
let ai: GoogleGenAI;
let dir: string;
let t = Date.UTC(2026, 0, 1);

function contentsJsonl(n: number, start = 1): string {
  return Array.from({ length: n }, (_v, i) =>
    JSON.stringify({
      contents: [
        { role: 'user', parts: [{ text: String(start + i) }] },
        { role: 'model', parts: [{ text: String(start + i + 1) }] },
      ],
    }),
  ).join('\n');
}

beforeAll(async () => {
  process.env['METADATA_SERVER_DETECTION'] = 'none';
  emu = await startEmulator({ now: () => t, vertex: { stepMs: 100, pendingMs: 500 } });
  dir = mkdtempSync(join(tmpdir(), 'vertex-genai-'));
  const subject = join(dir, 'oidc');
  writeFileSync(subject, 'github-oidc-token');
  const keyFile = join(dir, 'credentials.json');
  writeFileSync(
    keyFile,
    JSON.stringify({
      type: 'external_account',
      audience: AUDIENCE,
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: `${emu.url}/v1/token`,
      credential_source: { file: subject },
    }),
  );
  ai = new GoogleGenAI({
    vertexai: true,
    project: PROJECT,
    location: LOCATION,
    httpOptions: { baseUrl: emu.url },
    googleAuthOptions: { keyFile, scopes: ['https://www.googleapis.com/auth/cloud-platform'] },
  });
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  emu.reset();
  emu.storage.put('stage', 'gemini-tune/train.jsonl', contentsJsonl(16));
  emu.storage.put('stage', 'gemini-tune/val.jsonl', contentsJsonl(4, 50));
});

describe('@google/genai 3.3 (Vertex AI mode) against the emulator', () => {
  it('tunings.tune → tunings.get until SUCCEEDED → generateContent on the tuned endpoint', async () => {
    const job = await ai.tunings.tune({
      baseModel: 'gemini-3.5-flash',
      trainingDataset: { gcsUri: 'gs://stage/gemini-tune/train.jsonl' },
      config: {
        tunedModelDisplayName: 'number generator',
        epochCount: 2,
        learningRateMultiplier: 1,
        adapterSize: 'ADAPTER_SIZE_FOUR' as never,
        labels: { 'gemini-tune-key': 'abc123' },
      },
    });
    expect(job.name).toMatch(/^projects\/123456789012\/locations\/us-central1\/tuningJobs\/\d{19}$/);
    expect(job.state).toBe(JobState.JOB_STATE_PENDING);

    const create = emu.requests.find((r) => r.method === 'POST' && r.path.endsWith('/tuningJobs'))!;
    expect(create.path).toBe(`/v1beta1/projects/${PROJECT}/locations/${LOCATION}/tuningJobs`);
    expect(create.headers['authorization']).toBe(`Bearer ${emu.tokens.all()[0]!.token}`);
    const sent = JSON.parse(create.body);
    expect(sent.supervisedTuningSpec.trainingDatasetUri).toBe('gs://stage/gemini-tune/train.jsonl');
    expect(sent.supervisedTuningSpec.hyperParameters).toEqual({
      epochCount: 2,
      learningRateMultiplier: 1,
      adapterSize: 'ADAPTER_SIZE_FOUR',
    });
    expect(sent.labels).toEqual({ 'gemini-tune-key': 'abc123' });

    t += 500 + 150;
    const running = await ai.tunings.get({ name: job.name! });
    expect(running.state).toBe(JobState.JOB_STATE_RUNNING);
    expect(running.experiment).toMatch(/metadataStores\/default\/contexts\/tuning-experiment-\d+$/);
    expect(running.tuningDataStats?.supervisedTuningDataStats?.tuningDatasetExampleCount).toBe('16');

    t += 10_000;
    const done = await ai.tunings.get({ name: job.name! });
    expect(done.state).toBe(JobState.JOB_STATE_SUCCEEDED);
    expect(done.tunedModel?.endpoint).toMatch(/^projects\/123456789012\/locations\/us\/endpoints\/\d+$/);
    expect(done.tunedModel?.model).toMatch(/models\/\d+@1$/);

    const answer = await ai.models.generateContent({ model: done.tunedModel!.endpoint!, contents: '7' });
    expect(answer.text).toBe('8');
    let streamed = '';
    for await (const chunk of await ai.models.generateContentStream({
      model: done.tunedModel!.endpoint!,
      contents: '9',
    })) {
      streamed += chunk.text ?? '';
    }
    expect(streamed).toBe('10');
    const base = await ai.models.generateContent({ model: 'gemini-3.5-flash', contents: '7' });
    expect(base.text).toBe('The next number is 8.');
  });

  it('models.get, models.update (defaultCheckpointId) and models.delete of a tuned model (the 2026 ModelService)', async () => {
    const job = await ai.tunings.tune({
      baseModel: 'gemini-3.5-flash',
      trainingDataset: { gcsUri: 'gs://stage/gemini-tune/train.jsonl' },
      config: { epochCount: 2, labels: { gemini_tune_repo: '42', gemini_tune_pr_7: 'open' } },
    });
    t += 20_000;
    const done = await ai.tunings.get({ name: job.name! });
    const modelName = done.tunedModel!.model!;
    const model = await ai.models.get({ model: modelName });
    expect(model.labels).toEqual({ gemini_tune_repo: '42', gemini_tune_pr_7: 'open' });
    expect(model.defaultCheckpointId).toBe('2');
    expect(model.checkpoints?.map((c) => c.checkpointId)).toEqual(['1', '2']);

    const updated = await ai.models.update({ model: modelName, config: { defaultCheckpointId: '1' } });
    expect(updated.defaultCheckpointId).toBe('1');
    const patch = emu.requests.find((r) => r.method === 'PATCH')!;
    // The SDK sends no updateMask: the service updates the fields the body sets (AIP-134).
    expect(new URL(patch.path, emu.url).searchParams.get('updateMask')).toBeNull();
    expect(JSON.parse(patch.body)).toEqual({ defaultCheckpointId: '1' });

    // Deployed on its endpoints: the delete is refused as Vertex AI refuses it.
    await expect(ai.models.delete({ model: modelName.replace(/@\d+$/, '') })).rejects.toThrow(/deployed/);
  });

  it('a job that fails on bad data comes back FAILED through tunings.get', async () => {
    emu.storage.put('stage', 'bad.jsonl', '{"text_input": "1", "output": "2"}\n');
    const job = await ai.tunings.tune({
      baseModel: 'gemini-3.5-flash',
      trainingDataset: { gcsUri: 'gs://stage/bad.jsonl' },
      config: { tunedModelDisplayName: 'bad data' },
    });
    t += 1000;
    const got = await ai.tunings.get({ name: job.name! });
    expect(got.state).toBe(JobState.JOB_STATE_FAILED);
    expect(got.error?.code).toBe(3);
    expect(got.error?.message).toContain('line 1');
  });

  it('tunings.cancel ends the job JOB_STATE_CANCELLED with error.code 1', async () => {
    const job = await ai.tunings.tune({
      baseModel: 'gemini-3.5-flash',
      trainingDataset: { gcsUri: 'gs://stage/gemini-tune/train.jsonl' },
      config: { validationDataset: { gcsUri: 'gs://stage/gemini-tune/val.jsonl' } },
    });
    t += 600;
    await ai.tunings.cancel({ name: job.name! });
    t += 10_000;
    const got = await ai.tunings.get({ name: job.name! });
    expect(got.state).toBe(JobState.JOB_STATE_CANCELLED);
    expect(got.error?.code).toBe(1);
    expect(got.tunedModel).toBeUndefined();
  });

  it('tunings.list pages through the jobs; tuningJobState and tuningJobMetadata come back through the SDK', async () => {
    for (let i = 0; i < 3; i++) {
      await ai.tunings.tune({
        baseModel: 'gemini-3.5-flash',
        trainingDataset: { gcsUri: 'gs://stage/gemini-tune/train.jsonl' },
        config: { tunedModelDisplayName: `list-${i}`, epochCount: 2 },
      });
    }
    const pager = await ai.tunings.list({ config: { pageSize: 2 } });
    const jobs = [];
    for await (const j of pager) jobs.push(j);
    expect(jobs).toHaveLength(3);
    expect(new Set(jobs.map((j) => j.name)).size).toBe(3);
    expect(emu.requests.filter((r) => r.method === 'GET' && /\/tuningJobs\?/.test(r.path)).length).toBe(2);
    t += 500 + 100; // past PENDING, one step in
    const running = await ai.tunings.get({ name: jobs[0]!.name! });
    expect(running.state).toBe(JobState.JOB_STATE_RUNNING);
    expect(running.tuningJobState).toBe('TUNING_JOB_STATE_TUNING');
    expect(running.tuningJobMetadata?.completedEpochCount).toMatch(/^\d+$/);
  });

  it('a training dataset missing from Cloud Storage is refused at create (400)', async () => {
    await expect(
      ai.tunings.tune({ baseModel: 'gemini-3.5-flash', trainingDataset: { gcsUri: 'gs://stage/missing.jsonl' } }),
    ).rejects.toThrow(/400|missing\.jsonl/);
  });
});

describe('emulator responses validate against the aiplatform v1 discovery schemas (strict)', () => {
  const A = 'GoogleCloudAiplatformV1';
  // The 2025 discovery schemas, plus the TuningJob fields of the 2026-09 protos.
  const v = new DiscoveryValidator('ai', withAdditions(loadFixture('aiplatform.v1'), AIPLATFORM_2026_09_ADDITIONS));
  const headers = { authorization: 'Bearer emulator-access-token', 'content-type': 'application/json' };
  const get = async (path: string): Promise<any> => {
    const r = await fetch(`${emu.url}${path}`, { headers });
    expect(r.status, path).toBe(200);
    return r.json();
  };
  const post = async (path: string, body: unknown): Promise<any> => {
    const r = await fetch(`${emu.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    const text = await r.text();
    expect(r.status, text).toBe(200);
    return JSON.parse(text);
  };

  it('the vendored schemas are those of the shared discovery document (when present)', () => {
    const problems = fixtureMatchesSpec(loadFixture('aiplatform.v1'));
    if (problems !== undefined) expect(problems).toEqual([]);
  });

  it('the validator itself rejects an invented field, a number int64 and an unknown enum', () => {
    expect(v.check(`${A}TuningJob`, { name: 'x', bogus: 1 })).not.toEqual([]);
    expect(v.check(`${A}TuningJob`, { supervisedTuningSpec: { hyperParameters: { epochCount: 3 } } })).not.toEqual([]);
    expect(
      v.check(`${A}TuningJob`, { supervisedTuningSpec: { hyperParameters: { adapterSize: 'FOUR' } } }),
    ).not.toEqual([]);
    expect(v.check(`${A}TuningJob`, { state: 'JOB_STATE_SUCCEEDED', labels: { a: 'b' } })).toEqual([]);
  });

  it('TuningJob through every state, list, cancel, generateContent, the metrics reads, errors', async () => {
    const parent = `/v1/projects/${PROJECT}/locations/${LOCATION}`;
    const body = {
      baseModel: 'gemini-3.5-flash',
      tunedModelDisplayName: 'schema check',
      description: 'd',
      labels: { k: 'v' },
      supervisedTuningSpec: {
        trainingDatasetUri: 'gs://stage/gemini-tune/train.jsonl',
        validationDatasetUri: 'gs://stage/gemini-tune/val.jsonl',
        hyperParameters: { epochCount: '2', learningRateMultiplier: 0.5, adapterSize: 'ADAPTER_SIZE_EIGHT' },
      },
    };
    const errs: string[] = [];
    const created = await post(`${parent}/tuningJobs`, body);
    errs.push(...v.check(`${A}TuningJob`, created));
    t += 650;
    const running = await get(`/v1/${created.name as string}`);
    errs.push(...v.check(`${A}TuningJob`, running));
    t += 10_000;
    const done = await get(`/v1/${created.name as string}`);
    expect(done.state).toBe('JOB_STATE_SUCCEEDED');
    errs.push(...v.check(`${A}TuningJob`, done));
    errs.push(...v.check(`${A}ListTuningJobsResponse`, await get(`${parent}/tuningJobs?pageSize=1`)));

    const other = await post(`${parent}/tuningJobs`, body);
    errs.push(...v.check('GoogleProtobufEmpty', await post(`/v1/${other.name as string}:cancel`, {})));
    const cancelled = await get(`/v1/${other.name as string}`);
    errs.push(...v.check(`${A}TuningJob`, cancelled));
    emu.storage.put('stage', 'bad.jsonl', 'nope\n');
    const failed = await post(`${parent}/tuningJobs`, {
      ...body,
      supervisedTuningSpec: { trainingDatasetUri: 'gs://stage/bad.jsonl' },
    });
    t += 1000;
    errs.push(...v.check(`${A}TuningJob`, await get(`/v1/${failed.name as string}`)));

    const ask = { contents: [{ role: 'user', parts: [{ text: '3' }] }] };
    errs.push(
      ...v.check(
        `${A}GenerateContentResponse`,
        await post(`/v1/${done.tunedModel.endpoint as string}:generateContent`, ask),
      ),
    );
    errs.push(
      ...v.check(
        `${A}GenerateContentResponse`,
        await post(`${parent}/publishers/google/models/gemini-3.5-flash:generateContent`, ask),
      ),
    );

    const exp = await get(`/v1/${done.experiment as string}`);
    errs.push(...v.check(`${A}Context`, exp));
    const filter = `schema_title="system.ExperimentRun" AND parent_contexts:"${done.experiment as string}"`;
    const runs = await get(`${parent}/metadataStores/default/contexts?filter=${encodeURIComponent(filter)}`);
    errs.push(...v.check(`${A}ListContextsResponse`, runs));
    const tb = exp.metadata.backing_tensorboard_resource as string;
    errs.push(...v.check(`${A}Tensorboard`, await get(`/v1/${tb}`)));
    const runId = (runs.contexts[0].name as string).slice((done.experiment as string).length + 1);
    const run = `${tb}/experiments/${(done.experiment as string).split('/').pop()!}/runs/${runId}`;
    errs.push(...v.check(`${A}TensorboardRun`, await get(`/v1/${run}`)));
    const expName = run.replace(/\/runs\/[^/]+$/, '');
    errs.push(...v.check(`${A}TensorboardExperiment`, await get(`/v1/${expName}`)));
    errs.push(...v.check(`${A}ListTensorboardRunsResponse`, await get(`/v1/${expName}/runs`)));
    const series = await get(`/v1/${run}/timeSeries`);
    errs.push(...v.check(`${A}ListTensorboardTimeSeriesResponse`, series));
    const names = (series.tensorboardTimeSeries as { name: string }[]).map((s) => s.name);
    expect(names.length).toBe(6);
    const q = names.map((n) => `timeSeries=${encodeURIComponent(n)}`).join('&');
    errs.push(...v.check(`${A}BatchReadTensorboardTimeSeriesDataResponse`, await get(`/v1/${tb}:batchRead?${q}`)));
    errs.push(...v.check(`${A}ReadTensorboardTimeSeriesDataResponse`, await get(`/v1/${names[0]!}:read`)));

    const bad = await fetch(`${emu.url}${parent}/tuningJobs/1`, { headers });
    expect(bad.status).toBe(404);
    const errBody = (await bad.json()) as { error: Record<string, unknown> };
    const { status: _status, ...rpc } = errBody.error;
    errs.push(...v.check('GoogleRpcStatus', rpc));
    expect(errs).toEqual([]);
  });
});

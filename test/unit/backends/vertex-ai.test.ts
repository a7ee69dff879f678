/**
 * The Vertex AI backend's requests and its reading of responses, over a stub transport that
 * records every request (URL, method, body) and answers from a routing table. The HTTP stack itself
 * is exercised in test/integration/vertex.test.ts against the emulator.
 */

import { describe, expect, it } from 'vitest';
import type { RawRequestClient } from '../../../src/backends/gcs-upload.js';
import { GoogleHttp, type RequestClient } from '../../../src/backends/http.js';
import { CONTENT_KEY_LABEL, VertexAiBackend } from '../../../src/backends/vertex-ai.js';
import { mapState } from '../../../src/backends/vertex-wire.js';
import { examplesInMemory } from '../../../src/dataset/example-set.js';
import type { Hyperparameters } from '../../../src/domain.js';
import { instantClock } from '../../helpers/virtual-clock.js';

interface Seen {
  method: string;
  url: string;
  data: unknown;
  headers: Record<string, string> | undefined;
}
type Reply = { status?: number; data?: unknown; headers?: Record<string, string> };
type Route = [method: string, pattern: RegExp, reply: (seen: Seen) => Reply];

function stub(routes: Route[]) {
  const seen: Seen[] = [];
  const client = {
    async request(opts: {
      url: string;
      method: string;
      data?: unknown;
      headers?: Record<string, string>;
      validateStatus?: (s: number) => boolean;
    }) {
      const s: Seen = { method: opts.method, url: opts.url, data: opts.data, headers: opts.headers };
      seen.push(s);
      const route = routes.find(([m, p]) => m === opts.method && p.test(opts.url));
      const reply: Reply = route ? route[2](s) : { status: 404, data: { error: { code: 404, message: 'no route' } } };
      const status = reply.status ?? 200;
      const headers = new Headers(reply.headers ?? {});
      const ok = opts.validateStatus ? opts.validateStatus(status) : status >= 200 && status < 300;
      if (!ok) throw Object.assign(new Error(`HTTP ${status}`), { response: { status, data: reply.data, headers } });
      return { status, data: reply.data, headers };
    },
  };
  return { seen, client };
}

const HP: Hyperparameters = {
  epochCount: 3,
  batchSize: null,
  learningRate: null,
  learningRateMultiplier: 0.5,
  adapterSize: 4,
};
const KEY = 'ab'.repeat(32);
const JOB = 'projects/123456789012/locations/us-central1/tuningJobs/777';
const EXPERIMENT = 'projects/123456789012/locations/us-central1/metadataStores/default/contexts/tuning-experiment-777';
const TB = 'projects/123456789012/locations/us-central1/tensorboards/55';

function backend(
  routes: Route[],
  opts: { apiEndpoint?: string | null; location?: string; log?: (m: string) => void } = {},
) {
  const { seen, client } = stub(routes);
  const b = new VertexAiBackend(
    new GoogleHttp(client as unknown as RequestClient, { clock: instantClock() }),
    client as unknown as RawRequestClient,
    {
      project: 'my-proj',
      location: opts.location ?? 'us-central1',
      stagingUri: 'gs://bkt/pre',
      apiEndpoint: opts.apiEndpoint === undefined ? null : opts.apiEndpoint,
      uploadChunkSize: 256 * 1024,
      ...(opts.log ? { log: opts.log } : {}),
    },
  );
  return { b, seen };
}

const uploadRoutes: Route[] = [
  ['GET', /\/storage\/v1\/b\/bkt\/o\//, () => ({ status: 404, data: { error: { code: 404 } } })],
  [
    'POST',
    /\/upload\/storage\/v1\/b\/bkt\/o\?/,
    (s) => ({
      headers: { location: `${new URL(s.url).origin}/upload/session/${s.url.includes('validation') ? 'v' : 't'}` },
    }),
  ],
  ['PUT', /\/upload\/session\//, () => ({ data: '{}' })],
];

const examples = [
  { textInput: '1', output: '2', line: 1 },
  { textInput: 'three', output: 'four', line: 2 },
];

describe('VertexAiBackend.create', () => {
  it('uploads contents JSONL under the content key, then creates the job with the exact wire shapes', async () => {
    const { b, seen } = backend([
      ...uploadRoutes,
      ['POST', /\/tuningJobs$/, () => ({ data: { name: JOB, state: 'JOB_STATE_PENDING' } })],
    ]);
    const status = await b.create({
      baseModel: 'gemini-3.5-flash',
      displayName: 'number-tuner-pr7',
      description: 'desc',
      hyperparameters: HP,
      examples: examplesInMemory(examples),
      validationExamples: examplesInMemory([{ textInput: 'v', output: 'w', line: 1 }]),
      contentKey: KEY,
      tunedModelId: null,
    });
    expect(status).toMatchObject({ job: JOB, state: 'CREATING', tunedModel: null, endpoint: null });

    const puts = seen.filter((s) => s.method === 'PUT');
    const training = Buffer.from(puts[0]?.data as Buffer).toString('utf8');
    expect(
      training
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
    ).toEqual([
      {
        contents: [
          { role: 'user', parts: [{ text: '1' }] },
          { role: 'model', parts: [{ text: '2' }] },
        ],
      },
      {
        contents: [
          { role: 'user', parts: [{ text: 'three' }] },
          { role: 'model', parts: [{ text: 'four' }] },
        ],
      },
    ]);
    const init = seen.find((s) => s.method === 'POST' && s.url.includes('uploadType=resumable'));
    expect(init?.url).toMatch(/^https:\/\/storage\.googleapis\.com\/upload\/storage\/v1\/b\/bkt\/o\?/);
    expect(new URL(init!.url).searchParams.get('name')).toBe(`pre/${KEY}/training.jsonl`);

    const create = seen.find((s) => s.url.endsWith('/tuningJobs'));
    expect(create?.url).toBe(
      'https://us-central1-aiplatform.googleapis.com/v1/projects/my-proj/locations/us-central1/tuningJobs',
    );
    expect(create?.data).toEqual({
      baseModel: 'gemini-3.5-flash',
      supervisedTuningSpec: {
        trainingDatasetUri: `gs://bkt/pre/${KEY}/training.jsonl`,
        validationDatasetUri: `gs://bkt/pre/${KEY}/validation.jsonl`,
        hyperParameters: { epochCount: '3', learningRateMultiplier: 0.5, adapterSize: 'ADAPTER_SIZE_FOUR' },
      },
      tunedModelDisplayName: 'number-tuner-pr7',
      description: 'desc',
      labels: { [CONTENT_KEY_LABEL]: KEY.slice(0, 63), 'managed-by': 'gemini-tune' },
    });
    expect(b.uploads.map((u) => u.uri)).toEqual([
      `gs://bkt/pre/${KEY}/training.jsonl`,
      `gs://bkt/pre/${KEY}/validation.jsonl`,
    ]);
  });

  it('omits hyperParameters and validation when none are given; a permission error says which role', async () => {
    const { b, seen } = backend([
      ...uploadRoutes,
      [
        'POST',
        /\/tuningJobs$/,
        () => ({ status: 403, data: { error: { code: 403, status: 'PERMISSION_DENIED', message: 'denied' } } }),
      ],
    ]);
    const err = (await b
      .create({
        baseModel: 'gemini-3.5-flash',
        displayName: 'x',
        description: '',
        hyperparameters: { ...HP, epochCount: null, learningRateMultiplier: null, adapterSize: null },
        examples: examplesInMemory(examples),
        validationExamples: examplesInMemory([]),
        contentKey: KEY,
        tunedModelId: null,
      })
      .catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/roles\/aiplatform\.user/);
    const create = seen.find((s) => s.url.endsWith('/tuningJobs'));
    expect(create?.data).toMatchObject({ supervisedTuningSpec: { trainingDatasetUri: expect.any(String) } });
    expect((create?.data as { supervisedTuningSpec: object }).supervisedTuningSpec).not.toHaveProperty(
      'hyperParameters',
    );
    expect(create?.data).not.toHaveProperty('description');
    expect(seen.filter((s) => s.url.endsWith('/tuningJobs'))).toHaveLength(1); // a create is never repeated
  });
});

describe('VertexAiBackend.status', () => {
  it('maps the states per the contract', () => {
    expect(mapState('JOB_STATE_SUCCEEDED')).toBe('ACTIVE');
    expect(mapState('JOB_STATE_FAILED')).toBe('FAILED');
    expect(mapState('JOB_STATE_EXPIRED')).toBe('FAILED');
    expect(mapState('JOB_STATE_CANCELLED')).toBe('CANCELLED');
    for (const s of ['JOB_STATE_PENDING', 'JOB_STATE_QUEUED', 'JOB_STATE_RUNNING', 'JOB_STATE_CANCELLING', undefined]) {
      expect(mapState(s)).toBe('CREATING');
    }
  });

  it('reads endpoint, model, data stats and the loss curve from the experiment TensorBoard', async () => {
    const series = `${TB}/experiments/tuning-experiment-777/runs/run-1/timeSeries/9`;
    const { b, seen } = backend(
      [
        [
          'GET',
          /\/tuningJobs\/777$/,
          () => ({
            data: {
              name: JOB,
              state: 'JOB_STATE_SUCCEEDED',
              experiment: EXPERIMENT,
              tunedModel: {
                model: 'projects/123456789012/locations/us/models/5@1',
                endpoint: 'projects/123456789012/locations/us/endpoints/8',
              },
              supervisedTuningSpec: { hyperParameters: { epochCount: '2', adapterSize: 'ADAPTER_SIZE_EIGHT' } },
              tuningDataStats: {
                supervisedTuningDataStats: {
                  tuningDatasetExampleCount: '20',
                  tuningStepCount: '4',
                  totalBillableTokenCount: '1234',
                },
              },
            },
          }),
        ],
        [
          'GET',
          /contexts\/tuning-experiment-777$/,
          () => ({ data: { metadata: { backing_tensorboard_resource: TB } } }),
        ],
        [
          'GET',
          /metadataStores\/default\/contexts\?/,
          () => ({ data: { contexts: [{ name: `${EXPERIMENT.replace(/[^/]+$/, '')}tuning-experiment-777-run-1` }] } }),
        ],
        [
          'GET',
          /runs\/run-1\/timeSeries$/,
          () => ({
            data: {
              tensorboardTimeSeries: [
                { name: `${series.replace(/9$/, '8')}`, displayName: '/eval_total_loss' },
                { name: series, displayName: '/train_total_loss' },
              ],
            },
          }),
        ],
        [
          'GET',
          /timeSeries\/9:read/,
          () => ({
            data: {
              timeSeriesData: {
                values: [
                  { step: '2', wallTime: '2026-01-01T00:00:02Z', scalar: { value: 1.5 } },
                  { step: '1', wallTime: '2026-01-01T00:00:01Z', scalar: { value: 2.5 } },
                  { step: '4', wallTime: '2026-01-01T00:00:04Z', scalar: { value: 0.5 } },
                ],
              },
            },
          }),
        ],
      ],
      { apiEndpoint: 'http://127.0.0.1:1' },
    );
    const s = await b.status(JOB);
    expect(s).toMatchObject({
      state: 'ACTIVE',
      tunedModel: 'projects/123456789012/locations/us/models/5@1',
      endpoint: 'projects/123456789012/locations/us/endpoints/8',
      totalSteps: 4,
      completedSteps: 4,
      error: null,
      hyperparameters: { epochCount: 2, adapterSize: 8, learningRateMultiplier: null },
      tuningDataStats: { exampleCount: 20, tuningStepCount: 4, totalBillableTokenCount: 1234 },
    });
    expect(s.snapshots.map((x) => [x.step, x.epoch, x.meanLoss])).toEqual([
      [1, 1, 2.5],
      [2, 1, 1.5],
      [4, 2, 0.5],
    ]);
    const list = seen.find((x) => x.url.includes('/contexts?'));
    expect(new URL(list!.url).searchParams.get('filter')).toBe(
      `schema_title="system.ExperimentRun" AND parent_contexts:"${EXPERIMENT}"`,
    );
    expect(seen.every((x) => x.url.startsWith('http://127.0.0.1:1/v1/'))).toBe(true);

    // The series is remembered: the next poll is the job and one read.
    const before = seen.length;
    await b.status(JOB);
    expect(seen.slice(before).map((x) => new URL(x.url).pathname.split('/').pop())).toEqual(['777', '9:read']);
  });

  it('a FAILED job carries the service message; no experiment means no loss points', async () => {
    const { b } = backend([
      [
        'GET',
        /\/tuningJobs\/777$/,
        () => ({
          data: { name: JOB, state: 'JOB_STATE_FAILED', error: { code: 3, message: 'Dataset has 0 valid examples.' } },
        }),
      ],
    ]);
    const s = await b.status(JOB);
    expect(s.state).toBe('FAILED');
    expect(s.error).toContain('Dataset has 0 valid examples.');
    expect(s.error).toContain('code 3');
    expect(s.snapshots).toEqual([]);
  });

  it('a loss curve that cannot be read does not fail the poll, and is reported once', async () => {
    const logged: string[] = [];
    const { b, seen } = backend(
      [
        [
          'GET',
          /\/tuningJobs\/777$/,
          () => ({ data: { name: JOB, state: 'JOB_STATE_RUNNING', experiment: EXPERIMENT } }),
        ],
        [
          'GET',
          /contexts\/tuning-experiment-777$/,
          () => ({ status: 403, data: { error: { code: 403, status: 'PERMISSION_DENIED', message: 'no metadata' } } }),
        ],
      ],
      { log: (m) => logged.push(m) },
    );
    const first = await b.status(JOB);
    const second = await b.status(JOB);
    expect([first.state, second.state]).toEqual(['CREATING', 'CREATING']);
    expect(first.snapshots).toEqual([]);
    expect(logged.filter((m) => m.includes('Could not read the loss curve'))).toHaveLength(1);
    expect(logged[0]).toContain('no metadata');
    expect(seen.filter((x) => x.url.endsWith('/contexts/tuning-experiment-777'))).toHaveLength(2); // no retry storm
  });

  it('an EXPIRED job is FAILED and says it expired', async () => {
    const { b } = backend([['GET', /\/tuningJobs\/777$/, () => ({ data: { name: JOB, state: 'JOB_STATE_EXPIRED' } })]]);
    const s = await b.status(JOB);
    expect(s.state).toBe('FAILED');
    expect(s.error).toMatch(/expired/);
  });

  it('refuses a name that is not a tuning job', async () => {
    const { b, seen } = backend([]);
    await expect(b.status('tunedModels/abc')).rejects.toThrow(/not a Vertex AI tuning job name/);
    expect(seen).toHaveLength(0);
  });
});

describe('VertexAiBackend.findByContentKey', () => {
  it('filters on the content-key label and prefers a succeeded job; failed ones never count', async () => {
    const label = KEY.slice(0, 63);
    const job = (id: string, state: string, createTime: string, key = label) => ({
      name: `projects/123456789012/locations/us-central1/tuningJobs/${id}`,
      state,
      createTime,
      labels: { [CONTENT_KEY_LABEL]: key },
    });
    const { b, seen } = backend([
      [
        'GET',
        /\/tuningJobs\?/,
        (s) =>
          new URL(s.url).searchParams.get('pageToken')
            ? { data: { tuningJobs: [job('3', 'JOB_STATE_SUCCEEDED', '2026-01-01T00:00:00Z')] } }
            : {
                data: {
                  tuningJobs: [
                    job('1', 'JOB_STATE_FAILED', '2026-01-03T00:00:00Z'),
                    job('2', 'JOB_STATE_RUNNING', '2026-01-02T00:00:00Z'),
                    job('4', 'JOB_STATE_SUCCEEDED', '2026-01-04T00:00:00Z', 'other'),
                  ],
                  nextPageToken: 'p2',
                },
              },
      ],
      ['GET', /\/tuningJobs\/3$/, () => ({ data: job('3', 'JOB_STATE_SUCCEEDED', '2026-01-01T00:00:00Z') })],
    ]);
    const found = await b.findByContentKey(KEY);
    expect(found?.job).toBe('projects/123456789012/locations/us-central1/tuningJobs/3');
    expect(found?.state).toBe('ACTIVE');
    const first = seen[0]!;
    expect(new URL(first.url).searchParams.get('filter')).toBe(`labels.${CONTENT_KEY_LABEL}="${label}"`);
  });

  it('returns null when only failed jobs carry the key', async () => {
    const { b } = backend([
      [
        'GET',
        /\/tuningJobs\?/,
        () => ({
          data: {
            tuningJobs: [
              { name: JOB, state: 'JOB_STATE_CANCELLED', labels: { [CONTENT_KEY_LABEL]: KEY.slice(0, 63) } },
            ],
          },
        }),
      ],
    ]);
    expect(await b.findByContentKey(KEY)).toBeNull();
  });
});

describe('VertexAiBackend.generate and cancel', () => {
  it('calls the tuned endpoint as is and a base model through publishers/google/models', async () => {
    const answer = { candidates: [{ content: { parts: [{ text: 'LXIV' }] } }] };
    const { b, seen } = backend([['POST', /:generateContent$/, () => ({ data: answer })]], { location: 'global' });
    const endpoint = 'projects/123456789012/locations/europe-west4/endpoints/8';
    expect((await b.generate(endpoint, 'LXIII', { temperature: 0 })).text).toBe('LXIV');
    await b.generate('gemini-3.5-flash', 'hi', { temperature: 0 });
    expect(seen.map((s) => s.url)).toEqual([
      `https://europe-west4-aiplatform.googleapis.com/v1/${endpoint}:generateContent`,
      'https://aiplatform.googleapis.com/v1/projects/my-proj/locations/global/publishers/google/models/gemini-3.5-flash:generateContent',
    ]);
    expect(seen[0]?.data).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'LXIII' }] }],
      generationConfig: { temperature: 0 },
    });
  });

  it('cancel posts {name}:cancel and ignores a job that already ended', async () => {
    const { b, seen } = backend([
      [
        'POST',
        /:cancel$/,
        () => ({ status: 400, data: { error: { code: 400, status: 'FAILED_PRECONDITION', message: 'ended' } } }),
      ],
    ]);
    await b.cancel({
      job: JOB,
      state: 'CREATING',
      tunedModel: null,
      endpoint: null,
      completedPercent: null,
      completedSteps: null,
      totalSteps: null,
      snapshots: [],
      error: null,
      hyperparameters: null,
    });
    expect(seen.map((s) => [s.method, s.url])).toEqual([
      ['POST', `https://us-central1-aiplatform.googleapis.com/v1/${JOB}:cancel`],
    ]);
  });
});

/**
 * What the services answer (issue 12, items 9, 10 and 12): a 2xx body that is not the resource the
 * call returns is a clear, non-retried error naming the call; a poll never wipes what was known;
 * only finite, non-negative loss values reach the snapshots; and a failed token exchange or
 * service-account impersonation is named as such, with Google's message kept and scrubbed.
 */

import { describe, expect, it, vi } from 'vitest';
import { MalformedAnswerError, GoogleApiError } from '../../../src/backends/errors.js';
import { GeminiApiBackend } from '../../../src/backends/gemini-api.js';
import { GoogleHttp, authStepOf, toHttpError, type RequestClient } from '../../../src/backends/http.js';
import type { RawRequestClient } from '../../../src/backends/gcs-upload.js';
import { VertexAiBackend } from '../../../src/backends/vertex-ai.js';
import { lossValue, MAX_FLOAT32, preview } from '../../../src/backends/answers.js';
import { examplesInMemory } from '../../../src/dataset/example-set.js';
import type { JobStatus } from '../../../src/domain.js';
import { keepKnown, waitForJob } from '../../../src/job/wait.js';
import { forgetSecrets, registerSecret } from '../../../src/runner/secrets.js';
import { instantClock } from '../../helpers/virtual-clock.js';

type Reply = { status?: number; data: unknown };
type Route = [method: string, pattern: RegExp, reply: () => Reply];

/** A transport that answers from a routing table, as gaxios does (a non-JSON body comes back as text). */
function stub(routes: Route[]) {
  const seen: string[] = [];
  const client = {
    async request(opts: { url: string; method: string }) {
      seen.push(`${opts.method} ${new URL(opts.url).pathname}`);
      const route = routes.find(([m, p]) => m === opts.method && p.test(opts.url));
      const reply = route ? route[2]() : { status: 404, data: { error: { code: 404, message: 'no route' } } };
      const status = reply.status ?? 200;
      if (status >= 300) throw Object.assign(new Error(`HTTP ${status}`), { response: { status, data: reply.data } });
      return { status, data: reply.data, headers: new Headers() };
    },
  };
  return { seen, client };
}

const gemini = (routes: Route[]) => {
  const { seen, client } = stub(routes);
  const http = new GoogleHttp(client as unknown as RequestClient, { clock: instantClock() });
  return { b: new GeminiApiBackend(http, 'http://127.0.0.1:1'), seen };
};
const vertex = (routes: Route[], log?: (m: string) => void) => {
  const { seen, client } = stub(routes);
  const http = new GoogleHttp(client as unknown as RequestClient, { clock: instantClock() });
  const b = new VertexAiBackend(http, client as unknown as RawRequestClient, {
    project: 'p',
    location: 'us-central1',
    stagingUri: 'gs://bkt/pre',
    apiEndpoint: 'http://127.0.0.1:1',
    ...(log ? { log } : {}),
  });
  return { b, seen };
};

const OP = 'tunedModels/num-gen-abc/operations/op1';
const JOB = 'projects/123/locations/us-central1/tuningJobs/777';
/** Bodies that are not an object, as gaxios hands them over (JSON parsed when it parses, else the text). */
const GARBAGE: [string, unknown][] = [
  ['null', null],
  ['a JSON string', 'x'],
  ['an array', []],
  ['a number', 42],
  ['truncated JSON', '{"name": "tunedModels/num-gen-abc/operations/op1", "done": fal'],
  ['an HTML page', '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>'],
  ['an empty body', ''],
  ['an object without a name', {}],
  ['a name that is not a string', { name: 7 }],
];

describe('a 2xx answer that is not the resource the call returns', () => {
  it.each(GARBAGE)('Gemini API operations.get answering %s: a MalformedAnswerError, not retried', async (_, data) => {
    const { b, seen } = gemini([['GET', /operations\/op1/, () => ({ data })]]);
    const err = await b.status(OP).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MalformedAnswerError);
    expect((err as Error).message).toMatch(
      /^operations\.get answered HTTP 200 with a body that is not an Operation \(/,
    );
    expect((err as MalformedAnswerError).retryable).toBe(false);
    expect(seen).toHaveLength(1);
  });

  it.each(GARBAGE)('Vertex AI tuningJobs.get answering %s: a MalformedAnswerError, not retried', async (_, data) => {
    const { b, seen } = vertex([['GET', /tuningJobs\/777$/, () => ({ data })]]);
    const err = await b.status(JOB).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MalformedAnswerError);
    expect((err as Error).message).toMatch(/^tuningJobs\.get answered HTTP 200 with a body that is not a TuningJob \(/);
    expect(seen).toHaveLength(1);
  });

  it('quotes a short preview of the body, on one line, scrubbed of secrets', async () => {
    registerSecret('sekrit-token-123456');
    try {
      const html = `<html>\n<body>sekrit-token-123456 ${'x'.repeat(500)}</body></html>`;
      const { b } = vertex([['GET', /tuningJobs\/777$/, () => ({ data: html })]]);
      const err = (await b.status(JOB).catch((e: unknown) => e)) as Error;
      expect(err.message).toContain('(not a JSON object): <html> <body>*** xxx');
      expect(err.message).not.toContain('sekrit');
      expect(err.message.length).toBeLessThan(200);
      expect(err.message).not.toContain('\n');
    } finally {
      forgetSecrets();
    }
    expect(preview('')).toBe('(empty)');
    expect(preview({ a: 1 })).toBe('{"a":1}');
  });

  it('names the field of the wrong type', async () => {
    const { b } = gemini([['GET', /operations\/op1/, () => ({ data: { name: OP, done: 'yes' } })]]);
    await expect(b.status(OP)).rejects.toThrow('(done is not a boolean)');
  });

  it('a create answered "null" is an error naming the call (and, on the Gemini API, where the model would be)', async () => {
    const g = gemini([['POST', /\/v1beta\/tunedModels/, () => ({ data: null })]]);
    const request = {
      baseModel: 'models/gemini-1.5-flash-001-tuning',
      displayName: 'd',
      description: '',
      hyperparameters: {
        epochCount: 1,
        batchSize: null,
        learningRate: null,
        learningRateMultiplier: null,
        adapterSize: null,
      },
      examples: examplesInMemory([{ textInput: 'a', output: 'b', line: 1 }]),
      validationExamples: examplesInMemory([]),
      contentKey: 'ab'.repeat(32),
      tunedModelId: 'num-gen-abc',
    };
    const err = (await g.b.create(request).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(MalformedAnswerError);
    expect(err.message).toMatch(
      /^tunedModels\.create answered HTTP 200 with a body that is not an Operation \(not a JSON object\): null/,
    );
    expect(err.message).toContain('tunedModels/num-gen-abc');
    // A fixed tunedModelId makes the create idempotent, but a malformed answer is not retried.
    expect(g.seen.filter((s) => s.startsWith('POST'))).toHaveLength(1);
  });

  it('an answer that names nothing keeps the name that was asked for', async () => {
    const { b } = gemini([['GET', /operations\/op1/, () => ({ data: { name: '', done: false } })]]);
    expect((await b.status(OP)).job).toBe(OP);
  });

  it('a list, a cancel and a delete are checked too', async () => {
    const v = vertex([
      ['GET', /tuningJobs\?/, () => ({ data: { tuningJobs: 'nope' } })],
      ['POST', /:cancel$/, () => ({ data: '<html>oops</html>' })],
    ]);
    await expect(v.b.findByContentKey('ab'.repeat(32))).rejects.toThrow(
      /^tuningJobs\.list answered HTTP 200 with a body that is not a ListTuningJobsResponse \(tuningJobs is not an array\)/,
    );
    await expect(v.b.cancel({ job: JOB } as JobStatus)).rejects.toThrow(/^tuningJobs\.cancel answered HTTP 200/);
    // google.protobuf.Empty: {} or an empty body is fine.
    const ok = vertex([['POST', /:cancel$/, () => ({ data: '' })]]);
    await expect(ok.b.cancel({ job: JOB } as JobStatus)).resolves.toBeUndefined();
    const g = gemini([['DELETE', /tunedModels\/x$/, () => ({ data: {} })]]);
    await expect(g.b.cancel({ job: '', tunedModel: 'tunedModels/x' } as JobStatus)).resolves.toBeUndefined();
  });
});

describe('polling keeps what was known', () => {
  const status = (over: Partial<JobStatus>): JobStatus => ({
    job: OP,
    state: 'CREATING',
    tunedModel: 'tunedModels/num-gen-abc',
    endpoint: 'tunedModels/num-gen-abc',
    completedPercent: null,
    completedSteps: null,
    totalSteps: null,
    snapshots: [{ step: 1, epoch: 1, meanLoss: 2, computeTime: null }],
    error: null,
    hyperparameters: null,
    ...over,
  });

  it('a status without names or snapshots does not wipe them', () => {
    const merged = keepKnown(status({}), status({ job: '', tunedModel: null, endpoint: null, snapshots: [] }));
    expect(merged).toMatchObject({
      job: OP,
      tunedModel: 'tunedModels/num-gen-abc',
      endpoint: 'tunedModels/num-gen-abc',
    });
    expect(merged.snapshots).toHaveLength(1);
  });

  it('a malformed answer ends the wait with its error; what was seen last is what the run keeps', async () => {
    const seen: JobStatus[] = [];
    let calls = 0;
    const clock = instantClock();
    const result = waitForJob({
      initial: status({}),
      clock,
      deadline: clock.now() + 3_600_000,
      onStatus: (s) => seen.push(s),
      poll: async () => {
        calls++;
        if (calls === 1) return status({ job: '', tunedModel: null, endpoint: null, completedPercent: 10 });
        throw new MalformedAnswerError(
          'operations.get answered HTTP 200 with a body that is not an Operation',
          'operations.get',
          200,
        );
      },
    });
    await expect(result).rejects.toBeInstanceOf(MalformedAnswerError);
    expect(calls).toBe(2);
    expect(seen.at(-1)).toMatchObject({ job: OP, tunedModel: 'tunedModels/num-gen-abc', completedPercent: 10 });
  });
});

describe('loss values', () => {
  it('keeps finite, non-negative numbers within a 32-bit float (strings as the API sends them) and nothing else', () => {
    expect([0, 1.5, '0.25', '3', 1e-320, 3.4e38, MAX_FLOAT32].map(lossValue)).toEqual([
      0,
      1.5,
      0.25,
      3,
      1e-320,
      3.4e38,
      MAX_FLOAT32,
    ]);
    expect(
      [NaN, Infinity, -1, '-0.5', 'abc', 'NaN', 'Infinity', '', '0x10', null, undefined, {}, true].map(lossValue),
    ).toEqual(Array(13).fill(null));
    // Past FLT_MAX: not a value a float field can hold (`mean_loss` is a float in the proto).
    expect([3.5e38, 1.05e308, '1e300'].map(lossValue)).toEqual([null, null, null]);
  });

  it('Gemini API snapshots: bad losses and steps are dropped, so the last snapshot carries the final loss', async () => {
    // core.warning writes a workflow command to stdout.
    const warn = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const warnings = (): string[] => warn.mock.calls.map((c) => String(c[0])).filter((l) => l.startsWith('::warning'));
    try {
      const snapshots = [
        { step: 1, epoch: 1, meanLoss: 2.5, computeTime: '2026-01-01T00:00:01Z' },
        { step: 2, epoch: 1, meanLoss: 'NaN' },
        { step: 3, epoch: 1, meanLoss: '1.25' },
        { step: 4, epoch: 2, meanLoss: -5e306 },
        { step: 5, epoch: 2, meanLoss: 'Infinity' },
        { step: 6, epoch: 2, meanLoss: 'abc' },
        { step: 'x', epoch: 2, meanLoss: 1 },
        { step: 7, epoch: 2 },
        null,
      ];
      const { b } = gemini([
        [
          'GET',
          /tunedModels\/m1$/,
          () => ({ data: { name: 'tunedModels/m1', state: 'ACTIVE', tuningTask: { snapshots } } }),
        ],
      ]);
      const s = await b.status('tunedModels/m1');
      expect(s.snapshots.map((x) => [x.step, x.meanLoss])).toEqual([
        [1, 2.5],
        [3, 1.25],
      ]);
      expect(warnings()).toHaveLength(1);
      expect(warnings()[0]).toContain('left out 7 loss values');
      await b.status('tunedModels/m1'); // said once per job
      expect(warnings()).toHaveLength(1);
    } finally {
      warn.mockRestore();
    }
  });

  it('Vertex AI time series: NaN, Infinity, negative and text values are dropped and counted', async () => {
    const EXP = 'projects/123/locations/us-central1/metadataStores/default/contexts/exp-777';
    const TB = 'projects/123/locations/us-central1/tensorboards/55';
    const log: string[] = [];
    const { b } = vertex(
      [
        [
          'GET',
          /tuningJobs\/777$/,
          () => ({
            data: {
              name: JOB,
              state: 'JOB_STATE_RUNNING',
              experiment: EXP,
              supervisedTuningSpec: { hyperParameters: { epochCount: '2' } },
              tuningDataStats: { supervisedTuningDataStats: { tuningStepCount: '6' } },
            },
          }),
        ],
        ['GET', /contexts\/exp-777$/, () => ({ data: { metadata: { backing_tensorboard_resource: TB } } })],
        ['GET', /contexts\?/, () => ({ data: { contexts: [{ name: `${EXP}-run1` }] } })],
        [
          'GET',
          /runs\/run1\/timeSeries$/,
          () => ({
            data: {
              tensorboardTimeSeries: [
                { name: `${TB}/experiments/exp-777/runs/run1/timeSeries/9`, displayName: '/train_total_loss' },
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
                  { step: '1', scalar: { value: 2 } },
                  { step: '2', scalar: { value: 'NaN' } },
                  { step: '3', scalar: { value: 'Infinity' } },
                  { step: '4', scalar: { value: -1 } },
                  { step: '5', scalar: { value: 'abc' } },
                  { step: '6', scalar: { value: 0.5 } },
                  { step: 'six', scalar: { value: 0.4 } },
                  { step: '7', scalar: {} },
                ],
              },
            },
          }),
        ],
      ],
      (m) => log.push(m),
    );
    const s = await b.status(JOB);
    expect(s.snapshots.map((x) => [x.step, x.epoch, x.meanLoss])).toEqual([
      [1, 1, 2],
      [6, 2, 0.5],
    ]);
    expect(log.join('\n')).toContain('left out 6 loss values');
  });

  it('a metrics answer that is not what was asked for costs the chart, not the poll', async () => {
    const log: string[] = [];
    const EXP = 'projects/123/locations/us-central1/metadataStores/default/contexts/exp-777';
    const { b } = vertex(
      [
        ['GET', /tuningJobs\/777$/, () => ({ data: { name: JOB, state: 'JOB_STATE_RUNNING', experiment: EXP } })],
        ['GET', /contexts\/exp-777$/, () => ({ data: '<html>' })],
      ],
      (m) => log.push(m),
    );
    const s = await b.status(JOB);
    expect(s).toMatchObject({ job: JOB, state: 'CREATING', snapshots: [] });
    expect(log.join('\n')).toContain('contexts.get answered HTTP 200 with a body that is not a Context');
  });
});

describe('credentials steps that fail before the call is sent', () => {
  const CALL = {
    method: 'GET',
    url: 'https://us-central1-aiplatform.googleapis.com/v1/projects/p/locations/us-central1/tuningJobs',
  } as const;
  /** As google-auth-library throws it: the OAuth error's message, the token request's config and response. */
  const stsError = (data: unknown, url = 'https://sts.googleapis.com/v1/token') =>
    Object.assign(new Error('Error code invalid_grant: …'), {
      config: { url: new URL(url) },
      response: { status: 400, data, config: { url } },
    });

  it('which step a URL is', () => {
    expect(authStepOf('https://sts.googleapis.com/v1/token', CALL.url)).toBe('token exchange');
    expect(authStepOf('http://127.0.0.1:9/v1/token', CALL.url)).toBe('token exchange');
    expect(
      authStepOf(
        'https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/sa@p.iam.gserviceaccount.com:generateAccessToken',
        CALL.url,
      ),
    ).toBe('service-account impersonation');
    expect(authStepOf('https://oauth2.googleapis.com/token', CALL.url)).toBe('OAuth token request');
    expect(authStepOf(CALL.url, CALL.url)).toBeNull();
    expect(authStepOf('', CALL.url)).toBeNull();
  });

  it('a token exchange error is named, keeps error and error_description, and is scrubbed', () => {
    registerSecret('ghs_registered_secret_value');
    try {
      const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOngifQ.c2ln';
      const err = toHttpError(
        stsError({
          error: 'invalid_grant',
          error_description: `The audience in ID Token [${jwt}] does not match; ghs_registered_secret_value`,
        }),
        CALL,
      ) as GoogleApiError;
      expect(err).toBeInstanceOf(GoogleApiError);
      expect(err.authStep).toBe('token exchange');
      expect(err.retryable).toBe(false);
      expect(err.message).toMatch(
        /^token exchange failed with INVALID_ARGUMENT \(HTTP 400\) from POST https:\/\/sts\.googleapis\.com\/v1\/token, so GET https:\/\/us-central1-aiplatform\.googleapis\.com\/v1\/projects\/p\/locations\/us-central1\/tuningJobs was not sent: invalid_grant: The audience in ID Token \[\[JWT\]\] does not match; \*\*\*/,
      );
      expect(err.message).toContain('workload_identity_provider');
      expect(err.message).not.toContain(jwt);
      expect(err.message).not.toContain('ghs_registered');
    } finally {
      forgetSecrets();
    }
  });

  it('an impersonation error is named, with the IAM message kept', () => {
    const url =
      'https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/sa@p.iam.gserviceaccount.com:generateAccessToken';
    const err = toHttpError(
      Object.assign(new Error('Request failed with status code 403'), {
        config: { url },
        response: {
          status: 403,
          data: {
            error: {
              code: 403,
              status: 'PERMISSION_DENIED',
              message: "Permission 'iam.serviceAccounts.getAccessToken' denied",
            },
          },
        },
      }),
      CALL,
    ) as GoogleApiError;
    expect(err.authStep).toBe('service-account impersonation');
    expect(err.status).toBe('PERMISSION_DENIED');
    expect(err.message).toContain('service-account impersonation failed with PERMISSION_DENIED (HTTP 403)');
    expect(err.message).toContain("Permission 'iam.serviceAccounts.getAccessToken' denied");
    expect(err.message).toContain('roles/iam.workloadIdentityUser');
  });

  it('an error of the call itself is unchanged', () => {
    const err = toHttpError(
      Object.assign(new Error('x'), {
        config: { url: CALL.url },
        response: { status: 403, data: { error: { code: 403, status: 'PERMISSION_DENIED', message: 'denied' } } },
      }),
      CALL,
    ) as GoogleApiError;
    expect(err.authStep).toBeNull();
    expect(err.message).toBe(`PERMISSION_DENIED (HTTP 403) from GET ${CALL.url}: denied`);
  });
});

import { describe, expect, it } from 'vitest';
import { INPUT_NAMES, InputError, parseSettings, readRawInputs, type RawInputs } from '../../../src/inputs/settings.js';

function raw(overrides: Partial<RawInputs> = {}): RawInputs {
  const base = Object.fromEntries(INPUT_NAMES.map((n) => [n, ''])) as RawInputs;
  return { ...base, 'training-data': 'train.jsonl', 'github-token': 'ghs_x', ...overrides };
}

function errorOf(overrides: Partial<RawInputs>): string {
  try {
    parseSettings(raw(overrides));
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('parseSettings', () => {
  it('applies the contract defaults', () => {
    const s = parseSettings(raw());
    expect(s).toMatchObject({
      backend: 'gemini-api',
      location: 'us-central1',
      wait: true,
      timeoutMinutes: 330,
      cache: true,
      cancelOnAbort: true,
      evalConcurrency: 8,
      comment: 'auto',
      baseModel: null,
      reportPath: null,
      hyperparameters: {
        epochCount: null,
        batchSize: null,
        learningRate: null,
        learningRateMultiplier: null,
        adapterSize: null,
      },
    });
  });

  it('picks vertex-ai for backend auto when project is set', () => {
    const s = parseSettings(raw({ project: 'my-project-1', 'staging-uri': 'gs://bucket/prefix/' }));
    expect(s.backend).toBe('vertex-ai');
    expect(s.stagingUri).toBe('gs://bucket/prefix');
  });

  it('parses numbers, booleans and fractions of minutes', () => {
    const s = parseSettings(
      raw({
        'epoch-count': '5',
        'batch-size': '4',
        'learning-rate': '0.001',
        wait: 'false',
        'timeout-minutes': '0.5',
        'min-pass-rate': '0.8',
      }),
    );
    expect(s.hyperparameters).toMatchObject({ epochCount: 5, batchSize: 4, learningRate: 0.001 });
    expect(s.wait).toBe(false);
    expect(s.timeoutMinutes).toBe(0.5);
    expect(s.minPassRate).toBe(0.8);
    expect(s.evalRepeats).toBe(1);
    expect(s.maxRegressions).toBeNull();
    const repeats = parseSettings(raw({ 'eval-repeats': '5', 'eval-baseline': 'base', 'max-regressions': '0' }));
    expect(repeats).toMatchObject({ evalRepeats: 5, evalBaseline: 'base', maxRegressions: 0 });
  });

  it.each([
    [{ 'epoch-count': 'five' }, 'input "epoch-count" must be a positive integer; got "five"'],
    [{ 'epoch-count': '0' }, 'input "epoch-count" must be a positive integer; got "0"'],
    [{ 'batch-size': '2.5' }, 'input "batch-size" must be a positive integer; got "2.5"'],
    [{ backend: 'openai' }, 'input "backend" must be one of "auto", "gemini-api", "vertex-ai"; got "openai"'],
    [{ wait: 'yes' }, 'input "wait" must be true or false; got "yes"'],
    [{ 'min-pass-rate': '80' }, 'input "min-pass-rate" must be a number from 0 to 1'],
    [{ 'timeout-minutes': '-1' }, 'input "timeout-minutes" must be a positive number; got "-1"'],
    [{ 'api-endpoint': 'localhost:8080' }, 'input "api-endpoint" must be an absolute http(s) URL'],
    [{ 'api-endpoint': 'http://h/?key=1' }, 'must be a base URL without query'],
    [{ resume: 'operations/123' }, 'input "resume" must be an operation (tunedModels/ID/operations/OP)'],
    [{ 'training-data': '' }, 'input "training-data" is required'],
    [
      { 'adapter-size': '3', project: 'my-project-1', 'staging-uri': 'gs://b/p' },
      'input "adapter-size" must be one of 1, 2, 4, 8, 16; got "3"',
    ],
    [{ 'adapter-size': '4' }, 'input "adapter-size" applies to Vertex AI only'],
    [{ backend: 'vertex-ai' }, 'input "project" is required for the vertex-ai backend'],
    [
      { 'api-key': 'k', 'base-model': 'projects/p/locations/us-central1/models/1@2' },
      'input "base-model" names a Vertex AI model (continuous tuning), which is Vertex AI only',
    ],
    [{ comment: 'always' }, 'input "comment" must be one of "auto", "off"'],
    [{ 'eval-concurrency': '1000' }, 'input "eval-concurrency" must be an integer from 1 to 256'],
    [{ 'max-cost': '5' }, 'input "max-cost" needs token-price (USD per 1,000,000 training tokens)'],
    [{ 'max-training-tokens': '1.5' }, 'input "max-training-tokens" must be a positive integer; got "1.5"'],
    [{ 'token-price': 'free' }, 'input "token-price" must be a positive number; got "free"'],
    [{ 'eval-repeats': '21' }, 'input "eval-repeats" must be an integer from 1 to 20; got "21"'],
    [{ 'eval-repeats': '0' }, 'input "eval-repeats" must be a positive integer; got "0"'],
    [{ 'max-regressions': '-1' }, 'input "max-regressions" must be a whole number (0 or more); got "-1"'],
    [
      { 'max-regressions': '0' },
      'input "max-regressions" needs eval-baseline (regressions are counted against the baseline); set both',
    ],
  ])('rejects %j', (overrides, message) => {
    expect(errorOf(overrides)).toContain(message);
  });

  it('rejects learning-rate together with learning-rate-multiplier', () => {
    expect(errorOf({ 'learning-rate': '0.001', 'learning-rate-multiplier': '1.5' })).toContain(
      'input "learning-rate" cannot be set together with "learning-rate-multiplier"',
    );
  });

  it('enforces the display-name limit per backend', () => {
    expect(errorOf({ 'display-name': 'x'.repeat(41) })).toContain(
      'input "display-name" is 41 characters; the gemini-api backend allows at most 40',
    );
    expect(parseSettings(raw({ 'display-name': 'x'.repeat(40) })).displayName).toHaveLength(40);
  });

  it('lists every bad input at once', () => {
    const msg = errorOf({ 'epoch-count': 'x', wait: 'maybe' });
    expect(msg).toMatch(/^2 inputs are invalid:/);
    expect(msg).toContain('"epoch-count"');
    expect(msg).toContain('"wait"');
  });

  it('does not need training-data when resuming', () => {
    const s = parseSettings(raw({ 'training-data': '', resume: 'tunedModels/abc-123/operations/op1' }));
    expect(s.resume).toBe('tunedModels/abc-123/operations/op1');
  });
});

describe('readRawInputs', () => {
  it('reads INPUT_ variables like @actions/core', () => {
    const r = readRawInputs({ 'INPUT_TRAINING-DATA': 'a.jsonl', INPUT_BACKEND: 'auto' });
    expect(r['training-data']).toBe('a.jsonl');
    expect(r.backend).toBe('auto');
    expect(r['api-key']).toBe('');
  });
});

describe('backend: auto and the project from the environment (INTERFACE v2, decision 15)', () => {
  const vertexInputs = { 'staging-uri': 'gs://my-bucket/tuning' };
  it('takes the project from GOOGLE_CLOUD_PROJECT (then CLOUDSDK_CORE_PROJECT, GCLOUD_PROJECT, GCP_PROJECT) and picks Vertex AI', () => {
    expect(parseSettings(raw(vertexInputs), { GOOGLE_CLOUD_PROJECT: 'env-project-1' })).toMatchObject({
      backend: 'vertex-ai',
      project: 'env-project-1',
    });
    expect(
      parseSettings(raw(vertexInputs), { CLOUDSDK_CORE_PROJECT: 'second-proj', GCP_PROJECT: 'fourth-proj' }).project,
    ).toBe('second-proj');
    // The input wins over the environment.
    expect(
      parseSettings(raw({ ...vertexInputs, project: 'input-project' }), { GOOGLE_CLOUD_PROJECT: 'env-project-1' })
        .project,
    ).toBe('input-project');
  });

  it('a project from the environment wins over an api-key; an api-key wins over credentials alone', () => {
    expect(parseSettings(raw({ ...vertexInputs, 'api-key': 'k' }), { GCLOUD_PROJECT: 'env-project-1' }).backend).toBe(
      'vertex-ai',
    );
    expect(parseSettings(raw({ 'api-key': 'k' }), { GOOGLE_APPLICATION_CREDENTIALS: '/tmp/c.json' }).backend).toBe(
      'gemini-api',
    );
  });

  it('credentials without a project choose Vertex AI, and then ask for the project', () => {
    expect(() => parseSettings(raw(vertexInputs), { GOOGLE_APPLICATION_CREDENTIALS: '/tmp/c.json' })).toThrow(
      /input "project" is required for the vertex-ai backend .*GOOGLE_CLOUD_PROJECT/,
    );
  });

  it('nothing at all: the Gemini API, whose credential check says what is missing', () => {
    expect(parseSettings(raw(), {}).backend).toBe('gemini-api');
  });
});

/**
 * Conformance: every emulator response body on the Gemini API routes validates against the
 * schemas of the API's OpenAPI document, made strict (`additionalProperties: false` on object
 * schemas that list properties) so that a misspelled or invented field fails.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageDesc } from '../emulator/core/protojson.js';
import * as messages from '../emulator/services/gemini/messages.js';
import { startEmulator } from '../emulator/server.js';
import type { Emulator } from '../emulator/types.js';

type Schema = Record<string, unknown>;

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/generativelanguage.v1beta.schemas.json', import.meta.url), 'utf8'),
) as { source: { sha256: string }; schemas: Record<string, Schema> };
const SHARED_SPEC = '/work/shared/specs/generativelanguage.v1beta.openapi3.json';

/** Deep copy with additionalProperties:false on object schemas listing properties; dangling refs → {}. */
function strictify(v: unknown, names: Set<string>): unknown {
  if (Array.isArray(v)) return v.map((x) => strictify(x, names));
  if (v === null || typeof v !== 'object') return v;
  const o = v as Schema;
  if (typeof o['$ref'] === 'string') {
    const name = (o['$ref'] as string).split('/').pop()!;
    return names.has(name) ? { $ref: `gl#/components/schemas/${name}` } : {};
  }
  const out: Schema = {};
  for (const [k, x] of Object.entries(o)) {
    out[k] =
      k === 'properties'
        ? Object.fromEntries(Object.entries(x as Schema).map(([p, s]) => [p, strictify(s, names)]))
        : strictify(x, names);
  }
  if (out['properties'] !== undefined && out['additionalProperties'] === undefined) out['additionalProperties'] = false;
  return out;
}

const RFC3339_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

function makeAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('google-datetime', RFC3339_Z); // output is always normalised to Z
  ajv.addFormat('google-duration', /^-?\d+(\.\d{1,9})?s$/);
  ajv.addFormat('google-fieldmask', /^[a-zA-Z0-9_.,]*$/);
  ajv.addFormat('int64', /^-?\d+$/);
  ajv.addFormat('uint64', /^\d+$/);
  ajv.addFormat('byte', /^[A-Za-z0-9+/_-]*={0,2}$/);
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
  });
  ajv.addFormat('uint32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 && n < 2 ** 32 });
  ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  const names = new Set(Object.keys(fixture.schemas));
  const strict = Object.fromEntries(Object.entries(fixture.schemas).map(([k, s]) => [k, strictify(s, names)]));
  ajv.addSchema({ $id: 'gl', components: { schemas: strict } });

  // Written from google/ai/generativelanguage/v1beta/model_service.proto (message
  // CreateTunedModelMetadata: tuned_model=5 string, total_steps=1 int32, completed_steps=2 int32,
  // completed_percent=3 float, snapshots=4 repeated TuningSnapshot) plus the Any's @type.
  ajv.addSchema({
    $id: 'CreateTunedModelMetadata',
    type: 'object',
    additionalProperties: false,
    required: ['@type', 'tunedModel', 'totalSteps'],
    properties: {
      '@type': { const: 'type.googleapis.com/google.ai.generativelanguage.v1beta.CreateTunedModelMetadata' },
      tunedModel: { type: 'string', pattern: '^tunedModels/[a-z]([a-z0-9-]{0,38}[a-z0-9])?$' },
      totalSteps: { type: 'integer', format: 'int32', minimum: 1 },
      completedSteps: { type: 'integer', format: 'int32', minimum: 1 },
      completedPercent: { type: 'number', format: 'float', exclusiveMinimum: 0, maximum: 100 },
      snapshots: { type: 'array', minItems: 1, items: { $ref: 'gl#/components/schemas/TuningSnapshot' } },
    },
  });
  // Written from google/rpc/error_details.proto (the detail types the emulator emits).
  const detail = (type: string, properties: Schema, required: string[]): Schema => ({
    type: 'object',
    additionalProperties: false,
    required: ['@type', ...required],
    properties: { '@type': { const: `type.googleapis.com/google.rpc.${type}` }, ...properties },
  });
  const RPC_CODE_NAMES = [
    'OK',
    'CANCELLED',
    'UNKNOWN',
    'INVALID_ARGUMENT',
    'DEADLINE_EXCEEDED',
    'NOT_FOUND',
    'ALREADY_EXISTS',
    'PERMISSION_DENIED',
    'RESOURCE_EXHAUSTED',
    'FAILED_PRECONDITION',
    'ABORTED',
    'OUT_OF_RANGE',
    'UNIMPLEMENTED',
    'INTERNAL',
    'UNAVAILABLE',
    'DATA_LOSS',
    'UNAUTHENTICATED',
  ];
  ajv.addSchema({
    $id: 'ErrorBody',
    type: 'object',
    additionalProperties: false,
    required: ['error'],
    properties: {
      error: {
        // google.rpc.Status plus the REST mapping's `status` name (checked against the OpenAPI
        // Status schema separately, without `status`)
        type: 'object',
        additionalProperties: false,
        required: ['code', 'message', 'status'],
        properties: {
          code: { type: 'integer', format: 'int32' },
          message: { type: 'string', minLength: 1 },
          status: { enum: RPC_CODE_NAMES },
          details: {
            type: 'array',
            items: {
              oneOf: [
                detail(
                  'ErrorInfo',
                  {
                    reason: { type: 'string' },
                    domain: { type: 'string' },
                    metadata: { type: 'object', additionalProperties: { type: 'string' } },
                  },
                  ['reason'],
                ),
                detail('RetryInfo', { retryDelay: { type: 'string', format: 'google-duration' } }, ['retryDelay']),
                detail(
                  'BadRequest',
                  {
                    fieldViolations: {
                      type: 'array',
                      items: {
                        type: 'object',
                        additionalProperties: false,
                        properties: { field: { type: 'string' }, description: { type: 'string' } },
                      },
                    },
                  },
                  ['fieldViolations'],
                ),
                detail('LocalizedMessage', { locale: { type: 'string' }, message: { type: 'string' } }, [
                  'locale',
                  'message',
                ]),
              ],
            },
          },
        },
      },
    },
  });
  return ajv;
}

const ajv = makeAjv();
const validators = new Map<string, ValidateFunction>();
function validatorFor(name: string): ValidateFunction {
  let v = validators.get(name);
  if (v === undefined) {
    const ref = ['CreateTunedModelMetadata', 'ErrorBody'].includes(name) ? name : `gl#/components/schemas/${name}`;
    v = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
    validators.set(name, v);
  }
  return v;
}

function check(name: string, body: unknown): string[] {
  const v = validatorFor(name);
  if (v(body)) return [];
  return (v.errors ?? []).map((e) => `${name}${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** Operation: the envelope, then metadata and response/error by their own schemas. */
function checkOperation(op: Record<string, unknown>): string[] {
  const errs = check('Operation', op);
  errs.push(...check('CreateTunedModelMetadata', op['metadata']));
  if (op['done'] !== undefined && op['done'] !== true) errs.push('done must be absent or true');
  if (op['response'] !== undefined) {
    const { '@type': type, ...model } = op['response'] as Record<string, unknown>;
    if (type !== 'type.googleapis.com/google.ai.generativelanguage.v1beta.TunedModel')
      errs.push(`response @type ${String(type)}`);
    errs.push(...check('TunedModel', model));
  }
  if (op['error'] !== undefined) errs.push(...check('Status', op['error']));
  return errs;
}

const API_KEY = 'schema-key';
const BASE = 'models/gemini-1.5-flash-001-tuning';
const EXAMPLES = Array.from({ length: 12 }, (_v, i) => ({ textInput: String(i), output: String(i + 1) }));
let emu: Emulator;

async function call(
  method: string,
  path: string,
  body?: unknown,
  key = API_KEY,
): Promise<{ status: number; json: any; text: string }> {
  const init: RequestInit = { method, headers: { 'x-goog-api-key': key, 'content-type': 'application/json' } };
  if (body !== undefined) init.body = JSON.stringify(body);
  const r = await fetch(emu.url + path, init);
  const text = await r.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, json, text };
}

const createBody = (over: Record<string, unknown> = {}) => ({
  displayName: 'schema check',
  description: 'conformance',
  baseModel: BASE,
  tuningTask: { hyperparameters: { epochCount: 2, batchSize: 4 }, trainingData: { examples: { examples: EXAMPLES } } },
  readerProjectNumbers: ['123456789012'],
  ...over,
});

beforeAll(async () => {
  emu = await startEmulator({ apiKeys: [API_KEY], training: { tunable: true, stepMs: 15 } });
});
afterAll(() => emu.close());

describe('the strict validator', () => {
  it('rejects a misspelled field (negative control) and accepts a correct one', () => {
    const good = {
      name: 'tunedModels/x',
      displayName: 'x',
      state: 'ACTIVE',
      tuningTask: { hyperparameters: { epochCount: 1 } },
    };
    expect(check('TunedModel', good)).toEqual([]);
    expect(check('TunedModel', { ...good, displayname: 'x' })).not.toEqual([]);
    expect(check('TunedModel', { ...good, tuningTask: { hyperparameters: { epochs: 1 } } })).not.toEqual([]);
    expect(check('TunedModel', { ...good, state: 'DONE' })).not.toEqual([]);
    expect(check('TunedModel', { ...good, readerProjectNumbers: [123] })).not.toEqual([]); // int64 is a string
    expect(check('TunedModel', { ...good, createTime: '2024-01-01 00:00:00' })).not.toEqual([]);
    expect(
      check('CreateTunedModelMetadata', {
        '@type': 'type.googleapis.com/google.ai.generativelanguage.v1beta.CreateTunedModelMetadata',
        tunedModel: 'tunedModels/x',
        totalSteps: 3,
        completedStep: 1,
      }),
    ).not.toEqual([]);
    expect(check('ErrorBody', { error: { code: 404, message: 'x', status: 'NOT_FOUND', detail: [] } })).not.toEqual([]);
    expect(check('GenerateContentResponse', { candidates: [{ content: { parts: [{ txt: 'a' }] } }] })).not.toEqual([]);
  });

  it('the vendored schemas match the shared OpenAPI document', () => {
    if (!existsSync(SHARED_SPEC)) return; // only where the shared spec directory exists
    const raw = readFileSync(SHARED_SPEC);
    expect(createHash('sha256').update(raw).digest('hex')).toBe(fixture.source.sha256);
    const doc = JSON.parse(raw.toString('utf8')) as { components: { schemas: Record<string, Schema> } };
    expect(Object.keys(doc.components.schemas).sort()).toEqual(Object.keys(fixture.schemas).sort());
  });
});

describe('request descriptors agree with the OpenAPI schemas', () => {
  const pairs: [MessageDesc, string][] = [
    [messages.TunedModel, 'TunedModel'],
    [messages.TunedModelSource, 'TunedModelSource'],
    [messages.TuningTask, 'TuningTask'],
    [messages.TuningSnapshot, 'TuningSnapshot'],
    [messages.Hyperparameters, 'Hyperparameters'],
    [messages.Dataset, 'Dataset'],
    [messages.TuningExamples, 'TuningExamples'],
    [messages.TuningExample, 'TuningExample'],
    [messages.GenerateContentRequest, 'GenerateContentRequest'],
    [messages.GenerationConfig, 'GenerationConfig'],
    [messages.Content, 'Content'],
    [messages.Part, 'Part'],
    [messages.SafetySetting, 'SafetySetting'],
    [messages.ThinkingConfig, 'ThinkingConfig'],
  ];
  it.each(pairs.map(([d, n]) => [n, d] as const))('%s', (name, desc) => {
    const props = Object.keys((fixture.schemas[name]!['properties'] ?? {}) as Schema).sort();
    expect(desc.fields.map((f) => f.json).sort()).toEqual(props);
  });
});

describe('emulator responses validate', () => {
  it('tuned model lifecycle: create, operations, get, list, patch, delete', async () => {
    const errors: string[] = [];
    const created = await call('POST', '/v1beta/tunedModels?tunedModelId=schema-model', createBody());
    expect(created.status).toBe(200);
    errors.push(...checkOperation(created.json));
    const name = created.json.metadata.tunedModel as string;

    await new Promise((r) => setTimeout(r, 40));
    for (const v of ['v1', 'v1beta']) {
      const op = await call('GET', `/${v}/${created.json.name}`);
      errors.push(...checkOperation(op.json));
      const ops = await call('GET', `/${v}/${name}/operations`);
      errors.push(...check('ListOperationsResponse', ops.json));
      for (const o of ops.json.operations) errors.push(...checkOperation(o));
    }
    errors.push(...check('TunedModel', (await call('GET', `/v1beta/${name}`)).json)); // CREATING, with snapshots

    // wait for done, then check the done Operation and ACTIVE model
    let done: any;
    for (let i = 0; i < 200; i++) {
      done = (await call('GET', `/v1/${created.json.name}`)).json;
      if (done.done) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(done.done).toBe(true);
    errors.push(...checkOperation(done));
    const active = await call('GET', `/v1beta/${name}`);
    expect(active.json.state).toBe('ACTIVE');
    errors.push(...check('TunedModel', active.json));

    await call(
      'POST',
      '/v1beta/tunedModels',
      createBody({ displayName: 'second', description: undefined, readerProjectNumbers: undefined }),
    );
    const list = await call('GET', '/v1beta/tunedModels?pageSize=1');
    expect(list.json.nextPageToken).toBeTruthy();
    errors.push(...check('ListTunedModelsResponse', list.json));
    errors.push(
      ...check(
        'ListTunedModelsResponse',
        (await call('GET', `/v1beta/tunedModels?pageToken=${list.json.nextPageToken}`)).json,
      ),
    );

    const patched = await call('PATCH', `/v1beta/${name}?updateMask=displayName,temperature`, {
      displayName: 'patched',
      temperature: 0.3,
    });
    expect(patched.status).toBe(200);
    errors.push(...check('TunedModel', patched.json));

    const del = await call('DELETE', `/v1beta/${name}`);
    expect(del.json).toEqual({});
    errors.push(...check('Empty', del.json));
    expect(errors).toEqual([]);
  });

  it('a FAILED tuning: the Operation error is a google.rpc.Status', async () => {
    emu.configure({ training: { outcome: 'FAILED', stepMs: 0, failAtPercent: 50 } });
    const created = await call('POST', '/v1beta/tunedModels', createBody());
    emu.configure({ training: { outcome: 'ACTIVE', stepMs: 15 } });
    const op = await call('GET', `/v1/${created.json.name}`);
    expect(op.json.error).toBeDefined();
    expect(checkOperation(op.json)).toEqual([]);
    const model = await call('GET', `/v1beta/${created.json.metadata.tunedModel}`);
    expect(model.json.state).toBe('FAILED');
    expect(check('TunedModel', model.json)).toEqual([]);
  });

  it('models: list and get under /v1 and /v1beta', async () => {
    const errors: string[] = [];
    for (const v of ['v1', 'v1beta']) {
      const list = await call('GET', `/${v}/models`);
      errors.push(...check('ListModelsResponse', list.json));
      const paged = await call('GET', `/${v}/models?pageSize=2`);
      errors.push(...check('ListModelsResponse', paged.json));
      errors.push(...check('Model', (await call('GET', `/${v}/${BASE}`)).json));
    }
    expect(errors).toEqual([]);
  });

  it('generateContent and streamGenerateContent (SSE and JSON array)', async () => {
    emu.configure({ training: { stepMs: 0 } });
    const created = await call('POST', '/v1beta/tunedModels', createBody());
    const tuned = created.json.metadata.tunedModel as string;
    const errors: string[] = [];
    const prompt = {
      contents: [{ role: 'user', parts: [{ text: 'seven hundred' }] }],
      generationConfig: { temperature: 0.1, candidateCount: 2 },
    };
    for (const model of [tuned, BASE]) {
      for (const v of ['v1', 'v1beta']) {
        const r = await call('POST', `/${v}/${model}:generateContent`, prompt);
        expect(r.status).toBe(200);
        errors.push(...check('GenerateContentResponse', r.json));
        const arr = await call('POST', `/${v}/${model}:streamGenerateContent`, prompt);
        for (const chunk of arr.json) errors.push(...check('GenerateContentResponse', chunk));
        const sse = await call('POST', `/${v}/${model}:streamGenerateContent?alt=sse`, prompt);
        const events = sse.text.split('\r\n\r\n').filter((e) => e !== '');
        expect(events.length).toBeGreaterThan(0);
        for (const e of events) {
          expect(e.startsWith('data: ')).toBe(true);
          errors.push(...check('GenerateContentResponse', JSON.parse(e.slice(6))));
        }
      }
    }
    expect(errors).toEqual([]);
  });

  it('error bodies are google.rpc.Status with known detail types', async () => {
    const errors: string[] = [];
    const bodies: unknown[] = [];
    bodies.push((await call('GET', '/v1beta/tunedModels/does-not-exist')).json); // 404
    bodies.push((await call('POST', '/v1beta/tunedModels', { ...createBody(), bogus: 1 })).json); // 400 BadRequest
    bodies.push((await call('GET', '/v1beta/models', undefined, 'wrong-key')).json); // 400 ErrorInfo
    const anon = await fetch(`${emu.url}/v1beta/models`);
    bodies.push(await anon.json()); // 403
    emu.faults.add({ kind: 'status', status: 429, times: 1 });
    bodies.push((await call('GET', '/v1beta/models')).json); // 429 RetryInfo
    emu.faults.add({ kind: 'status', status: 503, times: 1 });
    bodies.push((await call('GET', '/v1beta/models')).json);
    for (const b of bodies) {
      errors.push(...check('ErrorBody', b));
      errors.push(
        ...check(
          'Status',
          (b as { error: Record<string, unknown> }).error && strip((b as { error: Record<string, unknown> }).error),
        ),
      );
    }
    expect(bodies.map((b) => (b as { error: { code: number } }).error.code)).toEqual([404, 400, 400, 403, 429, 503]);
    expect(errors).toEqual([]);
  });
});

/** google.rpc.Status has no `status` member: the REST mapping adds it; drop it to check the rest. */
function strip(e: Record<string, unknown>): Record<string, unknown> {
  const { status: _s, ...rest } = e;
  return rest;
}

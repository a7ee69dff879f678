/**
 * Every request body the action sends to Vertex AI, checked field by field against the 2026-09
 * protos (shared/specs/aiplatform-2026-09/, from @google-cloud/aiplatform 7.4.0): each JSON key
 * must be the lowerCamelCase JSON name of a field of the message it stands for (map keys, such as
 * labels, are free). A misspelled or invented field fails here before it fails against Google.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { runMain } from '../helpers/in-process.js';
import { ROOT, runnerEnv } from '../helpers/runner-env.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { externalAccountFile } from '../helpers/wif-credentials.js';

const SPECS = join(ROOT, '..', 'shared', 'specs', 'aiplatform-2026-09');

interface Field {
  type: string;
  map: boolean;
}
type Messages = Map<string, Map<string, Field>>;

const camel = (snake: string): string => snake.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** Messages of the .proto files in `dir` by simple name (nested ones too): JSON field name → type. */
export function readProtos(dir: string): Messages {
  const messages: Messages = new Map();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.proto'))) {
    const text = readFileSync(join(dir, file), 'utf8').replace(/\/\/[^\n]*/g, '');
    const stack: (Map<string, Field> | null)[] = [];
    for (const token of text.matchAll(/(message|enum|oneof)\s+(\w+)\s*\{|\{|\}|([^;{}]+);/g)) {
      if (token[1] === 'message') {
        const fields = new Map<string, Field>();
        if (!messages.has(token[2]!)) messages.set(token[2]!, fields);
        stack.push(fields);
      } else if (token[1] === 'oneof') {
        stack.push(stack.at(-1) ?? null); // a oneof's fields are the message's
      } else if (token[1] === 'enum' || token[0] === '{') {
        stack.push(null);
      } else if (token[0] === '}') {
        stack.pop();
      } else {
        const fields = stack.at(-1);
        const decl = /^\s*(?:repeated\s+|optional\s+)?(map<\s*\w+\s*,\s*([\w.]+)\s*>|[\w.]+)\s+(\w+)\s*=\s*\d+/.exec(
          token[3] ?? '',
        );
        if (fields && decl) {
          const map = decl[1]!.startsWith('map<');
          const type = (map ? decl[2]! : decl[1]!).split('.').pop()!;
          fields.set(camel(decl[3]!), { type, map });
        }
      }
    }
  }
  return messages;
}

/** Keys of `body` that are not fields of `message` (paths), walking nested messages. */
export function unknownFields(messages: Messages, message: string, body: unknown, path = '$'): string[] {
  if (Array.isArray(body)) return body.flatMap((x, i) => unknownFields(messages, message, x, `${path}[${i}]`));
  if (body === null || typeof body !== 'object') return [];
  const fields = messages.get(message);
  if (!fields) return []; // a well-known type (Struct, Duration...) or one these protos do not define
  const out: string[] = [];
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const field = fields.get(key);
    if (!field) {
      out.push(`${path}.${key} (not a field of ${message})`);
      continue;
    }
    if (field.map) {
      for (const [k, v] of Object.entries((value ?? {}) as Record<string, unknown>))
        out.push(...unknownFields(messages, field.type, v, `${path}.${key}.${k}`));
    } else {
      out.push(...unknownFields(messages, field.type, value, `${path}.${key}`));
    }
  }
  return out;
}

const PROJECT = 'request-fields-proj';
const clock = new VirtualClock();
let emu: Emulator;
let gh: GitHubFake;

beforeAll(async () => {
  emu = await startEmulator({ now: clock.now, vertex: { stepMs: 5 } });
  gh = await startGitHubFake();
});
afterAll(async () => {
  await emu.close();
  await gh.close();
});

describe.runIf(existsSync(SPECS))('request bodies against the 2026-09 Vertex AI protos', () => {
  const messages = existsSync(SPECS) ? readProtos(SPECS) : new Map();

  it('the check itself knows the messages, and rejects an invented or misspelled field', () => {
    expect(messages.get('TuningJob')?.get('supervisedTuningSpec')?.type).toBe('SupervisedTuningSpec');
    expect(messages.get('TuningJob')?.get('labels')).toEqual({ type: 'string', map: true });
    expect(messages.get('TuningJob')?.get('preTunedModel')?.type).toBe('PreTunedModel');
    expect(messages.get('GenerationConfig')?.get('thinkingConfig')?.type).toBe('ThinkingConfig');
    expect(messages.get('ThinkingConfig')?.has('thinkingLevel')).toBe(true);
    expect(unknownFields(messages, 'TuningJob', { baseModel: 'm', labels: { any_key: 'v' } })).toEqual([]);
    expect(unknownFields(messages, 'TuningJob', { supervisedTuningSpec: { trainingDataUri: 'x' } })).toEqual([
      '$.supervisedTuningSpec.trainingDataUri (not a field of SupervisedTuningSpec)',
    ]);
    expect(unknownFields(messages, 'GenerateContentRequest', { contents: [{ parts: [{ txt: 'x' }] }] })).toEqual([
      '$.contents[0].parts[0].txt (not a field of Part)',
    ]);
  });

  it('a whole run (create with validation set and labels, eval with a system instruction and settings)', async () => {
    const runner = runnerEnv({
      inputs: {
        project: PROJECT,
        location: 'us-central1',
        'staging-uri': 'gs://request-fields/ci',
        'api-endpoint': emu.url,
        'training-data': 'examples/number-generator/train.jsonl',
        'validation-data': 'examples/number-generator/validation.jsonl',
        'eval-data': 'examples/number-generator/eval.jsonl',
        'eval-baseline': 'base',
        'epoch-count': '3',
        'adapter-size': '4',
        'learning-rate-multiplier': '0.5',
        'eval-temperature': '0.5',
        'eval-thinking': 'low',
        'eval-max-output-tokens': '64',
        'eval-system-instruction': 'Answer with the next number only.',
        description: 'checked against the protos',
      },
      event: 'push',
      extra: { GOOGLE_APPLICATION_CREDENTIALS: externalAccountFile(emu.url, PROJECT) },
    });
    const result = await runMain(runner, { clock });
    expect(result.exitCode, result.stdout).toBe(0);

    const bodies = (pattern: RegExp) =>
      emu.requests.filter((r) => r.method === 'POST' && pattern.test(r.path.split('?')[0]!)).map((r) => r.body);
    const creates = bodies(/\/tuningJobs$/);
    const generates = bodies(/:generateContent$/);
    expect(creates).toHaveLength(1);
    expect(generates.length).toBeGreaterThan(0);
    for (const body of creates) expect(unknownFields(messages, 'TuningJob', JSON.parse(body))).toEqual([]);
    for (const body of generates) {
      expect(unknownFields(messages, 'GenerateContentRequest', JSON.parse(body))).toEqual([]);
    }
    // What was checked is what the contract asks for.
    const create = JSON.parse(creates[0]!) as Record<string, any>;
    expect(create['supervisedTuningSpec']['validationDatasetUri']).toMatch(/^gs:\/\//);
    const generate = JSON.parse(generates[0]!) as Record<string, any>;
    expect(generate['systemInstruction']).toEqual({ parts: [{ text: 'Answer with the next number only.' }] });
    expect(generate['generationConfig']['thinkingConfig']).toEqual({ thinkingLevel: 'LOW' });
  });
});

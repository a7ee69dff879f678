import { afterAll, describe, expect, it } from 'vitest';
import { contentKey, EMPTY_SET_DIGEST } from '../../../src/dataset/content-key.js';
import { loadTrainingSet } from '../../../src/dataset/validate/load-training.js';
import { FIXTURES, REPO, TempWorkspace } from './helpers.js';
import type { TrainingExample } from '../../../src/domain.js';
import { referenceDigest } from '../../helpers/examples-digest.js';

const ws = new TempWorkspace();
afterAll(() => ws.cleanup());

const load = (file: string, backend: 'gemini-api' | 'vertex-ai' = 'gemini-api', workspace = REPO) =>
  loadTrainingSet(file, { backend, role: 'training', workspace });

const keyOf = (examples: TrainingExample[]) =>
  contentKey({
    backend: 'gemini-api',
    baseModel: 'models/gemini-1.5-flash-001-tuning',
    hyperparameters: {
      epochCount: 5,
      batchSize: 4,
      learningRate: 0.001,
      learningRateMultiplier: null,
      adapterSize: null,
    },
    examples: referenceDigest(examples),
    validationExamples: EMPTY_SET_DIGEST,
  });

describe('happy paths on fixtures', () => {
  it('number-generator example: 15 examples, one warning about the minimum', async () => {
    const ds = await load('examples/number-generator/train.jsonl');
    expect(ds.format).toBe('jsonl');
    expect(ds.records).toHaveLength(15);
    expect(ds.records[0]).toEqual({ textInput: '1', output: '2', line: 1 });
    expect(ds.problems).toHaveLength(1);
    const [w] = ds.problems;
    expect(w?.severity).toBe('warning');
    expect(w?.file).toBe('examples/number-generator/train.jsonl');
    expect(w?.line).toBeUndefined();
    expect(w?.message).toMatch(/only 15 examples.*at least 20.*100–500/);
  });

  it.each(['happy.jsonl', 'happy.json', 'happy-examples.json', 'happy-body.json', 'happy.csv'])(
    '%s loads 20 examples with no problems',
    async (name) => {
      const ds = await load(`${FIXTURES}/${name}`);
      expect(ds.problems).toEqual([]);
      expect(ds.records).toHaveLength(20);
      expect(ds.records[18]?.textInput).toBe('He said "hi", then left');
      expect(ds.records[19]?.output).toBe('Deux lignes :\npremière\nseconde');
      expect(ds.path).toBe(`${REPO}/${FIXTURES}/${name}`);
    },
  );

  it('the five renderings of the same examples give the same content key', async () => {
    const keys = new Set<string>();
    for (const name of ['happy.jsonl', 'happy.json', 'happy-examples.json', 'happy-body.json', 'happy.csv']) {
      keys.add(keyOf((await load(`${FIXTURES}/${name}`)).records));
    }
    expect(keys.size).toBe(1);
  });

  it('gives record start lines: JSONL line, JSON opening brace, CSV first line of a multi-line row', async () => {
    expect((await load(`${FIXTURES}/happy.jsonl`)).records.map((r) => r.line)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    const json = await load(`${FIXTURES}/happy.json`);
    expect(json.records[0]?.line).toBe(2);
    expect(json.records[1]?.line).toBe(6);
    const csv = await load(`${FIXTURES}/happy.csv`);
    expect(csv.records[0]?.line).toBe(2);
    expect(csv.records[19]?.line).toBe(21);
  });

  it('JSON body shape with odd whitespace still maps lines', async () => {
    const f = ws.write(
      'body.json',
      '{"examples":\n {"examples": [\n\n  {"textInput": "a", "output": "b"},   {"textInput": "c",\n "output": "d"}]}}',
    );
    const ds = await load(f, 'gemini-api', ws.dir);
    expect(ds.records.map((r) => [r.textInput, r.line])).toEqual([
      ['a', 4],
      ['c', 4],
    ]);
  });
});

describe('Vertex AI native JSONL', () => {
  it('vertex-ai keeps each native record unchanged and maps the last user/model turns', async () => {
    const ds = await load(`${FIXTURES}/vertex-native.jsonl`, 'vertex-ai');
    expect(ds.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(ds.records).toHaveLength(3);
    expect(ds.records[0]).toMatchObject({ textInput: 'What is 2+2?', output: '4', line: 1 });
    expect(ds.records[1]?.native).toMatchObject({ systemInstruction: { parts: [{ text: 'Answer tersely.' }] } });
    expect(ds.records[2]).toMatchObject({ textInput: 'Name a colour please', output: 'Blue', line: 3 });
    expect(ds.records[2]?.native).toEqual({
      contents: [
        { role: 'user', parts: [{ text: 'Hi' }] },
        { role: 'model', parts: [{ text: 'Hello!' }] },
        { role: 'user', parts: [{ text: 'Name a colour' }, { text: ' please' }] },
        { role: 'model', parts: [{ text: 'Blue' }] },
      ],
    });
  });

  it('gemini-api accepts the single-turn record and rejects systemInstruction and multi-turn ones', async () => {
    const ds = await load(`${FIXTURES}/vertex-native.jsonl`, 'gemini-api');
    expect(ds.records).toEqual([{ textInput: 'What is 2+2?', output: '4', line: 1 }]);
    const errors = ds.problems.filter((p) => p.severity === 'error');
    expect(errors.map((e) => e.line)).toEqual([2, 3]);
    expect(errors[0]?.message).toMatch(
      /the Gemini API tunes single-turn text only: this record has a systemInstruction/,
    );
    expect(errors[1]?.message).toMatch(/the Gemini API tunes single-turn text only: this record has 4 turns/);
  });
});

describe('CSV edge cases', () => {
  it('keeps a quoted line break exactly as in the file (CRLF stays CRLF, LF stays LF)', async () => {
    const f = ws.write('nl.csv', 'text_input,output\r\n"line one\r\nline two",x\r\n"a\nb","say ""hi"""\r\n');
    const ds = await load(f, 'gemini-api', ws.dir);
    expect(ds.records).toEqual([
      { textInput: 'line one\r\nline two', output: 'x', line: 2 },
      { textInput: 'a\nb', output: 'say "hi"', line: 4 },
    ]);
  });

  it('BOM, CRLF, blank lines, no final newline, and start lines after multi-line rows', async () => {
    const f = ws.write('bom.csv', '\uFEFFinput,output\r\n\r\n"x\r\n\r\ny",1\r\n\r\nz,"2\r\n3"\r\nlast,4');
    const ds = await load(f, 'gemini-api', ws.dir);
    expect(ds.records).toEqual([
      { textInput: 'x\r\n\r\ny', output: '1', line: 3 },
      { textInput: 'z', output: '2\r\n3', line: 7 },
      { textInput: 'last', output: '4', line: 9 },
    ]);
    expect(ds.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('warns about extra columns and ignores them', async () => {
    const f = ws.write('extra.csv', 'id,text_input,output\n1,a,b\n');
    const ds = await load(f, 'gemini-api', ws.dir);
    expect(ds.records).toEqual([{ textInput: 'a', output: 'b', line: 2 }]);
    expect(
      ds.problems.some((p) => p.severity === 'warning' && p.line === 1 && p.message.includes('"id" is ignored')),
    ).toBe(true);
  });
});

describe('encodings and line endings', () => {
  it('JSONL with BOM, CRLF, blank lines and no final newline', async () => {
    const f = ws.write(
      'crlf.jsonl',
      '\uFEFF{"text_input":"a","output":"b"}\r\n\r\n   \r\n{"text_input":"c","output":"d"}',
    );
    const ds = await load(f, 'gemini-api', ws.dir);
    expect(ds.records).toEqual([
      { textInput: 'a', output: 'b', line: 1 },
      { textInput: 'c', output: 'd', line: 4 },
    ]);
  });

  it('invalid UTF-8 is an error with its line and column, and other lines still load', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"text_input":"ok","output":"fine"}\n{"text_input":"caf'),
      Buffer.from([0xe9]), // Latin-1 é
      Buffer.from('","output":"x"}\n{"text_input":"also ok","output":"y"}\n'),
    ]);
    const ds = await load(ws.write('latin1.jsonl', bytes), 'gemini-api', ws.dir);
    expect(ds.records.map((r) => r.textInput)).toEqual(['ok', 'also ok']);
    const err = ds.problems.find((p) => p.severity === 'error');
    expect(err).toMatchObject({ file: 'latin1.jsonl', line: 2, column: 19 });
    expect(err?.message).toMatch(/not valid UTF-8.*0xE9.*save the file as UTF-8/);
    expect(JSON.stringify(ds.records)).not.toContain('\uFFFD');
  });

  it('invalid UTF-8 in a .json file and in a .csv file', async () => {
    const json = ws.write(
      'bad.json',
      Buffer.concat([
        Buffer.from('[\n{"text_input": "a",\n "output": "'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"}]'),
      ]),
    );
    const dsJson = await load(json, 'gemini-api', ws.dir);
    expect(dsJson.problems[0]).toMatchObject({ severity: 'error', line: 3, column: 13 });
    const csv = ws.write(
      'bad.csv',
      Buffer.concat([Buffer.from('input,output\na,b\n"c'), Buffer.from([0xff]), Buffer.from('",d\ne,f\n')]),
    );
    const dsCsv = await load(csv, 'gemini-api', ws.dir);
    expect(dsCsv.problems.filter((p) => p.severity === 'error')).toMatchObject([{ line: 3, column: 3 }]);
    expect(dsCsv.records.map((r) => r.textInput)).toEqual(['a', 'e']);
  });

  it('a UTF-16 file is reported as such', async () => {
    const f = ws.write('utf16.jsonl', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":1}\n', 'utf16le')]));
    const ds = await load(f, 'gemini-api', ws.dir);
    expect(ds.problems).toMatchObject([{ severity: 'error', message: expect.stringContaining('UTF-16') }]);
  });

  it('reads a large JSONL file in chunks with correct line numbers', async () => {
    const long = 'x'.repeat(30_000);
    const body = Array.from({ length: 200 }, (_, i) => JSON.stringify({ text_input: `${i}${long}`, output: 'y' })).join(
      '\n',
    );
    // vertex-ai: 6 MB of examples is over the Gemini API's inline request limit (tested elsewhere)
    const ds = await load(ws.write('big.jsonl', body + '\n{"text_input": 5, "output": "6"}\n'), 'vertex-ai', ws.dir);
    expect(ds.records).toHaveLength(200);
    expect(ds.records[199]?.line).toBe(200);
    expect(ds.problems.filter((p) => p.severity === 'error')).toMatchObject([{ line: 201 }]);
  });
});

describe('validation role and paths', () => {
  it('no minimum-size warning for a validation set', async () => {
    const ds = await loadTrainingSet('examples/number-generator/train.jsonl', {
      backend: 'gemini-api',
      role: 'validation',
      workspace: REPO,
    });
    expect(ds.problems).toEqual([]);
  });

  it('uses GITHUB_WORKSPACE by default and reports repo-relative forward-slash paths', async () => {
    const saved = process.env['GITHUB_WORKSPACE'];
    process.env['GITHUB_WORKSPACE'] = ws.dir;
    try {
      const f = ws.write('sub/dir/one.jsonl', '{"text_input":"a"}\n');
      const ds = await loadTrainingSet(f, { backend: 'gemini-api', role: 'training' });
      expect(ds.problems[0]?.file).toBe('sub/dir/one.jsonl');
    } finally {
      if (saved === undefined) delete process.env['GITHUB_WORKSPACE'];
      else process.env['GITHUB_WORKSPACE'] = saved;
    }
  });
});

/**
 * Issue 12, item 2: JSON nested thousands of levels deep in an eval set (JSONL, JSON, CSV cells)
 * or in a model's output is a dataset problem at its line, or a failed case: never "Maximum call
 * stack size exceeded".
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEvalSet } from '../../../src/dataset/validate/load-eval.js';
import { loadTrainingSet } from '../../../src/dataset/validate/load-training.js';
import { findField } from '../../../src/dataset/read/fields.js';
import { ProblemSink } from '../../../src/dataset/problems.js';
import { jsonSubset } from '../../../src/eval/json-subset.js';
import { scoreText } from '../../../src/eval/scorers.js';
import { jsonDepthExceeds, jsonEqual, previewJson } from '../../../src/util/json-depth.js';

const DEPTH = 50_000;
const deepArray = (d = DEPTH): string => '['.repeat(d) + ']'.repeat(d);
const deepObject = (d = DEPTH): string => '{"a":'.repeat(d) + '1' + '}'.repeat(d);

const dir = mkdtempSync(join(tmpdir(), 'deep-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function load(name: string, text: string) {
  writeFileSync(join(dir, name), text);
  return loadEvalSet(join(dir, name), { workspace: dir });
}

describe('eval sets with deeply nested values', () => {
  const ok = '{"id": "fine", "input": "1", "expected": "2"}';
  const cases: [string, string, RegExp][] = [
    ['expected (json scorer)', `{"input": "x", "expected": ${deepArray()}, "scorer": "json"}`, /"expected" is nested/],
    ['expected (no scorer)', `{"input": "x", "expected": ${deepObject()}}`, /"expected" is nested/],
    ['scorer', `{"input": "x", "expected": "y", "scorer": ${deepArray()}}`, /"scorer" is nested/],
    ['both aliases', `{"input": "x", "expected": ${deepArray()}, "output": ${deepArray()}}`, /is nested/],
    ['id', `{"input": "x", "id": ${deepObject()}}`, /"id" is nested/],
    ['an unknown field', `{"input": "x", "extra": ${deepArray()}}`, /"extra" is nested/],
  ];
  for (const [what, line, message] of cases) {
    it(`JSONL: ${what} is a problem at its line, the other cases load`, async () => {
      const r = await load('deep.jsonl', `${ok}\n${line}\n`);
      expect(r.records.map((c) => c.id)).toEqual(['fine']);
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0]).toMatchObject({ severity: 'error', line: 2 });
      expect(r.problems[0]!.message).toMatch(message);
      expect(r.problems[0]!.message).toMatch(/more than 64 levels deep/);
    });
  }

  it('JSON: a record nested deeper than the limit (but within the syntax scan) is a problem at its line', async () => {
    const r = await load(
      'deep.json',
      `[\n${ok},\n{"input": "x", "expected": ${deepArray(300)}, "scorer": "json"}\n]\n`,
    );
    expect(r.records.map((c) => c.id)).toEqual(['fine']);
    expect(r.problems).toMatchObject([{ severity: 'error', line: 3 }]);
    expect(r.problems[0]!.message).toMatch(/"expected" is nested more than 64 levels deep/);
  });

  it('JSON: a document nested past the syntax scan is a problem, not a crash', async () => {
    const r = await load('deeper.json', `[{"input": "x", "expected": ${deepArray()}}]`);
    expect(r.records).toEqual([]);
    expect(r.problems[0]!.message).toMatch(/nested too deeply/);
  });

  it('CSV: a json-scorer cell holding deep JSON is a problem at its line', async () => {
    const r = await load('deep.csv', `id,input,expected,scorer\nfine,1,2,exact\ndeep,x,"${deepArray()}",json\n`);
    expect(r.records.map((c) => c.id)).toEqual(['fine']);
    expect(r.problems).toMatchObject([{ severity: 'error', line: 3 }]);
    expect(r.problems[0]!.message).toMatch(/the JSON in "expected" is nested more than 64 levels deep/);
  });

  it('values within the limit load as before', async () => {
    const r = await load('ok.jsonl', `{"input": "x", "expected": ${deepArray(60)}, "scorer": "json"}\n`);
    expect(r.problems).toEqual([]);
    expect(r.records[0]!.expected).toBe(deepArray(60));
  });
});

describe('training sets with deeply nested values (v2.1 decision 19)', () => {
  for (const backend of ['gemini-api', 'vertex-ai'] as const) {
    it(`${backend}: a record nested more than 64 levels is a bad record at its line; the others load`, async () => {
      const file = join(dir, `deep-train-${backend}.jsonl`);
      writeFileSync(
        file,
        [
          '{"text_input": "a", "output": "b"}',
          `{"text_input": "a", "output": "b", "x": ${deepArray()}}`,
          `{"contents": [{"role": "user", "parts": [{"text": "hi", "deep": ${deepObject()}}]}]}`,
          `{"text_input": "a", "output": ${deepArray(65)}}`,
          `{"text_input": "c", "output": "d", "meta": ${deepArray(63)}}`,
        ].join('\n') + '\n',
      );
      const r = await loadTrainingSet(file, { workspace: dir, backend, role: 'training' });
      const errors = r.problems.filter((p) => p.severity === 'error');
      expect(errors.map((p) => p.line)).toEqual([2, 3, 4]);
      for (const e of errors) expect(e.message).toMatch(/is nested more than 64 levels deep/);
      expect(r.records).toHaveLength(2);
    });
  }
});

describe('the json scorer and deep values', () => {
  it('a deep model output fails the case, with a reason', () => {
    const r = scoreText('json', '{"a": 1}', deepArray());
    expect(r.pass).toBe(false);
    expect(r.reason).toMatch(/nested more than 64 levels deep/);
    expect(scoreText('json', '', deepObject()).pass).toBe(false);
  });
  it('a deep value under a matched key is not walked or printed whole', () => {
    const actual = JSON.parse(`{"a": ${deepArray(90)}}`);
    expect(jsonSubset({ a: 1 }, actual)).toMatch(/^\$\.a: expected 1, got .{0,60}$/);
  });
  it('jsonSubset stops at the depth limit instead of overflowing', () => {
    const v = JSON.parse(deepArray(5000));
    expect(jsonSubset(v, v)).toMatch(/nested more than/);
  });
});

describe('json-depth helpers', () => {
  it('measure, compare and preview any depth without recursion', () => {
    const v = JSON.parse(deepArray());
    expect(jsonDepthExceeds(v, 100)).toBe(true);
    expect(jsonDepthExceeds(JSON.parse(deepArray(100)), 100)).toBe(false);
    expect(jsonDepthExceeds(JSON.parse(deepArray(101)), 100)).toBe(true);
    expect(jsonEqual(v, JSON.parse(deepArray()))).toBe(true);
    expect(jsonEqual(v, JSON.parse(deepArray(DEPTH - 1)))).toBe(false);
    expect(jsonEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(previewJson(v)).toMatch(/nested more than 20 levels deep/);
    expect(previewJson('x'.repeat(1000), 20)).toHaveLength(20);
  });

  it('findField compares two deep aliases without overflowing (training sets share it)', () => {
    const sink = new ProblemSink('t.jsonl');
    const obj = { text_input: JSON.parse(deepArray()), input: JSON.parse(deepArray()) };
    const f = findField({ line: 1, value: obj, source: 'json' }, obj, ['text_input', 'input'], sink, false);
    expect(f.kind).toBe('ok');
  });
});

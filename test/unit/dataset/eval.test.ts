import { afterAll, describe, expect, it } from 'vitest';
import { compileScorerRegex, loadEvalSet } from '../../../src/dataset/validate/load-eval.js';
import { FIXTURES, lines, REPO, TempWorkspace } from './helpers.js';

const ws = new TempWorkspace();
afterAll(() => ws.cleanup());

const expectedCases = [
  { id: 'greet', input: 'Say hello', expected: 'hello', scorer: 'contains' },
  { id: 'case-2', input: '2+2?', expected: '4', scorer: 'exact' },
  { id: 'case-3', input: 'Give JSON', expected: '{"a":1}', scorer: 'json' },
  { id: 'case-4', input: 'Number please', expected: '/^\\d+$/m', scorer: 'regex' },
  { id: 'case-5', input: 'Just show me', expected: null, scorer: null },
  { id: 'case-6', input: 'No swearing', expected: 'damn', scorer: 'not-contains' },
];

describe('eval sets: happy paths', () => {
  it.each(['eval.jsonl', 'eval.json', 'eval.csv'])('%s', async (name) => {
    const ds = await loadEvalSet(`${FIXTURES}/${name}`, { workspace: REPO });
    expect(ds.problems).toEqual([]);
    expect(ds.records.map(({ line: _line, ...rest }) => rest)).toEqual(expectedCases);
  });

  it('lines per format', async () => {
    expect((await loadEvalSet(`${FIXTURES}/eval.jsonl`, { workspace: REPO })).records.map((c) => c.line)).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
    expect((await loadEvalSet(`${FIXTURES}/eval.csv`, { workspace: REPO })).records.map((c) => c.line)).toEqual([
      2, 3, 4, 5, 6, 7,
    ]);
    expect((await loadEvalSet(`${FIXTURES}/eval.json`, { workspace: REPO })).records[1]?.line).toBe(8);
  });

  it('accepts {"cases": [...]} and a JSON value as expected with the json scorer', async () => {
    ws.write(
      'cases.json',
      JSON.stringify({
        cases: [
          { input: 'x', expected: { a: [1, 2] }, scorer: 'json' },
          { input: 'y', expected: null },
        ],
      }),
    );
    const ds = await loadEvalSet('cases.json', { workspace: ws.dir });
    expect(ds.problems).toEqual([]);
    expect(ds.records).toEqual([
      { id: 'case-1', input: 'x', expected: '{"a":[1,2]}', scorer: 'json', line: 1 },
      { id: 'case-2', input: 'y', expected: null, scorer: null, line: 1 },
    ]);
  });

  it('thresholds, assert lists (the own check first) and JSON schemas as JSON values', async () => {
    ws.write(
      'v2.jsonl',
      lines(
        { id: 's', input: 'a', expected: 'b', scorer: 'rouge-l', threshold: 0.4 },
        {
          id: 'l',
          input: 'a',
          assert: [
            { scorer: 'contains', expected: 'x' },
            { scorer: 'similarity', expected: 'y', threshold: 0.9 },
          ],
        },
        { id: 'o', input: 'a', expected: 'x', scorer: 'contains', assert: [{ scorer: 'not-contains', expected: 'z' }] },
        { id: 'j', input: 'a', scorer: 'json-schema', expected: { type: 'object' } },
      ),
    );
    const ds = await loadEvalSet('v2.jsonl', { workspace: ws.dir });
    expect(ds.problems).toEqual([]);
    expect(ds.records.map(({ line: _line, ...rest }) => rest)).toEqual([
      { id: 's', input: 'a', expected: 'b', scorer: 'rouge-l', threshold: 0.4 },
      {
        id: 'l',
        input: 'a',
        expected: 'contains: x · similarity ≥ 0.9: y',
        scorer: 'contains',
        assert: [
          { scorer: 'contains', expected: 'x', threshold: null },
          { scorer: 'similarity', expected: 'y', threshold: 0.9 },
        ],
      },
      {
        id: 'o',
        input: 'a',
        expected: 'x',
        scorer: 'contains',
        assert: [
          { scorer: 'contains', expected: 'x', threshold: null },
          { scorer: 'not-contains', expected: 'z', threshold: null },
        ],
      },
      { id: 'j', input: 'a', expected: '{"type":"object"}', scorer: 'json-schema' },
    ]);
  });

  it('fewer than 20 cases is fine (the minimum is for training sets)', async () => {
    ws.write('one.jsonl', lines({ input: 'a' }));
    expect((await loadEvalSet('one.jsonl', { workspace: ws.dir })).problems).toEqual([]);
  });
});

describe('eval sets: problems', () => {
  const table: {
    name: string;
    file: string;
    content: string;
    severity?: 'error' | 'warning';
    line?: number;
    includes: string;
  }[] = [
    {
      name: 'unknown scorer lists the allowed ones',
      file: 'e1.jsonl',
      content: lines({ input: 'a', expected: 'b', scorer: 'fuzzy' }),
      line: 1,
      includes:
        'unknown scorer "fuzzy": use one of "exact", "contains", "not-contains", "regex", "json", "json-schema", "similarity", "rouge-l", "semantic", "judge"',
    },
    {
      name: 'threshold out of range',
      file: 't1.jsonl',
      content: lines({ input: 'a', expected: 'b', scorer: 'similarity', threshold: 1.5 }),
      line: 1,
      includes: '"threshold" must be a number from 0 to 1 (a score to reach), not "1.5"',
    },
    {
      name: 'threshold on a scorer without a score',
      file: 't2.jsonl',
      content: lines({ input: 'a', expected: 'b', scorer: 'contains', threshold: 0.5 }),
      severity: 'warning',
      line: 1,
      includes: '"threshold" is ignored: the "contains" scorer passes or fails without a score',
    },
    {
      name: 'assert that is not a list',
      file: 't3.jsonl',
      content: lines({ input: 'a', assert: { scorer: 'contains', expected: 'x' } }),
      line: 1,
      includes: '"assert" must be a list of 1 to 20 checks',
    },
    {
      name: 'assert check with an unknown scorer',
      file: 't4.jsonl',
      content: lines({
        input: 'a',
        assert: [
          { scorer: 'contains', expected: 'x' },
          { scorer: 'vibes', expected: 'y' },
        ],
      }),
      line: 1,
      includes: 'assert[1].scorer: unknown scorer "vibes"',
    },
    {
      name: 'assert check without expected',
      file: 't5.jsonl',
      content: lines({ input: 'a', assert: [{ scorer: 'contains' }] }),
      line: 1,
      includes: 'assert[0] has no "expected": every check needs one',
    },
    {
      name: 'assert check with a bad regex',
      file: 't6.jsonl',
      content: lines({ input: 'a', assert: [{ scorer: 'regex', expected: '(' }] }),
      line: 1,
      includes: 'assert[0].expected is not a valid regular expression',
    },
    {
      name: 'json-schema whose schema is not valid',
      file: 't7.jsonl',
      content: lines({ input: 'a', scorer: 'json-schema', expected: { type: 'nonsense' } }),
      line: 1,
      includes: 'the schema in "expected" is not a valid JSON Schema',
    },
    {
      name: 'bad regex',
      file: 'e2.jsonl',
      content: lines(
        { input: 'a', expected: 'ok', scorer: 'regex' },
        { input: 'b', expected: '([a-z]+', scorer: 'regex' },
      ),
      line: 2,
      includes: 'not a valid regular expression',
    },
    {
      name: 'bad regex (unclosed group in /pattern/flags)',
      file: 'e3.jsonl',
      content: lines({ input: 'a', expected: '/x(/i', scorer: 'regex' }),
      line: 1,
      includes: 'not a valid regular expression',
    },
    {
      name: 'duplicate ids',
      file: 'e4.jsonl',
      content: lines({ id: 'a', input: 'x' }, { input: 'y' }, { id: 'a', input: 'z' }),
      line: 3,
      includes: 'the id "a" is already used on line 1',
    },
    {
      name: 'explicit id clashing with a default id',
      file: 'e5.jsonl',
      content: lines({ input: 'x' }, { id: 'case-1', input: 'y' }),
      line: 2,
      includes: 'the id "case-1" is already used',
    },
    {
      name: 'missing input',
      file: 'e6.jsonl',
      content: lines({ expected: 'x' }),
      line: 1,
      includes:
        '"input" is missing: each eval case needs a non-empty "input" string (also accepted: "text_input", "textInput")',
    },
    {
      name: 'numeric expected without the json scorer',
      file: 'e7.jsonl',
      content: lines({ input: 'x', expected: 4 }),
      line: 1,
      includes: '"expected" is a number, not a string',
    },
    {
      name: 'numeric id',
      file: 'e8.jsonl',
      content: lines({ id: 7, input: 'x' }),
      line: 1,
      includes: '"id" is a number, not a string',
    },
    {
      name: 'scorer without expected is a warning',
      file: 'e9.jsonl',
      content: lines({ input: 'x', scorer: 'contains' }),
      severity: 'warning',
      line: 1,
      includes: 'there is no "expected" value, so this case is shown, not scored',
    },
    { name: 'empty eval file', file: 'e10.jsonl', content: '', includes: 'the file is empty' },
    {
      name: 'CSV without an input column',
      file: 'e11.csv',
      content: 'prompt,expected\na,b\n',
      line: 1,
      includes: 'no "input" column',
    },
    {
      name: 'CSV unknown scorer',
      file: 'e12.csv',
      content: 'input,expected,scorer\na,b,fuzzy\n',
      line: 2,
      includes: 'unknown scorer "fuzzy"',
    },
    { name: 'unknown extension', file: 'e13.yaml', content: 'x', includes: 'the eval set must be .jsonl, .json, .csv' },
  ];
  it.each(table.map((t) => [t.name, t] as const))('%s', async (_n, t) => {
    ws.write(t.file, t.content);
    const ds = await loadEvalSet(t.file, { workspace: ws.dir });
    const sev = t.severity ?? 'error';
    const found = ds.problems.filter((p) => p.severity === sev);
    expect(found, JSON.stringify(ds.problems)).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: t.file, message: expect.stringContaining(t.includes) });
    expect(found[0]?.line).toBe(t.line);
  });

  it('CSV: empty expected/scorer/id cells mean absent', async () => {
    ws.write('blank.csv', 'id,input,expected,scorer\n,hello,,\n');
    const ds = await loadEvalSet('blank.csv', { workspace: ws.dir });
    expect(ds.records).toEqual([{ id: 'case-1', input: 'hello', expected: null, scorer: null, line: 2 }]);
  });
});

describe('compileScorerRegex', () => {
  it('plain and /pattern/flags forms', () => {
    expect(compileScorerRegex('a+b').test('xaab')).toBe(true);
    expect(compileScorerRegex('/HELLO/i').test('hello')).toBe(true);
    expect(compileScorerRegex('/a/b/').source).toBe('a\\/b');
    expect(() => compileScorerRegex('(')).toThrow(/invalid regex/);
  });
});

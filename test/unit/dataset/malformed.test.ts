import { afterAll, describe, expect, it } from 'vitest';
import { loadTrainingSet } from '../../../src/dataset/validate/load-training.js';
import { lines, TempWorkspace, validJsonl } from './helpers.js';
import type { BackendName } from '../../../src/domain.js';

const ws = new TempWorkspace();
afterAll(() => ws.cleanup());

interface Case {
  name: string;
  file: string;
  content: string | Buffer;
  backend?: BackendName;
  /** Expected errors (in order): line (undefined for file-level), column when checked, message fragment. */
  errors: { line?: number; column?: number; includes: string | RegExp }[];
  /** How many examples still load. */
  loaded?: number;
}

const pair = (i: number) => ({ text_input: `q${i}`, output: `a${i}` });
const big = (n: number, ch = 'x') => ch.repeat(n);

const cases: Case[] = [
  {
    name: 'missing output',
    file: 'm1.jsonl',
    content: lines(pair(1), pair(2), { text_input: 'x' }),
    errors: [{ line: 3, includes: '"output" is missing: each example needs a non-empty "output" string' }],
    loaded: 2,
  },
  {
    name: 'missing input names the aliases',
    file: 'm2.jsonl',
    content: lines({ output: 'x' }),
    errors: [
      {
        line: 1,
        includes:
          '"text_input" is missing: each example needs a non-empty "text_input" string (also accepted: "textInput", "input")',
      },
    ],
  },
  {
    name: 'JSON syntax error with column',
    file: 'm3.jsonl',
    content: lines(pair(1), pair(2), '{"text_input": "a", "output":}'),
    errors: [
      {
        line: 3,
        column: 30,
        includes: /not valid JSON \(unexpected "\}" at column 30\): each line must be one JSON object/,
      },
    ],
  },
  {
    name: 'trailing comma',
    file: 'm3b.jsonl',
    content: lines('{"text_input": "a", "output": "b",}'),
    errors: [{ line: 1, column: 35, includes: 'trailing commas are not allowed' }],
  },
  {
    name: 'single quotes',
    file: 'm3c.jsonl',
    content: lines("{'text_input': 'a'}"),
    errors: [{ line: 1, column: 2, includes: 'JSON strings use double quotes' }],
  },
  {
    name: 'number output is not stringified',
    file: 'm4.jsonl',
    content: lines({ text_input: '1', output: 2 }),
    errors: [
      { line: 1, includes: '"output" is a number, not a string: write it as a JSON string, e.g. "output": "2"' },
    ],
  },
  {
    name: 'null input',
    file: 'm4b.jsonl',
    content: lines({ input: null, output: 'x' }),
    errors: [{ line: 1, includes: '"input" is null, not a string' }],
  },
  {
    name: 'empty output',
    file: 'm5.jsonl',
    content: lines({ text_input: 'a', output: '  ' }),
    errors: [{ line: 1, includes: '"output" is empty' }],
  },
  {
    name: 'record is not an object',
    file: 'm6.jsonl',
    content: lines(['a', 'b']),
    errors: [{ line: 1, includes: 'must be a JSON object like {"text_input"' }],
  },
  {
    name: 'conflicting aliases',
    file: 'm7.jsonl',
    content: lines({ text_input: 'a', input: 'b', output: 'c' }),
    errors: [{ line: 1, includes: 'both "text_input" and "input" are set, to different values' }],
  },
  {
    name: 'input over the Gemini API limit',
    file: 'm8.jsonl',
    content: lines({ text_input: big(41_203), output: 'x' }),
    errors: [
      {
        line: 1,
        includes:
          'text_input is 41,203 characters; the Gemini API allows at most 40,000 per example: shorten it or split the example',
      },
    ],
  },
  {
    name: 'output over the Gemini API limit',
    file: 'm9.jsonl',
    content: lines({ text_input: 'a', output: big(5_001) }),
    errors: [{ line: 1, includes: 'output is 5,001 characters; the Gemini API allows at most 5,000' }],
  },
  // 5,000 emoji are 10,000 UTF-16 units but 5,000 characters (code points): allowed
  {
    name: 'limit counts code points, not UTF-16 units',
    file: 'm9b.jsonl',
    content: validJsonl(20) + lines({ text_input: 'a', output: big(5_000, '😀') }),
    errors: [],
    loaded: 21,
  },
  {
    name: 'empty file is a file-level error',
    file: 'e.jsonl',
    content: '',
    errors: [{ line: undefined, includes: 'the file is empty' }],
  },
  {
    name: 'only blank lines is empty too',
    file: 'e2.jsonl',
    content: '\n  \r\n\n',
    errors: [{ line: undefined, includes: 'the file is empty' }],
  },
  {
    name: 'empty .json',
    file: 'e.json',
    content: '  \n',
    errors: [{ line: undefined, includes: 'the file is empty' }],
  },
  { name: 'empty .csv', file: 'e.csv', content: '', errors: [{ line: undefined, includes: 'the file is empty' }] },
  {
    name: 'header-only .csv',
    file: 'h.csv',
    content: 'text_input,output\n',
    errors: [{ line: undefined, includes: 'no rows' }],
  },
  {
    name: 'empty JSON array',
    file: 'ea.json',
    content: '[]',
    errors: [{ line: undefined, includes: 'the list of records is empty' }],
  },
  {
    name: 'unknown extension',
    file: 'data.txt',
    content: validJsonl(20),
    errors: [
      { line: undefined, includes: 'unsupported file type ".txt": the training set must be .jsonl, .json, .csv' },
    ],
  },
  {
    name: 'pretty-printed JSON in a .jsonl file',
    file: 'pp.jsonl',
    content: '[\n  {"text_input": "a", "output": "b"}\n]\n',
    errors: [
      { line: 1, includes: 'rename it to .json' },
      { line: 3, includes: 'not valid JSON' },
    ],
    loaded: 1,
  },
  {
    name: 'JSON syntax error in a .json file',
    file: 's.json',
    content: '[\n  {"text_input": "a", "output": "b"}\n  {"text_input": "c"}\n]',
    errors: [{ line: 3, column: 3, includes: 'where "," or "]" was expected' }],
  },
  {
    name: 'unclosed string in .json',
    file: 's2.json',
    content: '[{"text_input": "a\n',
    errors: [{ line: 1, includes: 'control character U+000A inside a string' }],
  },
  {
    name: 'JSON object without examples',
    file: 'o.json',
    content: '{"data": []}',
    errors: [{ line: 1, includes: 'not a list of records' }],
  },
  {
    name: 'errors in .json carry the record line',
    file: 'r.json',
    content: '[\n {"text_input": "a", "output": "b"},\n\n {"text_input": 7,\n  "output": "c"}\n]',
    errors: [{ line: 4, includes: '"text_input" is a number' }],
    loaded: 1,
  },
  {
    name: 'CSV without output column',
    file: 'c1.csv',
    content: 'text_input,answer\na,b\n',
    errors: [{ line: 1, includes: 'no "output" column' }],
  },
  {
    name: 'CSV without input column',
    file: 'c2.csv',
    content: 'prompt,output\na,b\n',
    errors: [{ line: 1, includes: 'no input column: name it "text_input"' }],
  },
  {
    name: 'CSV with both input columns',
    file: 'c2b.csv',
    content: 'input,text_input,output\na,a,b\n',
    errors: [{ line: 1, includes: 'both "text_input" and "input"' }],
  },
  {
    name: 'CSV row with too many fields',
    file: 'c3.csv',
    content: 'text_input,output\na,b\nc,d,e\nf,g\n',
    errors: [{ line: 3, includes: 'has 3 fields but the header has 2' }],
    loaded: 2,
  },
  {
    name: 'CSV empty cell',
    file: 'c4.csv',
    content: 'text_input,output\na,\n',
    errors: [{ line: 2, includes: '"output" is empty' }],
  },
  {
    name: 'CSV unclosed quote reports the row start',
    file: 'c5.csv',
    content: 'text_input,output\r\na,b\r\n"oops\r\nstill going,x\r\n',
    errors: [{ line: 3, includes: 'not valid CSV: a quoted field is never closed' }],
    loaded: 1,
  },
  {
    name: 'CSV stray quote',
    file: 'c6.csv',
    content: 'text_input,output\n"multi\nline",1\nsay "hi",2\n',
    errors: [{ line: 4, includes: 'not valid CSV: a quote appears inside an unquoted field' }],
    loaded: 1,
  },
  // all problems of a file in one pass
  {
    name: 'several problems reported together',
    file: 'many.jsonl',
    content: lines(pair(1), { text_input: 'x' }, '{oops', pair(2), { text_input: 3, output: 4 }),
    errors: [
      { line: 2, includes: '"output" is missing' },
      { line: 3, includes: 'not valid JSON' },
      { line: 5, includes: '"text_input" is a number' },
      { line: 5, includes: '"output" is a number' },
    ],
    loaded: 2,
  },
  {
    name: 'gemini-api: multi-turn native record',
    file: 'n1.jsonl',
    content: lines({
      contents: [
        { role: 'user', parts: [{ text: 'a' }] },
        { role: 'model', parts: [{ text: 'b' }] },
        { role: 'user', parts: [{ text: 'c' }] },
        { role: 'model', parts: [{ text: 'd' }] },
      ],
    }),
    errors: [{ line: 1, includes: 'the Gemini API tunes single-turn text only: this record has 4 turns' }],
  },
  {
    name: 'gemini-api: systemInstruction',
    file: 'n2.jsonl',
    content: lines({
      systemInstruction: { parts: [{ text: 's' }] },
      contents: [
        { role: 'user', parts: [{ text: 'a' }] },
        { role: 'model', parts: [{ text: 'b' }] },
      ],
    }),
    errors: [{ line: 1, includes: 'the Gemini API tunes single-turn text only: this record has a systemInstruction' }],
  },
  {
    name: 'vertex-ai: roles must alternate',
    file: 'n3.jsonl',
    backend: 'vertex-ai',
    content: lines({
      contents: [
        { role: 'user', parts: [{ text: 'a' }] },
        { role: 'user', parts: [{ text: 'b' }] },
      ],
    }),
    errors: [{ line: 1, includes: 'contents[1] has role "user" but should be "model"' }],
  },
  {
    name: 'vertex-ai: must end with model',
    file: 'n4.jsonl',
    backend: 'vertex-ai',
    content: lines({
      contents: [
        { role: 'user', parts: [{ text: 'a' }] },
        { role: 'model', parts: [{ text: 'b' }] },
        { role: 'user', parts: [{ text: 'c' }] },
      ],
    }),
    errors: [{ line: 1, includes: 'must end with a "model" turn' }],
  },
  {
    name: 'vertex-ai: text parts only',
    file: 'n5.jsonl',
    backend: 'vertex-ai',
    content: lines({
      contents: [
        { role: 'user', parts: [{ inlineData: { mimeType: 'image/png', data: '' } }] },
        { role: 'model', parts: [{ text: 'b' }] },
      ],
    }),
    errors: [{ line: 1, includes: 'contents[0].parts[0] is not a text part ("inlineData")' }],
  },
  {
    name: 'vertex-ai: empty contents',
    file: 'n6.jsonl',
    backend: 'vertex-ai',
    content: lines({ contents: [] }),
    errors: [{ line: 1, includes: '"contents" must be a non-empty array' }],
  },
];

describe('malformed training sets', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    ws.write(c.file, c.content);
    const ds = await loadTrainingSet(c.file, {
      backend: c.backend ?? 'gemini-api',
      role: 'training',
      workspace: ws.dir,
    });
    const errors = ds.problems.filter((p) => p.severity === 'error');
    expect(
      errors.map((e) => ({ line: e.line, message: e.message })),
      JSON.stringify(errors, null, 1),
    ).toHaveLength(c.errors.length);
    c.errors.forEach((want, k) => {
      const got = errors[k]!;
      expect(got.file).toBe(c.file);
      expect(got.line).toBe(want.line);
      if (want.line === undefined) expect(got.column).toBeUndefined();
      if (want.column !== undefined) expect(got.column).toBe(want.column);
      if (typeof want.includes === 'string') expect(got.message).toContain(want.includes);
      else expect(got.message).toMatch(want.includes);
    });
    if (c.loaded !== undefined) expect(ds.records).toHaveLength(c.loaded);
  });

  it('a missing file names the path relative to the workspace', async () => {
    const ds = await loadTrainingSet('data/nope.jsonl', { backend: 'gemini-api', role: 'training', workspace: ws.dir });
    expect(ds.problems).toEqual([
      {
        severity: 'error',
        file: 'data/nope.jsonl',
        message: expect.stringMatching(/^data\/nope\.jsonl does not exist \(paths are relative to the workspace/),
      },
    ]);
  });

  it('a directory is not a dataset', async () => {
    ws.write('adir.jsonl/x', 'x');
    const ds = await loadTrainingSet('adir.jsonl', { backend: 'gemini-api', role: 'training', workspace: ws.dir });
    expect(ds.problems[0]?.message).toContain('is a directory');
  });

  it('unknown fields give one warning per field, not per record', async () => {
    ws.write('u.jsonl', lines(...Array.from({ length: 20 }, (_, i) => ({ ...pair(i), ouput: 'x' }))));
    const ds = await loadTrainingSet('u.jsonl', { backend: 'gemini-api', role: 'training', workspace: ws.dir });
    expect(ds.problems).toEqual([
      {
        severity: 'warning',
        file: 'u.jsonl',
        line: 1,
        message: expect.stringContaining('unknown field "ouput" is ignored (in 20 records)'),
      },
    ]);
  });

  it('stores at most 1000 problems per file and says how many more there were', async () => {
    ws.write('huge.jsonl', '{"x":1}\n'.repeat(1200));
    const ds = await loadTrainingSet('huge.jsonl', { backend: 'gemini-api', role: 'training', workspace: ws.dir });
    expect(ds.problems).toHaveLength(1001);
    expect(ds.problems[1000]?.message).toMatch(/^1,\d{3} more problems in this file were not listed/);
  });
});

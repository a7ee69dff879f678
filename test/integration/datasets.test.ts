/**
 * Malformed datasets through the real run(): each case names the exact annotations (file, line,
 * column, message) the run prints, and proves that nothing reached the service (the emulator saw
 * zero requests). Then the dataset doctor's findings, end to end: annotations, the JSON report and
 * the job summary.
 */

import { mkdtempSync, mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { runMain } from '../helpers/in-process.js';
import { runnerEnv } from '../helpers/runner-env.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

/** Polls, backoffs and training steps on virtual time: the file runs in about the time its HTTP calls take. */
const clock = new VirtualClock();

const API_KEY = 'datasets-integration-key';
let emu: Emulator;
const roots: string[] = [];

beforeAll(async () => {
  emu = await startEmulator({ now: clock.now, apiKeys: [API_KEY], training: { tunable: true, stepMs: 5 } });
});
afterAll(async () => {
  await emu.close();
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});
beforeEach(() => emu.reset());

type FileContent = string | Buffer | { sparseBytes: number };

function workspace(files: Record<string, FileContent>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gt-datasets-ws-'));
  roots.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const full = join(dir, name);
    mkdirSync(dirname(full), { recursive: true });
    if (typeof content === 'object' && !Buffer.isBuffer(content)) {
      writeFileSync(full, '');
      truncateSync(full, content.sparseBytes); // a sparse file: the size without the disk space
    } else writeFileSync(full, content);
  }
  return dir;
}

interface Annotation {
  level: 'error' | 'warning' | 'notice';
  file?: string;
  line?: number;
  col?: number;
  message: string;
}

const unescapeData = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProp = (s: string): string => unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',');

/** The annotations (workflow commands) in a run's stdout, without the final setFailed line. */
function annotations(stdout: string): Annotation[] {
  const out: Annotation[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const props = Object.fromEntries(
      (m[2] ?? '')
        .split(',')
        .filter(Boolean)
        .map((kv) => {
          const at = kv.indexOf('=');
          return [kv.slice(0, at), unescapeProp(kv.slice(at + 1))];
        }),
    );
    const a: Annotation = { level: m[1] as Annotation['level'], message: unescapeData(m[3] ?? '') };
    if (props['file'] !== undefined) a.file = props['file'];
    if (props['line'] !== undefined) a.line = Number(props['line']);
    if (props['col'] !== undefined) a.col = Number(props['col']);
    out.push(a);
  }
  return out;
}

const rec = (i: number): string => JSON.stringify({ text_input: `q${i}`, output: `a${i}` });
const many = (n: number, from = 0): string => Array.from({ length: n }, (_, i) => rec(from + i)).join('\n') + '\n';
const turn = (role: string, text: string) => ({ role, parts: [{ text }] });
interface Case {
  name: string;
  backend?: 'gemini-api' | 'vertex-ai';
  files: Record<string, FileContent>;
  inputs: Record<string, string>;
  /** Every annotation, in order (the final "gemini-tune failed with" line is checked separately). */
  expected: Annotation[];
  /** The files named in the failure message. */
  failedFiles: string[];
}

const TEXT_SHAPE = '{"text_input": "...", "output": "..."}';

const cases: Case[] = [
  {
    name: 'JSONL: invalid UTF-8, with the column of the bad byte',
    files: {
      'train.jsonl': Buffer.concat([
        Buffer.from(many(20)),
        Buffer.from('{"text_input": "caf'),
        Buffer.from([0xe9]),
        Buffer.from('", "output": "x"}\n'),
      ]),
    },
    inputs: { 'training-data': 'train.jsonl' },
    expected: [
      {
        level: 'error',
        file: 'train.jsonl',
        line: 21,
        col: 20,
        message:
          'not valid UTF-8 (byte 0xE9 at column 20, bytes E9 22 2C 20): save the file as UTF-8 (it may be in Latin-1/Windows-1252 or UTF-16)',
      },
    ],
    failedFiles: ['train.jsonl'],
  },
  {
    name: 'JSONL: syntax error, missing field, wrong type (all in one pass, in line order)',
    files: {
      'data/train.jsonl':
        many(20) + '{"text_input": "a", "output":}\n{"text_input": "b"}\n{"text_input": 7, "output": "c"}\n',
    },
    inputs: { 'training-data': 'data/train.jsonl' },
    expected: [
      {
        level: 'error',
        file: 'data/train.jsonl',
        line: 21,
        col: 30,
        message: `not valid JSON (unexpected "}" at column 30): each line must be one JSON object, like ${TEXT_SHAPE}`,
      },
      {
        level: 'error',
        file: 'data/train.jsonl',
        line: 22,
        message: '"output" is missing: each example needs a non-empty "output" string',
      },
      {
        level: 'error',
        file: 'data/train.jsonl',
        line: 23,
        message: '"text_input" is a number, not a string: write it as a JSON string, e.g. "text_input": "7"',
      },
    ],
    failedFiles: ['data/train.jsonl'],
  },
  {
    name: 'Gemini API: 40,000 characters of input and 5,000 of output per example',
    files: {
      'train.jsonl':
        many(20) +
        JSON.stringify({ text_input: 'x'.repeat(40_001), output: 'ok' }) +
        '\n' +
        JSON.stringify({ text_input: 'ok', output: '😀'.repeat(5_001) }) +
        '\n',
    },
    inputs: { 'training-data': 'train.jsonl' },
    expected: [
      {
        level: 'error',
        file: 'train.jsonl',
        line: 21,
        message:
          'text_input is 40,001 characters; the Gemini API allows at most 40,000 per example: shorten it or split the example',
      },
      {
        level: 'error',
        file: 'train.jsonl',
        line: 22,
        message:
          'output is 5,001 characters; the Gemini API allows at most 5,000 per example: shorten it or split the example',
      },
    ],
    failedFiles: ['train.jsonl'],
  },
  {
    name: 'Gemini API: single-turn text only (Vertex AI contents and legacy messages)',
    files: {
      'train.jsonl':
        many(20) +
        JSON.stringify({ contents: [turn('user', 'a'), turn('model', 'b'), turn('user', 'c'), turn('model', 'd')] }) +
        '\n' +
        JSON.stringify({
          systemInstruction: { parts: [{ text: 's' }] },
          contents: [turn('user', 'a'), turn('model', 'b')],
        }) +
        '\n' +
        JSON.stringify({
          messages: [
            { role: 'system', content: 's' },
            { role: 'user', content: 'a' },
            { role: 'model', content: 'b' },
          ],
        }) +
        '\n',
    },
    inputs: { 'training-data': 'train.jsonl' },
    expected: [
      {
        level: 'error',
        file: 'train.jsonl',
        line: 21,
        message:
          'the Gemini API tunes single-turn text only: this record has 4 turns; use one user turn and one model turn without a system instruction (e.g. put the instruction into the input), or use the vertex-ai backend',
      },
      {
        level: 'error',
        file: 'train.jsonl',
        line: 22,
        message:
          'the Gemini API tunes single-turn text only: this record has a systemInstruction; use one user turn and one model turn without a system instruction (e.g. put the instruction into the input), or use the vertex-ai backend',
      },
      {
        level: 'error',
        file: 'train.jsonl',
        line: 23,
        message:
          'the Gemini API tunes single-turn text only: this record has a system message; use one user turn and one model turn without a system instruction (e.g. put the instruction into the input), or use the vertex-ai backend',
      },
    ],
    failedFiles: ['train.jsonl'],
  },
  {
    name: 'Gemini API: the inline request body over 4 MB, at the line that crosses it',
    files: {
      'train.jsonl':
        Array.from({ length: 120 }, (_, i) =>
          JSON.stringify({ text_input: `${i}`.padEnd(39_000, 'x'), output: 'y' }),
        ).join('\n') + '\n',
    },
    inputs: { 'training-data': 'train.jsonl' },
    expected: [
      {
        level: 'error',
        file: 'train.jsonl',
        line: 108,
        message:
          'the Gemini API takes the training examples inline, in one request of at most 4 MB (4,194,304 bytes), and the examples up to this line already pass that (the whole set needs about 4,685,648 bytes): use fewer or shorter examples, or the vertex-ai backend, which uploads the data to Cloud Storage',
      },
    ],
    failedFiles: ['train.jsonl'],
  },
  {
    name: 'CSV (RFC 4180): missing column in the header',
    files: { 'train.csv': 'text_input,answer\n"a","b"\n' },
    inputs: { 'training-data': 'train.csv' },
    expected: [
      {
        level: 'error',
        file: 'train.csv',
        line: 1,
        message: 'the CSV header has no "output" column: add one; the header is "text_input","answer"',
      },
    ],
    failedFiles: ['train.csv'],
  },
  {
    name: 'CSV: a row with the wrong number of fields, then an unclosed quote',
    files: {
      'train.csv':
        'text_input,output\r\n' +
        Array.from({ length: 20 }, (_, i) => `q${i},a${i}`).join('\r\n') +
        '\r\nhello, world,x\r\n"never closed,x\r\n',
    },
    inputs: { 'training-data': 'train.csv' },
    expected: [
      {
        level: 'error',
        file: 'train.csv',
        line: 22,
        message:
          'this CSV row has 3 fields but the header has 2: put fields that contain commas, quotes or line breaks in double quotes ("a, b"), and double any quote inside them ("")',
      },
      {
        level: 'error',
        file: 'train.csv',
        line: 23,
        message:
          'not valid CSV: a quoted field is never closed in the row starting here (Quote Not Closed: the parsing is finished with an opening quote); put a field in double quotes and double every quote inside it ("say ""hi"""). Rows after this one were not checked',
      },
    ],
    failedFiles: ['train.csv'],
  },
  {
    name: 'JSON: not a list of records; empty file; unsupported type (three files, one pass)',
    files: { 'train.json': '{"data": []}', 'validation.jsonl': '', 'eval.txt': 'x' },
    inputs: { 'training-data': 'train.json', 'validation-data': 'validation.jsonl', 'eval-data': 'eval.txt' },
    backend: 'vertex-ai',
    expected: [
      {
        level: 'error',
        file: 'train.json',
        line: 1,
        message: `the JSON document is not a list of records: write an array of records like [${TEXT_SHAPE}] (also accepted: {"examples": [...]}, {"examples": {"examples": [...]}})`,
      },
      {
        level: 'error',
        file: 'validation.jsonl',
        message: `the file is empty: it needs one record per line, like ${TEXT_SHAPE}`,
      },
      {
        level: 'error',
        file: 'eval.txt',
        message:
          'unsupported file type ".txt": the eval set must be .jsonl, .json, .csv (JSON Lines, JSON, or CSV with a header row)',
      },
    ],
    failedFiles: ['train.json', 'validation.jsonl', 'eval.txt'],
  },
  {
    name: 'Vertex AI: roles alternate user/model and end with model; text parts only',
    backend: 'vertex-ai',
    files: {
      'train.jsonl':
        many(20) +
        JSON.stringify({ contents: [turn('user', 'a'), turn('user', 'b')] }) +
        '\n' +
        JSON.stringify({ contents: [turn('user', 'a'), turn('model', 'b'), turn('user', 'c')] }) +
        '\n' +
        JSON.stringify({
          contents: [
            { role: 'user', parts: [{ fileData: { fileUri: 'gs://b/x.pdf', mimeType: 'application/pdf' } }] },
            turn('model', 'b'),
          ],
        }) +
        '\n' +
        JSON.stringify({
          messages: [
            { role: 'user', content: 'a' },
            { role: 'assistant', content: 'b' },
          ],
        }) +
        '\n',
    },
    inputs: { 'training-data': 'train.jsonl' },
    expected: [
      {
        level: 'error',
        file: 'train.jsonl',
        line: 21,
        message:
          'contents[1] has role "user" but should be "model": turns alternate "user" and "model", starting with "user"',
      },
      {
        level: 'error',
        file: 'train.jsonl',
        line: 22,
        message: 'the last turn is a "user" turn: a record must end with a "model" turn, the answer to learn',
      },
      {
        level: 'error',
        file: 'train.jsonl',
        line: 23,
        message:
          'contents[0].parts[0] is not a text part ("fileData"): only text parts are supported for tuning here; remove images, files and function calls',
      },
      {
        level: 'error',
        file: 'train.jsonl',
        line: 24,
        message:
          'messages[1] has role "assistant" but should be "model" (this format calls the answer "model", not "assistant"): after an optional "system" message, messages alternate "user" and "model", starting with "user"',
      },
    ],
    failedFiles: ['train.jsonl'],
  },
  {
    name: 'Vertex AI: estimated tokens per example over 131,072 (said to be an estimate)',
    backend: 'vertex-ai',
    files: {
      'train.jsonl':
        many(20) +
        JSON.stringify({ contents: [turn('user', 'x'.repeat(520_000)), turn('model', '漢'.repeat(2_000))] }) +
        '\n',
    },
    inputs: { 'training-data': 'train.jsonl' },
    expected: [
      {
        level: 'error',
        file: 'train.jsonl',
        line: 21,
        message:
          "this example is about 132,000 tokens by our estimate (4 characters a token for ASCII text, 1 per other character; the service's own count may differ); Vertex AI tunes on at most 131,072 tokens per example (input and output together): shorten it or split it into smaller examples",
      },
    ],
    failedFiles: ['train.jsonl'],
  },
  {
    name: 'Vertex AI: at most 5,000 validation examples',
    backend: 'vertex-ai',
    files: { 'train.jsonl': many(20), 'val.jsonl': many(5_002, 100) },
    inputs: { 'training-data': 'train.jsonl', 'validation-data': 'val.jsonl' },
    expected: [
      {
        level: 'error',
        file: 'val.jsonl',
        line: 5_001,
        message:
          'the validation set has 5,002 examples and Vertex AI accepts at most 5,000; this is the first one over: keep a representative 5,000 or fewer',
      },
    ],
    failedFiles: ['val.jsonl'],
  },
  {
    name: 'Vertex AI: 1 GB per file',
    backend: 'vertex-ai',
    files: { 'train.jsonl': { sparseBytes: 1024 ** 3 + 1 } },
    inputs: { 'training-data': 'train.jsonl' },
    expected: [
      {
        level: 'error',
        file: 'train.jsonl',
        message:
          'the file is 1,073,741,825 bytes; Vertex AI accepts dataset files up to 1 GB: reduce or split the dataset',
      },
    ],
    failedFiles: ['train.jsonl'],
  },
  {
    name: 'Eval set: a regex that does not compile and a repeated id',
    files: {
      'train.jsonl': many(20),
      'eval.jsonl':
        '{"id": "a", "input": "x", "expected": "(", "scorer": "regex"}\n{"id": "b", "input": "y", "expected": "z"}\n{"id": "b", "input": "w", "expected": "z"}\n',
    },
    inputs: { 'training-data': 'train.jsonl', 'eval-data': 'eval.jsonl' },
    expected: [
      {
        level: 'error',
        file: 'eval.jsonl',
        line: 1,
        message: 'REPLACED_BELOW',
      },
      {
        level: 'error',
        file: 'eval.jsonl',
        line: 3,
        message: 'the id "b" is already used on line 2: give each case a unique "id"',
      },
    ],
    failedFiles: ['eval.jsonl'],
  },
  {
    name: 'at most 50 annotations, then a count of the rest',
    files: { 'train.jsonl': many(20) + '{"text_input": "q"}\n'.repeat(60) },
    inputs: { 'training-data': 'train.jsonl' },
    expected: [
      ...Array.from({ length: 50 }, (_, k) => ({
        level: 'error' as const,
        file: 'train.jsonl',
        line: 21 + k,
        message: '"output" is missing: each example needs a non-empty "output" string',
      })),
      {
        level: 'error',
        message: '10 more dataset problems (10 errors, 0 warnings) not shown: fix the ones above and run again',
      },
    ],
    failedFiles: ['train.jsonl'],
  },
];

function runFor(c: Case) {
  const ws = workspace(c.files);
  const inputs: Record<string, string> = { ...c.inputs, 'api-endpoint': emu.url };
  if ((c.backend ?? 'gemini-api') === 'gemini-api') inputs['api-key'] = API_KEY;
  else Object.assign(inputs, { backend: 'vertex-ai', project: 'tuning-project', 'staging-uri': 'gs://bucket/prefix' });
  return { ws, runner: runnerEnv({ inputs, event: 'push', extra: { GITHUB_WORKSPACE: ws } }) };
}

describe('malformed datasets through run(): exact annotations, zero requests', () => {
  it.each(cases)('$name', async (c) => {
    const { runner } = runFor(c);
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(1);
    const got = annotations(result.stdout);
    const failure = got.pop();
    let expected = c.expected;
    if (c.name.startsWith('Eval set')) {
      // The engine's own SyntaxError text is part of the message: take it from the engine.
      let engine = '';
      const unclosed = '(';
      try {
        new RegExp(unclosed);
      } catch (err) {
        engine = (err as Error).message;
      }
      expected = expected.map((a) =>
        a.message === 'REPLACED_BELOW' ? { ...a, message: expect.stringContaining(engine) as unknown as string } : a,
      );
    }
    expect(got).toEqual(expected);
    expect(failure?.level).toBe('error');
    expect(failure?.message).toMatch(/^gemini-tune failed with: \d+ problems? in .*; nothing was sent to the service$/);
    for (const f of c.failedFiles) expect(failure?.message).toContain(f);
    // Nothing reached the service: not a create, not a list, not a token.
    expect(emu.requests.length).toBe(0);
    // And no outputs that claim a job.
    expect(runner.outputs()['job'] ?? '').toBe('');
  });
});

describe('the dataset doctor through run()', () => {
  it('annotates its findings and puts them, with the statistics, in the JSON report and the job summary', async () => {
    const train = [
      ...Array.from({ length: 24 }, (_, i) => ({
        text_input: `Classify: review number ${i} is fine`,
        output: `label ${i}`,
      })),
      { text_input: 'Classify: review number 3 is fine', output: 'label 3' }, // line 25: duplicate of line 4
      { text_input: 'classify:  REVIEW number 5 is fine', output: 'Label 5' }, // 26: near duplicate of line 6
      { text_input: 'Classify: review number 7 is fine', output: 'something else' }, // 27: conflict with line 8
      { text_input: 'Classify: review number 30 is fine', output: ' … ' }, // 28: no letters or digits
      { text_input: 'review number 31 without the prefix', output: 'label 31' }, // 29: lacks the shared prefix
    ];
    const evalCases = [
      { id: 'leak', input: 'Classify: review number 10 is fine', expected: 'label 10' },
      { id: 'fresh', input: 'Classify: a new review', expected: 'label x' },
    ];
    const c: Case = {
      name: 'doctor',
      files: {
        'train.jsonl': train.map((r) => JSON.stringify(r)).join('\n') + '\n',
        'eval.jsonl': evalCases.map((r) => JSON.stringify(r)).join('\n') + '\n',
      },
      inputs: { 'training-data': 'train.jsonl', 'eval-data': 'eval.jsonl' },
      expected: [],
      failedFiles: [],
    };
    emu.configure({ training: { stepMs: 5, outcome: 'ACTIVE' }, generate: { latencyMs: 0 } });
    const { runner } = runFor(c);
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(0);
    const warnings = annotations(result.stdout).filter((a) => a.level === 'warning');
    const doctor = warnings.filter((a) => a.message.startsWith('Dataset doctor'));
    expect(doctor.map((a) => [a.file, a.line, a.message.split(':')[0]])).toEqual([
      ['train.jsonl', 25, 'Dataset doctor (duplicate)'],
      ['train.jsonl', 26, 'Dataset doctor (near-duplicate)'],
      ['train.jsonl', 27, 'Dataset doctor (conflict)'],
      ['train.jsonl', 28, 'Dataset doctor (empty-output)'],
      ['train.jsonl', 26, 'Dataset doctor (prompt-format)'],
      ['eval.jsonl', 1, 'Dataset doctor (leakage)'],
    ]);

    const report = JSON.parse(readFileSync(runner.outputs()['report-path']!, 'utf8'));
    const kinds = report.dataset.findings.map((f: { kind: string; examples: number[] }) => [f.kind, f.examples]);
    expect(kinds).toEqual([
      ['duplicate', [25]],
      ['near-duplicate', [26]],
      ['conflict', [27]],
      ['empty-output', [28]],
      ['prompt-format', [26, 29]],
      ['leakage', [1]],
    ]);
    expect(report.dataset.findings[5].message).toContain('(line 1 (training line 11))');
    // Line 26 lacks it too: "classify:" is not "Classify:" (the service sees the text as it is).
    expect(report.dataset.findings[4].message).toContain(
      '27 of 29 inputs start with "Classify: review number" but 2 inputs do not (line 26, line 29)',
    );
    // Statistics: count, characters and estimated tokens per field.
    const stats = report.dataset.stats.training;
    expect(stats.count).toBe(29);
    expect(stats.duplicates).toBe(1);
    expect(stats.nearDuplicates).toBe(1);
    expect(stats.conflicts).toBe(1);
    expect(stats.output.chars.min).toBe(3);
    expect(stats.input.chars.max).toBe('review number 31 without the prefix'.length);
    expect(stats.input.estimatedTokens.max).toBe(Math.ceil('review number 31 without the prefix'.length / 4));
    // The findings also count as warnings in the report.
    expect(report.dataset.warnings.filter((w: string) => w.includes('Dataset doctor'))).toHaveLength(6);

    const summary = runner.summary();
    expect(summary).toContain('**Dataset doctor:** 6 findings');
    for (const title of [
      'Duplicates',
      'Near duplicates',
      'Conflicting outputs',
      'Empty outputs',
      'Prompt format',
      'Eval leakage',
    ])
      expect(summary).toContain(`**${title}**`);
    // Each line links to the file on the pull request's head commit.
    expect(summary).toMatch(
      /\(lines: \[25\]\(https:\/\/github\.com\/octo-org\/number-tuner\/blob\/[0-9a-f]{40}\/[^)\s]+#L25\)\)/,
    );
    // Only one create: the doctor warns, it does not stop the run.
    expect(emu.requests.filter((r) => r.method === 'POST' && /\/tunedModels(\?|$)/.test(r.path))).toHaveLength(1);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { doctor } from '../../../src/dataset/load-datasets.js';
import { loadEvalSet } from '../../../src/dataset/validate/load-eval.js';
import { loadTrainingSet } from '../../../src/dataset/validate/load-training.js';
import { renderComment } from '../../../src/report/comment.js';
import { renderSummary } from '../../../src/report/summary.js';
import { report as baseReport } from '../report/fixtures.js';
import { lines, TempWorkspace } from './helpers.js';
import type { BackendName } from '../../../src/domain.js';

const ws = new TempWorkspace();
afterAll(() => ws.cleanup());

const pair = (i: number, prefix = 'Question: ') => ({ text_input: `${prefix}what follows ${i}?`, output: `${i + 1}` });
const base = (n: number) => Array.from({ length: n }, (_, i) => pair(i));

async function findingsOf(
  train: unknown[],
  opts: { validation?: unknown[]; eval?: unknown[]; backend?: BackendName } = {},
) {
  const backend = opts.backend ?? 'gemini-api';
  const t = await loadTrainingSet(ws.write('t.jsonl', lines(...train)), {
    backend,
    role: 'training',
    workspace: ws.dir,
  });
  expect(t.problems.filter((p) => p.severity === 'error')).toEqual([]);
  const v = opts.validation
    ? await loadTrainingSet(ws.write('v.jsonl', lines(...opts.validation)), {
        backend,
        role: 'validation',
        workspace: ws.dir,
      })
    : null;
  const e = opts.eval ? await loadEvalSet(ws.write('e.jsonl', lines(...opts.eval)), { workspace: ws.dir }) : null;
  // doctor() names files relative to GITHUB_WORKSPACE / the cwd: run it from the temp workspace.
  const saved = process.env['GITHUB_WORKSPACE'];
  process.env['GITHUB_WORKSPACE'] = ws.dir;
  try {
    return doctor(t, v, e);
  } finally {
    if (saved === undefined) delete process.env['GITHUB_WORKSPACE'];
    else process.env['GITHUB_WORKSPACE'] = saved;
  }
}

describe('dataset doctor: one test per kind', () => {
  it('a clean set has no findings', async () => {
    expect(await findingsOf(base(30))).toEqual([]);
  });

  it('duplicate: exact repeats, with the line they repeat', async () => {
    const f = await findingsOf([...base(30), pair(4), pair(9), pair(4)]);
    expect(f).toEqual([
      {
        kind: 'duplicate',
        file: 't.jsonl',
        count: 3,
        examples: [31, 32, 33],
        message:
          '3 examples repeat an earlier example exactly (line 31 (same as line 5), line 32 (same as line 10), line 33 (same as line 5)): a repeated example counts several times in training; remove the copies',
      },
    ]);
  });

  it('near-duplicate: the same apart from letter case and whitespace', async () => {
    const f = await findingsOf([...base(30), { text_input: 'Question: what follows 4?\t', output: ' 5\n' }]);
    expect(f.map((x) => [x.kind, x.examples])).toEqual([['near-duplicate', [31]]]);
    expect(f[0]?.message).toContain('(line 31 (like line 5))');
  });

  it('conflict: the same input with a different output', async () => {
    const f = await findingsOf([...base(30), { ...pair(7), output: 'nine' }]);
    expect(f.map((x) => [x.kind, x.examples, x.count])).toEqual([['conflict', [31], 1]]);
    expect(f[0]?.message).toContain('line 31 (input of line 8)');
    expect(f[0]?.message).toContain('keep the right output');
  });

  it('empty-output: outputs with only punctuation, whitespace or invisible characters', async () => {
    const f = await findingsOf([...base(30), { ...pair(40), output: '\u200b' }, { ...pair(41), output: ' - . ' }]);
    expect(f.map((x) => [x.kind, x.examples])).toEqual([['empty-output', [31, 32]]]);
    expect(f[0]?.message).toMatch(/^2 outputs contain no letters or digits/);
  });

  it('length-outlier: far longer than the rest (log scale)', async () => {
    const f = await findingsOf([...base(30), { ...pair(50), output: 'long '.repeat(400) }]);
    expect(f.map((x) => [x.kind, x.examples])).toEqual([['length-outlier', [31]]]);
    expect(f[0]?.message).toContain(
      '1 output is far longer or shorter than the rest (line 31: 2,000 characters; the median is 2 characters)',
    );
  });

  it('prompt-format: a prefix most inputs share but some lack', async () => {
    const set = [...base(28), pair(100, ''), pair(101, 'Q: ')];
    const f = await findingsOf(set);
    expect(f.map((x) => [x.kind, x.examples, x.count])).toEqual([['prompt-format', [29, 30], 2]]);
    expect(f[0]?.message).toContain('28 of 30 inputs start with "Question: what follows" but 2 inputs do not');
    expect(f[0]?.message).toContain('formatted exactly as production sends them');
  });

  it('prompt-format: not for natural variation (no shared preamble), nor below 20 examples', async () => {
    const varied = Array.from({ length: 40 }, (_, i) => ({
      text_input: `${['What', 'How', 'Why', 'When'][i % 4]} is item ${i}?`,
      output: 'x',
    }));
    expect((await findingsOf(varied)).filter((x) => x.kind === 'prompt-format')).toEqual([]);
    expect(await findingsOf([...base(15), pair(100, '')])).toEqual([]);
  });

  it('prompt-format: streaming, the lacking lines after the sample are found too', async () => {
    const set = Array.from({ length: 1500 }, (_, i) =>
      pair(i, i === 1400 ? 'q: ' : 'Instruction: answer.\nQuestion: '),
    );
    const f = await findingsOf(set, { backend: 'vertex-ai' });
    expect(f.map((x) => [x.kind, x.examples])).toEqual([['prompt-format', [1401]]]);
  });

  it('leakage: eval inputs that are training inputs (case and whitespace folded)', async () => {
    const f = await findingsOf(base(30), {
      eval: [
        { id: 'a', input: 'QUESTION: what follows 3?', expected: '4' },
        { id: 'b', input: 'something new', expected: 'x' },
      ],
    });
    expect(f).toEqual([
      {
        kind: 'leakage',
        file: 'e.jsonl',
        count: 1,
        examples: [1],
        message:
          '1 eval input also appears as a training input in t.jsonl (line 1 (training line 4)): the tuned model can pass it from memory, so the pass rate overstates quality; remove it from one of the sets',
      },
    ]);
  });

  it('overlap: validation examples whose input is in the training set', async () => {
    const f = await findingsOf(base(30), {
      backend: 'vertex-ai',
      validation: [pair(2), { text_input: 'fresh', output: 'x' }, pair(20)],
    });
    expect(f.map((x) => [x.kind, x.file, x.examples])).toEqual([['overlap', 'v.jsonl', [1, 3]]]);
    expect(f[0]?.message).toContain('2 validation examples have an input that is also in the training set t.jsonl');
  });
});

describe('doctor findings in the job summary and the PR comment', () => {
  const hostile = {
    kind: 'prompt-format' as const,
    file: 'data/t.jsonl',
    count: 2,
    examples: [3, 9],
    message: '28 of 30 inputs start with "<img src=x onerror=alert(1)> @octocat |" but 2 inputs do not',
  };
  const r = () => {
    const rep = baseReport();
    rep.dataset = {
      ...rep.dataset!,
      findings: [hostile],
      warnings: [],
    };
    return rep;
  };

  it('the summary lists each finding with its lines, escaped, and not twice', () => {
    const s = renderSummary(r());
    expect(s).toContain('**Dataset doctor:** 1 finding');
    // At its first line (a link to the head commit when the report knows where the files are).
    expect(s).toMatch(/🩺 \*\*Prompt format\*\* in (\[`data\/t\.jsonl:3`\]\([^)]+#L3\)|`data\/t\.jsonl:3`)/);
    expect(s).toMatch(/\(lines: (\[3\]\([^)]+#L3\)|3), (\[9\]\([^)]+#L9\)|9)\)/);
    expect(s).not.toContain('<img');
    expect(s).toContain('&lt;img');
    expect(s).not.toMatch(/@octocat/);
    expect(s.match(/of 30 inputs start with/g)).toHaveLength(1);
  });

  it('the comment has the short form', () => {
    const c = renderComment(r(), { marker: '<!-- gemini-tune:t -->', phase: 'final' });
    expect(c).toMatch(/🩺 \*\*Prompt format\*\* in (\[`data\/t\.jsonl:3`\]\([^)]+#L3\)|`data\/t\.jsonl:3`)/);
    expect(c).not.toContain('(lines: ');
    expect(c).not.toContain('<img');
  });
});

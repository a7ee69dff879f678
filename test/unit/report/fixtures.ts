import type { EvalCaseResult, EvalSummary } from '../../../src/eval/types.js';
import type { ProblemReport, Report } from '../../../src/report/types.js';

export const HOSTILE: Record<string, string> = {
  pipes: 'a | b || c \\| d',
  backticks: 'use ``` fences ` and ```` more',
  closeDetails: '</details></summary></td></tr></table>',
  img: '<img src=x onerror=alert(1)>',
  script: '<script>alert("x")</script>',
  mention: 'hey @octocat look',
  team: 'cc @github/security-team please',
  issue: 'fixes #1 and GH-2 and octo/repo#3',
  url: 'see https://github.com/octo/repo/issues/4',
  marker: '<!-- gemini-tune:CI/build -->',
  markdown:
    '# heading\n- item\n> quote\n```\ncode\n```\n[link](javascript:alert(1)) ![img](https://x.test/t.png) **bold** $x^2$',
  emoji: '🚀 family 👨‍👩‍👧 flag 🇯🇵',
  rtl: 'مرحبا بالعالم \u202Eevil\u202C שלום',
  entity: '&lt;b&gt; &#64;octocat &amp;',
  newlines: 'line1\r\nline2\n\nline4',
};

export function evalCase(i: number, over: Partial<EvalCaseResult> = {}): EvalCaseResult {
  return {
    id: `case-${i}`,
    input: `input ${i}`,
    expected: `expected ${i}`,
    scorer: 'exact',
    output: `expected ${i}`,
    pass: true,
    error: null,
    ...over,
  };
}

export function evalSummary(cases: EvalCaseResult[], over: Partial<EvalSummary> = {}): EvalSummary {
  const passed = cases.filter((c) => c.pass === true).length;
  const errors = cases.filter((c) => c.error && c.expected !== null).length;
  const failed = cases.filter((c) => c.pass === false && !c.error).length;
  const unscored = cases.filter((c) => c.expected === null).length;
  const scored = passed + failed;
  return {
    model: 'tunedModels/fake-123',
    baselineModel: null,
    repeats: 1,
    passRate: scored === 0 ? null : passed / scored,
    passRateInterval: scored === 0 ? null : [Math.max(0, passed / scored - 0.1), Math.min(1, passed / scored + 0.1)],
    runs: scored,
    passingRuns: passed,
    passed,
    failed,
    flaky: 0,
    errors,
    erroredCases: errors,
    unscored,
    baselinePassRate: null,
    regressions: [],
    improvements: [],
    comparison: null,
    latency: null,
    usage: { prompt: 0, output: 0, thoughts: 0 },
    generationConfig: { temperature: 0 },
    cases,
    incomplete: false,
    notRun: [],
    ...over,
  };
}

export function report(over: Partial<Report> = {}): Report {
  return {
    schemaVersion: 1,
    backend: 'gemini-api',
    baseModel: 'models/gemini-1.5-flash-001-tuning',
    displayName: 'repo pr12',
    tunedModel: 'tunedModels/fake-123',
    endpoint: 'tunedModels/fake-123',
    state: 'ACTIVE',
    job: 'tunedModels/fake-123/operations/op-1',
    cacheHit: false,
    contentKey: 'abc123',
    hyperparameters: {
      epochCount: 5,
      batchSize: 4,
      learningRate: 0.001,
      learningRateMultiplier: null,
      adapterSize: null,
    },
    dataset: {
      path: 'data/train.jsonl',
      examples: 42,
      warnings: [],
      validationPath: null,
      validationExamples: null,
      evalPath: 'data/eval.jsonl',
      evalCases: 3,
    },
    snapshots: Array.from({ length: 20 }, (_, i) => ({
      step: i + 1,
      epoch: Math.floor(i / 4) + 1,
      meanLoss: 2 / (i + 1),
    })),
    finalLoss: 0.1,
    eval: evalSummary([
      evalCase(1),
      evalCase(2, { output: 'nope', pass: false }),
      evalCase(3, { output: null, pass: null, error: 'HTTP 500 after 3 attempts' }),
    ]),
    gates: [
      { name: 'min-pass-rate', threshold: 0.5, value: 1 / 3, passed: false },
      { name: 'max-final-loss', threshold: 0.5, value: 0.1, passed: true },
    ],
    timings: { inputs: 0.1, dataset: 0.4, create: 1.5, tuning: 725, eval: 12, report: 0.2 },
    error: null,
    resumeWith: null,
    runUrl: 'https://github.com/octo/repo/actions/runs/123',
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: '2026-01-01T00:12:20Z',
    ...over,
  };
}

/** A loader warning about `file` (no line), as the report holds it. */
export function warning(message: string, file = 'data/train.jsonl'): ProblemReport {
  return { severity: 'warning', file, line: null, column: null, message };
}

/** The reports `npm run render` and test/render/ draw: one per kind of ending a reviewer meets. */

import type { EvalCaseResult } from '../../src/eval/types.js';
import type { Report } from '../../src/report/types.js';
import { evalCase, evalSummary, HOSTILE, report } from '../unit/report/fixtures.js';

const VERTEX = 'projects/123456789012/locations/us/models/8194094789592786302@1';
const ENDPOINT = 'projects/123456789012/locations/us/endpoints/6091582463883427720';

const vertex = (over: Partial<Report> = {}): Report =>
  report({
    backend: 'vertex-ai',
    baseModel: 'gemini-3.5-flash',
    tunedModel: VERTEX,
    endpoint: ENDPOINT,
    job: 'projects/123456789012/locations/us-central1/tuningJobs/7165817442051889338',
    snapshots: Array.from({ length: 600 }, (_v, i) => ({
      step: i + 1,
      epoch: Math.floor(i / 120) + 1,
      meanLoss: 0.15 + 2.4 * Math.exp((-3 * i) / 600) + 0.05 * Math.sin(i / 7),
    })),
    validationSnapshots: Array.from({ length: 10 }, (_v, i) => ({
      step: (i + 1) * 60,
      meanLoss: 0.25 + 2.2 * Math.exp((-3 * (i + 1) * 60) / 600),
    })),
    finalLoss: 0.19,
    validationLoss: 0.36,
    gates: [{ name: 'min-pass-rate', threshold: 0.8, value: 0.9, passed: true }],
    cost: {
      datasetTokens: 57_000,
      epochs: 5,
      trainingTokens: 285_000,
      basis: 'service',
      billableTokens: 57_000,
      tokenPrice: 8,
      estimatedUsd: 2.28,
    },
    ...over,
  });

function cases(n: number, failEvery: number, baseline: boolean): EvalCaseResult[] {
  return Array.from({ length: n }, (_v, i) =>
    evalCase(i, {
      input: `What comes after ${i}?`,
      expected: String(i + 1),
      output: i % failEvery === 3 ? `${i + 2}` : String(i + 1),
      pass: i % failEvery !== 3,
      ...(baseline ? { baselineOutput: `The next number is ${i + 1}.`, baselinePass: i % failEvery === 3 } : {}),
    }),
  );
}

function withEval(list: EvalCaseResult[], baseline: boolean): Report['eval'] {
  const passed = list.filter((c) => c.pass === true).length;
  const regressions = baseline ? list.filter((c) => c.pass === false && c.baselinePass === true).map((c) => c.id) : [];
  return evalSummary(list, {
    passRate: passed / list.length,
    passRateInterval: [Math.max(0, passed / list.length - 0.12), Math.min(1, passed / list.length + 0.08)],
    ...(baseline
      ? {
          baselineModel: 'gemini-3.5-flash',
          baselinePassRate: 0.2,
          regressions,
          improvements: list
            .filter((c) => c.pass === true)
            .slice(0, 5)
            .map((c) => c.id),
          comparison: {
            baselinePassRate: 0.2,
            regressions,
            improvements: list
              .filter((c) => c.pass === true)
              .slice(0, 5)
              .map((c) => c.id),
            pValue: 0.0039,
            significant: true,
          },
        }
      : {}),
  });
}

export const FIXTURES: Record<string, Report> = {
  success: vertex({ eval: withEval(cases(10, 100, false), false), error: null }),
  'gate-missed': vertex({
    eval: withEval(cases(10, 4, false), false),
    gates: [{ name: 'min-pass-rate', threshold: 0.9, value: 0.7, passed: false }],
    error: 'gate min-pass-rate missed: 70.0% vs threshold 90.0%',
  }),
  regressions: vertex({ eval: withEval(cases(12, 4, true), true), error: null }),
  'dataset-rejected': report({
    state: 'REJECTED',
    tunedModel: null,
    endpoint: null,
    job: '',
    snapshots: [],
    finalLoss: null,
    eval: null,
    gates: [],
    dataset: null,
    timings: { inputs: 0.01, dataset: 0.2 },
    error: '2 problems in data/train.jsonl (each annotated at its line); nothing was sent to the service',
    problems: [
      {
        severity: 'error',
        file: 'data/train.jsonl',
        line: 12,
        column: 5,
        message: 'line 12 is not valid JSON: Unexpected token',
      },
      { severity: 'error', file: 'data/train.jsonl', line: 40, column: null, message: '"output" is empty' },
    ],
  }),
  'tuning-failed': vertex({
    state: 'FAILED',
    eval: null,
    gates: [],
    error: 'Tuning job failed with an internal error at step 312 of 600. Please retry.',
  }),
  timeout: vertex({
    state: 'CREATING',
    eval: null,
    gates: [],
    error: 'tuning timed out after 330 minutes; the job is still running',
    resumeWith: 'projects/123456789012/locations/us-central1/tuningJobs/7165817442051889338',
  }),
  cancelled: vertex({ state: 'CANCELLED', eval: null, gates: [], error: 'the tuning job was cancelled (SIGTERM)' }),
  'budget-stop': vertex({
    state: 'CANCELLED',
    eval: null,
    gates: [],
    error:
      'cancelled over the training-token budget: the service counts 285,000 training tokens (57,000 dataset tokens × 5 epochs), max-training-tokens is 100,000; raise max-training-tokens, lower epoch-count, or train on fewer examples',
  }),
  'vertex-checkpoints': vertex({
    eval: withEval(cases(10, 100, false), false),
    checkpoints: [1, 2, 3, 4].map((n) => ({
      checkpointId: String(n),
      epoch: n,
      step: n * 150,
      endpoint: `${ENDPOINT}${n}`,
      passRate: [0.4, 0.9, 0.7, 0.6][n - 1]!,
    })),
    selectedCheckpoint: { checkpointId: '2', epoch: 2, step: 300, endpoint: `${ENDPOINT}2`, passRate: 0.9 },
  }),
  '300-cases': vertex({ eval: withEval(cases(300, 17, true), true), error: null }),
  hostile: vertex({
    displayName: HOSTILE['mention']!,
    eval: withEval(
      Object.entries(HOSTILE).map(([id, text], i) =>
        evalCase(i, { id: `${id} ${text}`.slice(0, 60), input: text, expected: text, output: text, pass: i % 3 !== 0 }),
      ),
      false,
    ),
  }),
};

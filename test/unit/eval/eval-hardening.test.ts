/**
 * Issue 12, items 4 and 11 at the runEval level: catastrophic regexes are matched off the main
 * thread within one budget for the whole eval (the event loop keeps turning meanwhile), and an
 * answer the service blocked, cut off or left empty is never scored as an ordinary output.
 */

import { describe, expect, it } from 'vitest';
import { runEval, type RunEvalOptions } from '../../../src/eval/run-eval.js';
import type { GenerateAnswer } from '../../../src/backends/generate-content.js';
import type { EvalCase, ScorerName } from '../../../src/domain.js';
import { instantClock } from '../../helpers/virtual-clock.js';

const base = (over: Partial<RunEvalOptions> & Pick<RunEvalOptions, 'generate' | 'cases'>): RunEvalOptions => ({
  model: 'tuned',
  baselineModel: null,
  concurrency: 8,
  generationConfig: { temperature: 0 },
  clock: instantClock(),
  ...over,
});

const evalCase = (id: string, expected: string | null, scorer: ScorerName | null, input = id): EvalCase => ({
  id,
  input,
  expected,
  scorer,
  line: 1,
});

describe('regex scoring: off the main thread, one budget', () => {
  it('twenty catastrophic cases finish within the budget while the event loop keeps turning', async () => {
    const cases = Array.from({ length: 20 }, (_, i) => evalCase(`evil-${i}`, '^(a+)+$', 'regex'));
    cases.push(evalCase('fine', '^ok$', 'regex'));
    const generate = async (_m: string, prompt: string): Promise<string> =>
      prompt === 'fine' ? 'ok' : `${'a'.repeat(40)}!`;

    // A timer that must keep firing: on the main thread, each match would stop it for matchMs.
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(performance.now()), 5);
    const started = performance.now();
    let s;
    try {
      s = await runEval(
        base({
          cases,
          generate,
          baselineModel: 'base',
          regexLimits: { matchMs: 500, budgetMs: 1500 },
        }),
      );
    } finally {
      clearInterval(timer);
    }
    const elapsed = performance.now() - started;

    const gaps = ticks.slice(1).map((t, i) => t - ticks[i]!);
    expect(ticks.length).toBeGreaterThan(20);
    expect(Math.max(...gaps)).toBeLessThan(400); // never blocked for a whole match (500 ms)
    // One budget for tuned and baseline together: 40 catastrophic matches cost ~1.5 s, not 40 × 0.5 s.
    expect(elapsed).toBeLessThan(5000);

    // Past either limit a case is an error (not scored), not a failure.
    const reasons = s.cases.filter((c) => c.id.startsWith('evil')).map((c) => c.error ?? '');
    expect(s.cases.every((c) => c.pass === null && c.error !== null)).toBe(true);
    expect(reasons.filter((r) => /timed out after 500 ms/.test(r)).length).toBeGreaterThanOrEqual(1);
    expect(reasons.filter((r) => /timed out after 500 ms/.test(r)).length).toBeLessThanOrEqual(3);
    expect(
      reasons.filter((r) => /regex time budget \(1500 ms of matching in all\) is spent/.test(r)).length,
    ).toBeGreaterThan(15);
    // a case after the budget is spent is not scored either, with the same clear reason
    const fine = s.cases.find((c) => c.id === 'fine')!;
    expect(fine.pass).toBe(null);
    expect(fine.error).toMatch(/budget/);
  });

  it('normal patterns are scored through the worker as before', async () => {
    const cases = [evalCase('a', '\\d{3}', 'regex'), evalCase('b', '/^yes$/i', 'regex'), evalCase('c', 'z', 'regex')];
    const answers: Record<string, string> = { a: 'call 555', b: 'YES', c: 'abc' };
    const s = await runEval(base({ cases, generate: async (_m, p) => answers[p]! }));
    expect(s.cases.map((c) => c.pass)).toEqual([true, true, false]);
    expect(s.cases[2]!.reason).toMatch(/does not match regex/);
  });
});

describe('blocked, truncated and empty answers', () => {
  const answer = (over: Partial<GenerateAnswer>): GenerateAnswer => ({
    text: '',
    blocked: null,
    truncated: false,
    ...over,
  });

  it('a blocked answer fails its case whatever the scorer: never a not-contains pass on ""', async () => {
    const cases = [
      evalCase('nc', 'Sorry', 'not-contains', 'blocked'),
      evalCase('ex', '', 'exact', 'blocked'),
      evalCase('re', '^$', 'regex', 'blocked'),
      evalCase('shown', null, null, 'blocked'),
      evalCase('ok', 'fine', 'exact', 'ok'),
    ];
    const generate = async (_m: string, prompt: string): Promise<GenerateAnswer> =>
      prompt === 'blocked' ? answer({ blocked: 'SAFETY' }) : answer({ text: 'fine' });
    const s = await runEval(base({ cases, generate, baselineModel: 'base' }));
    const byId = Object.fromEntries(s.cases.map((c) => [c.id, c]));
    for (const id of ['nc', 'ex', 're']) {
      expect(byId[id]).toMatchObject({ pass: false, reason: 'blocked: SAFETY', blocked: 'SAFETY', error: null });
      expect(byId[id]).toMatchObject({
        baselinePass: false,
        baselineReason: 'blocked: SAFETY',
        baselineBlocked: 'SAFETY',
      });
    }
    expect(byId['shown']).toMatchObject({ pass: null, blocked: 'SAFETY' });
    expect(byId['ok']).toMatchObject({ pass: true, blocked: null, truncated: false });
    expect(s).toMatchObject({ passed: 1, failed: 3, errors: 0, unscored: 1 });
    expect(s.regressions).toEqual([]);
  });

  it('a truncated answer keeps its text, is scored, and is marked', async () => {
    const cases = [evalCase('t', 'The next', 'contains')];
    const generate = async (): Promise<GenerateAnswer> => answer({ text: 'The next num', truncated: true });
    const s = await runEval(base({ cases, generate }));
    expect(s.cases[0]).toMatchObject({ output: 'The next num', pass: true, truncated: true, blocked: null });
  });

  it('an empty answer is an error, not the output ""', async () => {
    const cases = [evalCase('nc', 'Sorry', 'not-contains')];
    const generate = async (): Promise<GenerateAnswer> => {
      throw Object.assign(new Error('the model returned no text (finishReason STOP)'), { name: 'EmptyAnswerError' });
    };
    const s = await runEval(base({ cases, generate }));
    expect(s.cases[0]).toMatchObject({ output: null, pass: null });
    expect(s.cases[0]!.error).toMatch(/returned no text/);
    expect(s).toMatchObject({ passed: 0, errors: 1 });
  });
});

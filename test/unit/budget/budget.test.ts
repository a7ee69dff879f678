import { describe, expect, it } from 'vitest';
import { costOf, overBudget } from '../../../src/budget/cost.js';
import { estimateDatasetTokens, turnsOf } from '../../../src/budget/estimate.js';
import { examplesInMemory } from '../../../src/dataset/example-set.js';
import type { EvalTurn, TrainingExample } from '../../../src/domain.js';

const examples = (n: number): TrainingExample[] =>
  Array.from({ length: n }, (_v, i) => ({ textInput: `question ${i}`, output: 'x'.repeat(i % 7), line: i + 1 }));

describe('costOf (decision 12)', () => {
  it('training tokens = dataset tokens × epochs, rounded up; 1 epoch while unknown; USD to the cent', () => {
    expect(
      costOf({ datasetTokens: 1000.2, epochs: 3, basis: 'estimate', billableTokens: null, tokenPrice: 8 }),
    ).toEqual({
      datasetTokens: 1001,
      epochs: 3,
      trainingTokens: 3001,
      basis: 'estimate',
      billableTokens: null,
      tokenPrice: 8,
      estimatedUsd: 0.02,
    });
    expect(
      costOf({ datasetTokens: 500, epochs: null, basis: 'estimate', billableTokens: null, tokenPrice: null }),
    ).toMatchObject({
      trainingTokens: 500,
      estimatedUsd: null,
    });
  });

  it('over the budget: the figures, the budget and how to change either', () => {
    const cost = costOf({ datasetTokens: 5000, epochs: null, basis: 'estimate', billableTokens: null, tokenPrice: 10 });
    expect(overBudget(cost, { maxTrainingTokens: 4000, maxCost: null })?.budget).toBe('training-token');
    expect(overBudget(cost, { maxTrainingTokens: 4000, maxCost: null })?.message).toBe(
      'over the training-token budget: the estimate is at least 5,000 training tokens (5,000 dataset tokens × 1 epoch assumed: the service chooses the epochs), max-training-tokens is 4,000; raise max-training-tokens, lower epoch-count, or train on fewer examples',
    );
    expect(overBudget(cost, { maxTrainingTokens: 5000, maxCost: null })).toBeNull();
    const priced = costOf({
      datasetTokens: 1_000_000,
      epochs: 4,
      basis: 'service',
      billableTokens: 1_000_000,
      tokenPrice: 3,
    });
    expect(overBudget(priced, { maxTrainingTokens: null, maxCost: 10 })).toEqual({
      budget: 'cost',
      message:
        'over the cost budget: the service counts $12.00 (4,000,000 training tokens at $3 per million, 4 epochs), max-cost is $10.00; raise max-cost, lower epoch-count, or train on fewer examples',
    });
  });
});

describe('estimateDatasetTokens', () => {
  it('at most 100 examples, evenly spread, in at most 10 requests, scaled by characters', async () => {
    const calls: EvalTurn[][] = [];
    const backend = {
      countTokens: async (_m: string, turns: readonly EvalTurn[]) => {
        calls.push([...turns]);
        return turns.reduce((n, t) => n + t.text.length, 0); // one token a character
      },
    };
    const set = examples(200_000);
    const estimate = await estimateDatasetTokens(backend, 'gemini-3.5-flash', examplesInMemory(set));
    expect(calls).toHaveLength(10);
    expect(estimate).toMatchObject({ examples: 100, requests: 10, fallback: null });
    const sampled = calls
      .flat()
      .filter((t) => t.role === 'user')
      .map((t) => Number(t.text.split(' ')[1]));
    expect(sampled[0]).toBe(1000);
    expect(sampled.at(-1)).toBe(199_000);
    const chars = set.reduce((n, e) => n + e.textInput.length + e.output.length, 0);
    // One token a character: the estimate is the set's characters, up to the sample's spread.
    expect(Math.abs(estimate.datasetTokens - chars) / chars).toBeLessThan(0.02);
  });

  it('a small set is counted whole; countTokens failing falls back to a quarter of the characters', async () => {
    const small = await estimateDatasetTokens({ countTokens: async () => 7 }, 'm', examplesInMemory(examples(5)));
    expect(small).toMatchObject({ examples: 5, requests: 5, datasetTokens: 35 });
    const failing = await estimateDatasetTokens(
      { countTokens: async () => Promise.reject(new Error('HTTP 403 PERMISSION_DENIED')) },
      'm',
      examplesInMemory([{ textInput: 'abcd', output: 'efgh', line: 1 }]),
    );
    expect(failing).toEqual({ datasetTokens: 2, examples: 1, requests: 0, fallback: 'HTTP 403 PERMISSION_DENIED' });
  });

  it('a Vertex AI record counts its system instruction and every turn', () => {
    const ex: TrainingExample = {
      textInput: 'b',
      output: 'c',
      line: 1,
      native: {
        systemInstruction: { parts: [{ text: 'sys' }] },
        contents: [
          { role: 'user', parts: [{ text: 'a' }] },
          { role: 'model', parts: [{ text: 'a2' }] },
          { role: 'user', parts: [{ text: 'b' }] },
          { role: 'model', parts: [{ text: 'c' }] },
        ],
      },
    };
    expect(turnsOf(ex).map((t) => t.text)).toEqual(['sys', 'a', 'a2', 'b', 'c']);
  });
});

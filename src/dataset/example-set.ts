import type { ExampleSet, TrainingExample } from '../domain.js';
/** Making and reading ExampleSets (types.ts): the examples a backend takes. */

/** An ExampleSet of examples in memory. */
export function examplesInMemory(examples: readonly TrainingExample[]): ExampleSet {
  return {
    count: examples.length,
    batches: async function* () {
      if (examples.length > 0) yield examples;
    },
  };
}

/** Every example of a set, in memory (for a backend that sends them inline). */
export async function allExamples(set: ExampleSet): Promise<TrainingExample[]> {
  const all: TrainingExample[] = [];
  for await (const batch of set.batches()) all.push(...batch);
  return all;
}

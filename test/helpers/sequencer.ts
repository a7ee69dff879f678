/**
 * vitest's order (slowest known first, else largest file first), with test/e2e/node24.test.ts at the
 * head: it is one small file that runs a whole second vitest under Node 24, so started last it would
 * be the tail of every run.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const first = sorted.filter((f) => f.moduleId.endsWith('node24.test.ts'));
    return [...first, ...sorted.filter((f) => !first.includes(f))];
  }
}

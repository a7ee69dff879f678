import { defineConfig } from 'vitest/config';
import { LongestFirstSequencer } from './test/helpers/sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // vitest's default is one worker per core less one: a single worker on a 2-core runner. Most
    // files wait on sockets and child processes rather than compute, so four overlap well there.
    maxWorkers: 4,
    setupFiles: ['test/setup.ts'],
    sequence: { sequencer: LongestFirstSequencer },
    // Nothing a unit test does may write into a real runner's files.
    env: { GITHUB_OUTPUT: '', GITHUB_STATE: '', GITHUB_ENV: '', GITHUB_STEP_SUMMARY: '', GITHUB_PATH: '' },
    coverage: { provider: 'v8', include: ['src/**'] },
  },
});

/**
 * Local emulator of the Google APIs gemini-tune talks to (today: the Gemini API tuning surface),
 * for tests, the demo and benchmarks. See server.ts.
 */
export { startEmulator } from './server.js';
export type {
  ConfigurePatch,
  Emulator,
  EmulatorOptions,
  EmulatorStats,
  FaultInjector,
  FaultRule,
  GenerateOptions,
  RecordedRequest,
  TrainingOptions,
  TrainingTimeline,
} from './types.js';
export { BASE_TUNING_MODEL } from './services/gemini/models.js';
export { successor, tunedAnswer, baseAnswer, UNKNOWN_ANSWER } from './services/gemini/standin.js';

// The GitHub API fake is written separately (test/emulator/github-fake.ts).
export * from './github-fake.js';

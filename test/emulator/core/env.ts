/** What the server hands to each service: the clock, current configuration and counters. */
import type { EmulatorStats } from '../types.js';
import type { CallVariation } from './variation.js';

export interface ResolvedTraining {
  tunable: boolean;
  stepMs: number;
  totalSteps: number | undefined;
  outcome: 'ACTIVE' | 'FAILED';
  failAtPercent: number;
  createLatencyMs: number;
}

export interface ResolvedGenerate {
  latencyMs: number;
  maxConcurrent: number;
  overCapRetryAfterSeconds: number;
  /** Share (0..1) of calls answered differently from the model's usual answer (see ./variation.ts). */
  variation: number;
}

export interface ServiceEnv {
  now(): number;
  /** Waits `ms` on the emulator's clock (EmulatorOptions.sleep). */
  sleep(ms: number): Promise<void>;
  training(): ResolvedTraining;
  generate(): ResolvedGenerate;
  stats: EmulatorStats;
  /** Which calls get a varied answer (generate.variation). */
  variation: CallVariation;
}

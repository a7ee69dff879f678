/** What the server hands to each service: the clock, current configuration and counters. */
import type { EmulatorStats } from '../types.js';

export interface ResolvedTraining {
  stepMs: number;
  totalSteps: number | undefined;
  outcome: 'ACTIVE' | 'FAILED';
  failAtPercent: number;
}

export interface ResolvedGenerate {
  latencyMs: number;
  maxConcurrent: number;
  overCapRetryAfterSeconds: number;
}

export interface ServiceEnv {
  now(): number;
  training(): ResolvedTraining;
  generate(): ResolvedGenerate;
  stats: EmulatorStats;
}

/** A run record's settings as a `wait: false` run with the action's defaults writes them (src/finish/record.ts). */

import type { RecordedSettings } from '../../src/finish/record.js';

export function recordedSettings(over: Partial<RecordedSettings> = {}): RecordedSettings {
  return {
    evalConcurrency: 8,
    evalBaseline: null,
    evalRepeats: 1,
    evalGeneration: {},
    evalSystemInstruction: null,
    evalCheckpoints: 'final',
    selectCheckpoint: 'default',
    minPassRate: null,
    maxFinalLoss: null,
    maxRegressions: null,
    judgeModel: null,
    embeddingModel: 'gemini-embedding-001',
    maxTrainingTokens: null,
    tokenPrice: null,
    maxCost: null,
    commentKey: null,
    hyperparameters: {
      epochCount: null,
      batchSize: null,
      learningRate: null,
      learningRateMultiplier: null,
      adapterSize: null,
    },
    ...over,
  };
}

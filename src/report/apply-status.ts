import { scrub } from '../runner/secrets.js';
import type { Report } from './types.js';
import type { JobStatus } from '../domain.js';

/** Copies what the latest status says into the report. */
export function applyStatus(report: Report, status: JobStatus): void {
  report.state = status.state;
  report.job = status.job;
  report.tunedModel = status.tunedModel;
  report.endpoint = status.endpoint;
  if (status.snapshots.length) {
    report.snapshots = status.snapshots.map((s) => ({ step: s.step, epoch: s.epoch, meanLoss: s.meanLoss }));
    report.finalLoss = status.snapshots.at(-1)?.meanLoss ?? null;
  }
  if (status.validationSnapshots?.length) {
    report.validationSnapshots = status.validationSnapshots.map((s) => ({ step: s.step, meanLoss: s.meanLoss }));
    report.validationLoss = status.validationSnapshots.at(-1)?.meanLoss ?? null;
  }
  if (status.error && status.state !== 'CREATING') report.error = scrub(status.error);
  if (status.tuningDataStats) report.tuningDataStats = status.tuningDataStats;
  if (status.jobState) report.jobState = status.jobState;
  if (status.hyperparameters) {
    const h = status.hyperparameters;
    report.hyperparameters = {
      epochCount: report.hyperparameters.epochCount ?? h.epochCount ?? null,
      batchSize: report.hyperparameters.batchSize ?? h.batchSize ?? null,
      learningRate: report.hyperparameters.learningRate ?? h.learningRate ?? null,
      learningRateMultiplier: report.hyperparameters.learningRateMultiplier ?? h.learningRateMultiplier ?? null,
      adapterSize: report.hyperparameters.adapterSize ?? h.adapterSize ?? null,
    };
  }
}

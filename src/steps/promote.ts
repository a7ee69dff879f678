/**
 * `mode: promote` (on the release side, e.g. a push to the default branch): the ACTIVE tuned model
 * of the current inputs' content key, found exactly as a cache hit finds it (the Actions cache,
 * then the service), never trained; marked as the release `release-label` and taken off the
 * repository's other models (src/lifecycle/promote.ts). Outputs as in `tune`, with `cache-hit: true`.
 */

import * as core from '@actions/core';
import { createBackend } from '../backends/create-backend.js';
import { isTunedModel } from '../backends/model-catalog.js';
import { loadDatasets } from '../dataset/load-datasets.js';
import type { Settings } from '../inputs/settings.js';
import { repositoryMark } from '../lifecycle/marks.js';
import { promoteModel } from '../lifecycle/promote.js';
import { ModelCache } from '../job/model-cache.js';
import { planJob } from '../job/plan.js';
import { datasetReport } from '../report/dataset-report.js';
import type { Clock } from '../util/clock.js';
import { afterTuning } from './after-tuning.js';
import { publish } from './publish.js';
import { Run } from './run-state.js';

export async function runPromote(settings: Settings, env: NodeJS.ProcessEnv, clock: Clock): Promise<void> {
  // Promote judges nothing: the gates were the pull request's (its tune run).
  const run = new Run({ ...settings, minPassRate: null, maxFinalLoss: null, maxRegressions: null }, env, clock);
  try {
    await promote(run);
  } catch (err) {
    run.stopError = err;
  }
  await publish(run);
}

async function promote(run: Run): Promise<void> {
  const { settings, report } = run;
  const data = await run.timed('dataset', () => loadDatasets(settings));
  report.dataset = datasetReport(data, { training: settings.trainingData, validation: null, eval: null });
  const backend = await createBackend(settings, run.clock, run.timeLimit);
  if (!backend.lifecycle) throw new Error(`the ${backend.name} backend cannot mark a release`);
  const found = await run.timed('preflight', async () => {
    if (backend.resolveTunedModel && isTunedModel(run.baseModel)) {
      run.baseModel = await backend.resolveTunedModel(run.baseModel);
      report.baseModel = run.baseModel;
    }
    const spec = planJob(settings, data, { ...report, env: run.env, now: run.clock.now() });
    report.contentKey = spec.contentKey;
    if (!spec.contentKey) throw new Error('no training data to find the tuned model by');
    core.info(`Content key: ${spec.contentKey}`);
    const cached = await new ModelCache({ backend: backend.name, env: run.env }).lookup(backend, spec.contentKey);
    const status = cached?.status ?? (await backend.findByContentKey(spec.contentKey, spec.tunedModelId));
    if (status?.state !== 'ACTIVE' || !status.tunedModel) {
      throw new Error(
        `no ACTIVE tuned model was built from these inputs (content key ${spec.contentKey.slice(0, 12)}…${status ? `; the one found is ${status.state}` : ''}): promote never trains. Run mode: tune with the same training data, base model and hyperparameters first (the pull request's run), then promote`,
      );
    }
    return status;
  });
  run.settle(found);
  report.cacheHit = true;
  await afterTuning(run, backend, []);
  const model = found.tunedModel!;
  const promotion = await run.timed('promote', () =>
    promoteModel(backend.lifecycle!, model, settings.releaseLabel, repositoryMark(run.env)),
  );
  report.promoted = promotion;
  core.info(
    `${model} is now the release "${promotion.label}"${promotion.alias ? ' (version alias set)' : ''}` +
      (promotion.previous.length > 0 ? `; taken off ${promotion.previous.join(', ')}` : ''),
  );
}

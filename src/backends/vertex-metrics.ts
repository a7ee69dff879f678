/**
 * The loss curve of a Vertex AI tuning job. The TuningJob carries no loss: the training metrics live
 * in the job's experiment, backed by a Vertex AI TensorBoard; they are read over REST along the chain
 * Google's tuning notebooks follow (Experiment → backing TensorBoard → experiment run →
 * read_time_series_data), the same routes the emulator serves (test/emulator/README.md):
 *   1. GET {experiment}  (…/metadataStores/default/contexts/EXP)  → metadata.backing_tensorboard_resource
 *   2. GET …/metadataStores/default/contexts?filter=schema_title="system.ExperimentRun" AND parent_contexts:"{experiment}"
 *      → run contexts "EXP-RUN" (fallback: GET {tensorboard}/experiments/EXP/runs)
 *   3. GET {tensorboard}/experiments/EXP/runs/RUN/timeSeries  → the one with displayName "/train_total_loss"
 *   4. GET {timeSeries}:read?maxDataPoints=1000  → values[] = {step (int64 string), wallTime, scalar.value}
 * The series found is remembered per job, so a poll costs two calls once it is known. Only finite,
 * non-negative losses at valid steps are kept (answers.ts).
 */

import type { Snapshot } from '../domain.js';
import { droppedLossMessage, lossPoints, type Answer } from './answers.js';
import { GoogleApiError } from './errors.js';
import type { GoogleHttp } from './http.js';
import { ANSWERS, toNumber, type WireTuningJob } from './vertex-wire.js';

/** Metric reads are best effort: a short retry, so a flaky TensorBoard read never holds up polling. */
const METRICS_RETRY = { maxAttempts: 2, maxElapsedMs: 10_000 };

export class LossCurves {
  /** The train-loss time series of each job, once found. */
  private readonly lossSeries = new Map<string, string>();
  private readonly lossWarned = new Set<string>();

  constructor(
    private readonly http: GoogleHttp,
    /** URL of a resource name, on the host of its location. */
    private readonly url: (resource: string, query?: Record<string, string>) => string,
    private readonly log: (message: string) => void,
  ) {}

  /** The train-loss curve of a job, or [] when there is none yet (or it cannot be read). */
  async lossCurve(job: WireTuningJob): Promise<Snapshot[]> {
    if (!job.name || !job.experiment) return [];
    try {
      let series = this.lossSeries.get(job.name);
      if (!series) {
        const found = await this.findLossSeries(job.experiment);
        if (!found) return [];
        series = found;
        this.lossSeries.set(job.name, series);
      }
      const res = await this.http.json<{
        timeSeriesData?: { values?: { step?: unknown; wallTime?: unknown; scalar?: { value?: unknown } | null }[] };
      }>({
        method: 'GET',
        url: this.url(`${series}:read`, { maxDataPoints: '1000' }),
        what: 'timeSeries.read',
        answer: ANSWERS.read,
        retry: METRICS_RETRY,
      });
      const stats = job.tuningDataStats?.supervisedTuningDataStats;
      const totalSteps = toNumber(stats?.tuningStepCount);
      const epochs = toNumber(job.supervisedTuningSpec?.hyperParameters?.epochCount);
      const perEpoch = totalSteps && epochs ? totalSteps / epochs : null;
      // Only finite, non-negative losses at valid steps; the epoch follows from the step.
      const { points, dropped } = lossPoints(res.timeSeriesData?.values, (v) => ({
        step: v.step,
        loss: v.scalar?.value,
        epoch: null,
        computeTime: v.wallTime,
      }));
      if (dropped && !this.lossWarned.has(job.name)) {
        this.lossWarned.add(job.name);
        this.log(droppedLossMessage(job.name, dropped));
      }
      return points.map((p) => ({
        ...p,
        epoch: perEpoch && epochs ? Math.min(epochs, Math.max(1, Math.ceil(p.step / perEpoch))) : null,
      }));
    } catch (err) {
      // Said once per job: the loss curve is a nice-to-have, and the next poll tries again.
      if (!this.lossWarned.has(job.name)) {
        this.lossWarned.add(job.name);
        this.log(`Could not read the loss curve (${(err as Error).message}); the report may have no loss chart`);
      }
      return [];
    }
  }

  private async findLossSeries(experiment: string): Promise<string | null> {
    const context = await this.getOrNull<{ metadata?: Record<string, unknown> }>(
      experiment,
      'contexts.get',
      ANSWERS.context,
    );
    const tensorboard = context?.metadata?.['backing_tensorboard_resource'];
    if (typeof tensorboard !== 'string' || !tensorboard) return null;
    const experimentId = experiment.split('/').pop() ?? '';
    const store = experiment.replace(/\/contexts\/[^/]+$/, '');
    // The experiment's runs are its child contexts; a run context's id is "{EXP}-{run}".
    const children = await this.getOrNull<{ contexts?: { name?: string }[] }>(
      `${store}/contexts`,
      'contexts.list',
      ANSWERS.contexts,
      { filter: `schema_title="system.ExperimentRun" AND parent_contexts:"${experiment}"` },
    );
    const runs = (children?.contexts ?? [])
      .map((c) => (c.name ?? '').split('/').pop() ?? '')
      .filter((id) => id.startsWith(`${experimentId}-`))
      .map((id) => `${tensorboard}/experiments/${experimentId}/runs/${id.slice(experimentId.length + 1)}`);
    if (!runs.length) {
      // No run contexts: the TensorBoard experiment's own run list.
      const listed = await this.getOrNull<{ tensorboardRuns?: { name?: string }[] }>(
        `${tensorboard}/experiments/${experimentId}/runs`,
        'tensorboardRuns.list',
        ANSWERS.runs,
      );
      runs.push(...(listed?.tensorboardRuns ?? []).flatMap((r) => (r.name ? [r.name] : [])));
    }
    for (const run of runs) {
      const list = await this.getOrNull<{ tensorboardTimeSeries?: { name?: string; displayName?: string }[] }>(
        `${run}/timeSeries`,
        'timeSeries.list',
        ANSWERS.series,
      );
      const loss = (list?.tensorboardTimeSeries ?? []).find(
        (s) => s.name && s.displayName?.replace(/^\/+/, '') === 'train_total_loss',
      );
      if (loss?.name) return loss.name;
    }
    return null;
  }

  private async getOrNull<T>(
    resource: string,
    what: string,
    answer: Answer,
    query?: Record<string, string>,
  ): Promise<T | null> {
    try {
      return await this.http.json<T>({
        method: 'GET',
        url: this.url(resource, query),
        what,
        answer,
        retry: METRICS_RETRY,
      });
    } catch (err) {
      if (err instanceof GoogleApiError && err.httpStatus === 404) return null;
      throw err;
    }
  }
}

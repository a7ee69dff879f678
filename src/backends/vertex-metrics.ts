/**
 * The loss curve of a Vertex AI tuning job. The TuningJob carries no loss: the training metrics live
 * in the job's experiment, backed by a Vertex AI TensorBoard; they are read over REST along the chain
 * Google's tuning notebooks follow (Experiment → backing TensorBoard → experiment run →
 * read_time_series_data), the same routes the emulator serves (test/emulator/README.md):
 *   1. GET {experiment}  (…/metadataStores/default/contexts/EXP)  → metadata.backing_tensorboard_resource
 *   2. GET …/metadataStores/default/contexts?filter=schema_title="system.ExperimentRun" AND parent_contexts:"{experiment}"
 *      → run contexts "EXP-RUN" (fallback: GET {tensorboard}/experiments/EXP/runs)
 *   3. GET {tensorboard}/experiments/EXP/runs/RUN/timeSeries  → the ones with displayName "/train_total_loss"
 *      and, when a validation set was given, "/eval_total_loss"
 *   4. GET {timeSeries}:read?maxDataPoints=1000  → values[] = {step (int64 string), wallTime, scalar.value}
 * The series found are remembered per job, so a poll costs one read per series once they are known.
 * Only finite, non-negative losses at valid steps are kept (answers.ts).
 */

import type { Snapshot } from '../domain.js';
import { droppedLossMessage, lossPoints, type Answer } from './answers.js';
import { GoogleApiError } from './errors.js';
import type { GoogleHttp } from './http.js';
import { ANSWERS, toNumber, type WireTuningJob } from './vertex-wire.js';

/** Metric reads are best effort: a short retry, so a flaky TensorBoard read never holds up polling. */
const METRICS_RETRY = { maxAttempts: 2, maxElapsedMs: 10_000 };

/** The training loss curve and, when the job has a validation set, the validation loss curve. */
export interface Curves {
  training: Snapshot[];
  validation: Snapshot[];
}

interface SeriesNames {
  train: string;
  eval: string | null;
}

export class LossCurves {
  /** The loss time series of each job, once found. */
  private readonly lossSeries = new Map<string, SeriesNames>();
  private readonly lossWarned = new Set<string>();

  constructor(
    private readonly http: GoogleHttp,
    /** URL of a resource name, on the host of its location. */
    private readonly url: (resource: string, query?: Record<string, string>) => string,
    private readonly log: (message: string) => void,
  ) {}

  /** The loss curves of a job; empty when there are none yet (or they cannot be read). */
  async lossCurves(job: WireTuningJob): Promise<Curves> {
    const none: Curves = { training: [], validation: [] };
    if (!job.name || !job.experiment) return none;
    const withValidation = Boolean(job.supervisedTuningSpec?.validationDatasetUri);
    let series = this.lossSeries.get(job.name);
    if (!series) {
      let found: SeriesNames | null;
      try {
        found = await this.findLossSeries(job.experiment);
      } catch (err) {
        this.couldNotRead(job.name, err);
        return none;
      }
      if (!found) return none;
      series = found;
      // Once the validation series exists too (it appears with the first validation point), or there is none to wait for.
      if (found.eval || !withValidation) this.lossSeries.set(job.name, series);
    }
    const name = job.name;
    return {
      training: await this.readCurve(name, job, series.train),
      validation: series.eval && withValidation ? await this.readCurve(name, job, series.eval) : [],
    };
  }

  /** One loss series as snapshots, or [] when it cannot be read. */
  private async readCurve(name: string, job: WireTuningJob, series: string): Promise<Snapshot[]> {
    try {
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
      if (dropped && !this.lossWarned.has(name)) {
        this.lossWarned.add(name);
        this.log(droppedLossMessage(name, dropped));
      }
      return points.map((p) => ({
        ...p,
        epoch: perEpoch && epochs ? Math.min(epochs, Math.max(1, Math.ceil(p.step / perEpoch))) : null,
      }));
    } catch (err) {
      this.couldNotRead(name, err);
      return [];
    }
  }

  /** Said once per job: the loss curve is a nice-to-have, and the next poll tries again. */
  private couldNotRead(name: string, err: unknown): void {
    if (this.lossWarned.has(name)) return;
    this.lossWarned.add(name);
    this.log(`Could not read the loss curve (${(err as Error).message}); the report may have no loss chart`);
  }

  private async findLossSeries(experiment: string): Promise<SeriesNames | null> {
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
      const named = (display: string): string | null =>
        (list?.tensorboardTimeSeries ?? []).find((s) => s.name && s.displayName?.replace(/^\/+/, '') === display)
          ?.name ?? null;
      const train = named('train_total_loss');
      if (train) return { train, eval: named('eval_total_loss') };
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

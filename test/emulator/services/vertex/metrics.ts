/**
 * Where Vertex AI puts a tuning job's training metrics, and the read path Google's SDK and
 * notebooks use (python-aiplatform Experiment / TensorboardRun.read_time_series_data):
 *
 * 1. TuningJob.experiment = projects/N/locations/L/metadataStores/default/contexts/EXP
 *    GET that Context → metadata.backing_tensorboard_resource = projects/N/locations/L/tensorboards/TB
 * 2. GET .../metadataStores/default/contexts?filter=schema_title="system.ExperimentRun" AND
 *    parent_contexts:"<experiment context>" → the run context EXP-RUN
 * 3. GET .../tensorboards/TB/experiments/EXP/runs/RUN/timeSeries → displayName → id
 *    ("/train_total_loss", "/eval_total_loss", ...)
 * 4. GET .../tensorboards/TB:batchRead?timeSeries=<name>&timeSeries=<name>
 *    (or .../timeSeries/ID:read) → values [{step, wallTime, scalar: {value}}]
 *
 * The emulator serves these for every job that has started; points appear as steps complete.
 */
import { ApiError } from '../../core/status.js';
import { timestamp } from '../../core/util.js';
import type { JobRecord, JobStore } from './jobs.js';

type Json = Record<string, unknown>;

export const TENSORBOARD_ID = '7391840263518412800';

const SERIES = [
  { id: '1001', display: '/train_total_loss', kind: 'train', what: 'loss' },
  { id: '1002', display: '/train_fraction_of_correct_next_step_preds', kind: 'train', what: 'accuracy' },
  { id: '1003', display: '/train_num_predictions', kind: 'train', what: 'count' },
  { id: '2001', display: '/eval_total_loss', kind: 'eval', what: 'loss' },
  { id: '2002', display: '/eval_fraction_of_correct_next_step_preds', kind: 'eval', what: 'accuracy' },
  { id: '2003', display: '/eval_num_predictions', kind: 'eval', what: 'count' },
] as const;
type Series = (typeof SERIES)[number];

const MAX_POINTS = 1000;

export class Metrics {
  constructor(private readonly jobs: JobStore) {}

  runId(r: JobRecord): string {
    return `run-${r.id}`;
  }

  private started(r: JobRecord): boolean {
    const p = this.jobs.progress(r);
    return p.startAt !== undefined && !('error' in r.data);
  }

  private jobForExperiment(project: string, location: string, exp: string): JobRecord | undefined {
    const m = /^tuning-experiment-(\d+)(?:-run-\d+)?$/.exec(exp);
    if (m === null) return undefined;
    const r = this.jobs.all().find((j) => j.id === m[1]);
    if (r === undefined || !this.jobs.sameProject(r, project) || r.location !== location || !this.started(r))
      return undefined;
    return r;
  }

  private tensorboardName(r: JobRecord): string {
    return `${this.jobs.parent(r)}/tensorboards/${TENSORBOARD_ID}`;
  }

  private series(r: JobRecord): Series[] {
    return SERIES.filter((s) => s.kind === 'train' || r.validationUri !== undefined);
  }

  // ---- metadata contexts --------------------------------------------------------------------

  private experimentContext(r: JobRecord): Json {
    const created = timestamp(this.jobs.stepTime(r, 0));
    return {
      name: `${this.jobs.parent(r)}/metadataStores/default/contexts/${this.jobs.experimentId(r)}`,
      displayName: this.jobs.experimentId(r),
      etag: '1',
      createTime: created,
      updateTime: created,
      schemaTitle: 'system.Experiment',
      schemaVersion: '0.0.1',
      metadata: { experiment_deleted: false, backing_tensorboard_resource: this.tensorboardName(r) },
    };
  }

  private runContext(r: JobRecord): Json {
    const exp = this.experimentContext(r);
    const p = this.jobs.progress(r);
    return {
      name: `${exp['name'] as string}-${this.runId(r)}`,
      displayName: this.runId(r),
      etag: '1',
      createTime: exp['createTime'],
      updateTime: timestamp(p.endAt ?? this.jobs.stepTime(r, p.completedSteps)),
      parentContexts: [exp['name']],
      schemaTitle: 'system.ExperimentRun',
      schemaVersion: '0.0.1',
      metadata: {
        state: p.endAt === undefined ? 'RUNNING' : 'COMPLETE',
        _backing_tensorboard_run: `${this.tensorboardName(r)}/experiments/${this.jobs.experimentId(r)}/runs/${this.runId(r)}`,
      },
    };
  }

  getContext(project: string, location: string, store: string, ctxId: string): Json {
    const r = store === 'default' ? this.jobForExperiment(project, location, ctxId) : undefined;
    if (r === undefined) {
      throw new ApiError(
        'NOT_FOUND',
        `Context projects/${project}/locations/${location}/metadataStores/${store}/contexts/${ctxId} not found.`,
      );
    }
    return ctxId.includes('-run-') ? this.runContext(r) : this.experimentContext(r);
  }

  /** `schema_title="..."` and `parent_contexts:"..."` clauses joined by AND. */
  listContexts(project: string, location: string, store: string, filter: string): Json {
    if (store !== 'default') throw new ApiError('NOT_FOUND', `MetadataStore ${store} not found.`);
    let schema: string | undefined;
    let parent: string | undefined;
    for (const clause of filter
      .split(/\s+AND\s+/i)
      .map((c) => c.trim())
      .filter((c) => c !== '')) {
      const m = /^(schema_title|parent_contexts)\s*(=|:)\s*"([^"]*)"$/.exec(clause);
      if (m === null) throw new ApiError('INVALID_ARGUMENT', `Unsupported filter clause for the emulator: ${clause}`);
      if (m[1] === 'schema_title') schema = m[3];
      else parent = m[3];
    }
    const contexts: Json[] = [];
    for (const r of this.jobs.all()) {
      if (!this.jobs.sameProject(r, project) || r.location !== location || !this.started(r)) continue;
      for (const c of [this.experimentContext(r), this.runContext(r)]) {
        if (schema !== undefined && c['schemaTitle'] !== schema) continue;
        if (
          parent !== undefined &&
          !((c['parentContexts'] as string[] | undefined) ?? []).some((x) => sameResource(x, parent))
        )
          continue;
        contexts.push(c);
      }
    }
    return contexts.length > 0 ? { contexts } : {};
  }

  // ---- tensorboard --------------------------------------------------------------------------

  private runFor(project: string, location: string, tb: string, exp: string, run: string): JobRecord {
    const r = tb === TENSORBOARD_ID ? this.jobForExperiment(project, location, exp) : undefined;
    if (r === undefined || run !== this.runId(r)) {
      throw new ApiError(
        'NOT_FOUND',
        `TensorboardRun projects/${project}/locations/${location}/tensorboards/${tb}/experiments/${exp}/runs/${run} not found.`,
      );
    }
    return r;
  }

  getTensorboard(project: string, location: string, tb: string): Json {
    if (tb !== TENSORBOARD_ID) throw new ApiError('NOT_FOUND', `Tensorboard ${tb} not found.`);
    return {
      name: `projects/${project}/locations/${location}/tensorboards/${tb}`,
      displayName: 'Default Tensorboard',
      createTime: timestamp(0),
      updateTime: timestamp(0),
      isDefault: true,
      etag: '1',
    };
  }

  private experimentFor(project: string, location: string, tb: string, exp: string): JobRecord {
    const r =
      tb === TENSORBOARD_ID && !exp.includes('-run-') ? this.jobForExperiment(project, location, exp) : undefined;
    if (r === undefined) {
      throw new ApiError(
        'NOT_FOUND',
        `TensorboardExperiment projects/${project}/locations/${location}/tensorboards/${tb}/experiments/${exp} not found.`,
      );
    }
    return r;
  }

  getExperiment(project: string, location: string, tb: string, exp: string): Json {
    const r = this.experimentFor(project, location, tb, exp);
    return {
      name: `${this.tensorboardName(r)}/experiments/${exp}`,
      displayName: exp,
      createTime: timestamp(this.jobs.stepTime(r, 0)),
      updateTime: timestamp(this.jobs.stepTime(r, 0)),
      etag: '1',
      source: 'vertex_ai_sdk',
    };
  }

  listRuns(project: string, location: string, tb: string, exp: string): Json {
    const r = this.experimentFor(project, location, tb, exp);
    return { tensorboardRuns: [this.getRun(project, location, tb, exp, this.runId(r))] };
  }

  getRun(project: string, location: string, tb: string, exp: string, run: string): Json {
    const r = this.runFor(project, location, tb, exp, run);
    return {
      name: `${this.tensorboardName(r)}/experiments/${exp}/runs/${run}`,
      displayName: run,
      createTime: timestamp(this.jobs.stepTime(r, 0)),
      updateTime: timestamp(this.jobs.stepTime(r, this.jobs.progress(r).completedSteps)),
      etag: '1',
    };
  }

  private renderSeries(r: JobRecord, s: Series): Json {
    const points = this.points(r, s);
    const last = points[points.length - 1];
    const name = `${this.tensorboardName(r)}/experiments/${this.jobs.experimentId(r)}/runs/${this.runId(r)}/timeSeries/${s.id}`;
    const out: Json = {
      name,
      displayName: s.display,
      valueType: 'SCALAR',
      createTime: timestamp(this.jobs.stepTime(r, 0)),
      updateTime: timestamp(last === undefined ? this.jobs.stepTime(r, 0) : this.jobs.stepTime(r, last.step)),
      etag: '1',
      pluginName: 'scalars',
    };
    if (last !== undefined)
      out['metadata'] = { maxStep: String(last.step), maxWallTime: timestamp(this.jobs.stepTime(r, last.step)) };
    return out;
  }

  listTimeSeries(project: string, location: string, tb: string, exp: string, run: string, filter: string): Json {
    const r = this.runFor(project, location, tb, exp, run);
    let series = this.series(r);
    const m = /^display_name\s*=\s*"([^"]*)"$/.exec(filter.trim());
    if (filter.trim() !== '') {
      if (m === null) throw new ApiError('INVALID_ARGUMENT', `Unsupported filter for the emulator: ${filter}`);
      series = series.filter((s) => s.display === m[1]);
    }
    return series.length > 0 ? { tensorboardTimeSeries: series.map((s) => this.renderSeries(r, s)) } : {};
  }

  private points(r: JobRecord, s: Series): { step: number; value: number }[] {
    const done = this.jobs.progress(r).completedSteps;
    const steps = s.kind === 'train' ? Array.from({ length: done }, (_v, i) => i + 1) : this.jobs.evalSteps(r, done);
    return steps.map((step) => {
      const loss = this.jobs.loss(r, step, s.kind);
      const value =
        s.what === 'loss'
          ? loss
          : s.what === 'accuracy'
            ? Math.min(0.99, Math.max(0.01, 1 - loss / 3))
            : 512 + (step % 7) * 16;
      return { step, value };
    });
  }

  private data(r: JobRecord, s: Series, maxPoints = MAX_POINTS): Json {
    let pts = this.points(r, s);
    if (pts.length > maxPoints) {
      // downsample evenly, keeping the last point, as the service does for long series
      const stride = pts.length / maxPoints;
      const picked = Array.from({ length: maxPoints - 1 }, (_v, i) => pts[Math.floor(i * stride)]!);
      picked.push(pts[pts.length - 1]!);
      pts = picked;
    }
    const out: Json = { tensorboardTimeSeriesId: s.id, valueType: 'SCALAR' };
    if (pts.length > 0) {
      out['values'] = pts.map((p) => ({
        wallTime: timestamp(this.jobs.stepTime(r, p.step)),
        step: String(p.step),
        scalar: { value: p.value },
      }));
    }
    return out;
  }

  private parseSeriesName(name: string): {
    project: string;
    location: string;
    tb: string;
    exp: string;
    run: string;
    ts: string;
  } {
    const m =
      /^projects\/([^/]+)\/locations\/([^/]+)\/tensorboards\/([^/]+)\/experiments\/([^/]+)\/runs\/([^/]+)\/timeSeries\/([^/]+)$/.exec(
        name,
      );
    if (m === null) throw new ApiError('INVALID_ARGUMENT', `Invalid TensorboardTimeSeries name: ${name}`);
    return { project: m[1]!, location: m[2]!, tb: m[3]!, exp: m[4]!, run: m[5]!, ts: m[6]! };
  }

  private seriesFor(r: JobRecord, ts: string, name: string): Series {
    const s = this.series(r).find((x) => x.id === ts);
    if (s === undefined) throw new ApiError('NOT_FOUND', `TensorboardTimeSeries ${name} not found.`);
    return s;
  }

  read(
    project: string,
    location: string,
    tb: string,
    exp: string,
    run: string,
    ts: string,
    maxPoints: string | null,
  ): Json {
    const r = this.runFor(project, location, tb, exp, run);
    const s = this.seriesFor(r, ts, ts);
    const max =
      maxPoints === null || maxPoints === ''
        ? MAX_POINTS
        : Math.max(1, Math.min(10000, Number(maxPoints) || MAX_POINTS));
    return { timeSeriesData: this.data(r, s, max) };
  }

  batchRead(project: string, location: string, tb: string, names: string[]): Json {
    if (names.length === 0) throw new ApiError('INVALID_ARGUMENT', 'time_series must not be empty.');
    if (names.length > 100) throw new ApiError('INVALID_ARGUMENT', 'At most 100 time series can be read at once.');
    const out = names.map((n) => {
      const p = this.parseSeriesName(n);
      if (p.tb !== tb || p.location !== location) {
        throw new ApiError('INVALID_ARGUMENT', `Time series ${n} does not belong to tensorboard ${tb}.`);
      }
      const r = this.runFor(project, location, tb, p.exp, p.run);
      return this.data(r, this.seriesFor(r, p.ts, n));
    });
    return { timeSeriesData: out };
  }
}

/** Two resource names that may differ in project id vs number are compared by their tail. */
function sameResource(a: string, b: string): boolean {
  const tail = (s: string): string => s.replace(/^projects\/[^/]+\//, '');
  return tail(a) === tail(b);
}

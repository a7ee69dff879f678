/**
 * The fast path of `cache: true`: an Actions cache entry, keyed by the backend and the content key,
 * that holds the record of the tuned model an earlier run built from the same data and settings
 * (and that run's report). A hit is used only once the backend confirms the model is still ACTIVE.
 *
 * The cache is an optimisation, never a dependency: no cache service (a local run, GHES without it),
 * no entry (evicted, written on a branch this run cannot read), an error, a timeout, a record that
 * does not parse or a model that is gone are all a miss, logged, after which the caller looks the
 * model up remotely. @actions/cache (with the Azure SDK behind it) is imported only when used.
 */

import * as core from '@actions/core';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TuningBackend } from '../backends/backend.js';
import { GoogleApiError } from '../backends/errors.js';
import type { Report } from '../report/types.js';
import { scrub } from '../runner/secrets.js';
import {
  RECORD_FILE,
  RECORD_SCHEMA,
  REPORT_FILE,
  cacheDirFor,
  cacheKeyFor,
  parseRecord,
  type CachedModelRecord,
} from './cache-record.js';
import type { BackendName, JobStatus } from '../domain.js';

/** The three functions of @actions/cache this module uses (injectable for tests). */
export interface CacheStore {
  isFeatureAvailable(): boolean;
  restoreCache(paths: string[], primaryKey: string): Promise<string | undefined>;
  saveCache(paths: string[], key: string): Promise<number>;
}

export const loadActionsCache = async (): Promise<CacheStore> => {
  const mod = await import('@actions/cache');
  return {
    isFeatureAvailable: () => mod.isFeatureAvailable(),
    restoreCache: (paths, key) => mod.restoreCache(paths, key),
    saveCache: (paths, key) => mod.saveCache(paths, key),
  };
};

export interface ModelCacheOptions {
  backend: BackendName;
  env: NodeJS.ProcessEnv;
  loadStore?: () => Promise<CacheStore>;
  /** Give up on a restore (a miss) after this long. The service's own retries can take ~25 s. */
  restoreTimeoutMs?: number;
  saveTimeoutMs?: number;
}

export interface CacheHit {
  status: JobStatus;
  record: CachedModelRecord;
  /** The report of the run that tuned the model, when the entry had one that parses. */
  report: Report | null;
}

export class ModelCache {
  private readonly backend: BackendName;
  private readonly env: NodeJS.ProcessEnv;
  private readonly loadStore: () => Promise<CacheStore>;
  private readonly restoreTimeoutMs: number;
  private readonly saveTimeoutMs: number;
  /** The key this run restored a usable entry for: saving it again would only be refused. */
  private restoredKey: string | null = null;

  constructor(opts: ModelCacheOptions) {
    this.backend = opts.backend;
    this.env = opts.env;
    this.loadStore = opts.loadStore ?? loadActionsCache;
    this.restoreTimeoutMs = opts.restoreTimeoutMs ?? 60_000;
    this.saveTimeoutMs = opts.saveTimeoutMs ?? 120_000;
  }

  /** Whether the Actions cache service is configured for this step (ACTIONS_RESULTS_URL etc.). */
  private async store(): Promise<CacheStore | null> {
    const configured = this.env['ACTIONS_RESULTS_URL'] || this.env['ACTIONS_CACHE_URL'];
    if (!configured) {
      core.info(
        'Actions cache: not available here (no cache service in this environment); looking the model up remotely.',
      );
      return null;
    }
    const store = await this.loadStore();
    if (!store.isFeatureAvailable()) {
      core.info('Actions cache: not available here; looking the model up remotely.');
      return null;
    }
    return store;
  }

  /**
   * An ACTIVE tuned model recorded for this content key, or null (a miss, for whatever reason).
   * Never throws.
   */
  async lookup(backend: TuningBackend, contentKey: string): Promise<CacheHit | null> {
    const key = cacheKeyFor(this.backend, contentKey);
    const dir = cacheDirFor(this.env, contentKey);
    try {
      const store = await this.store();
      if (!store) return null;
      await rm(dir, { recursive: true, force: true });
      const matched = await asNotices(() =>
        withTimeout(store.restoreCache([dir], key), this.restoreTimeoutMs, 'restore'),
      );
      if (matched !== key) {
        core.info(`Actions cache: no entry for ${key}; looking the model up remotely.`);
        return null;
      }
      const record = parseRecord(await readFile(join(dir, RECORD_FILE), 'utf8'), {
        backend: this.backend,
        contentKey,
      });
      if (!record) {
        core.notice(`Actions cache: the entry ${key} does not hold a usable record; ignoring it.`);
        return null;
      }
      const report = await readReport(join(dir, REPORT_FILE));
      const ref = this.backend === 'vertex-ai' ? record.job || record.tunedModel : record.tunedModel || record.job;
      let status: JobStatus;
      try {
        status = await backend.status(ref ?? '');
      } catch (err) {
        if (err instanceof GoogleApiError && (err.httpStatus === 404 || err.httpStatus === 403)) {
          core.info(`Actions cache: ${ref} is recorded but no longer there (${err.status}); looking further.`);
          return null;
        }
        throw err;
      }
      if (status.state !== 'ACTIVE') {
        core.info(`Actions cache: ${ref} is recorded but is ${status.state}, not ACTIVE; looking further.`);
        return null;
      }
      this.restoredKey = key;
      return { status: withRecord(status, record, report), record, report };
    } catch (err) {
      core.notice(`Actions cache: lookup failed, treated as a miss (${describe(err)}).`);
      return null;
    }
  }

  /**
   * Saves the record and report of an ACTIVE tuned model under its content key. Returns whether
   * an entry was written. Never throws.
   */
  async save(contentKey: string, status: JobStatus, report: Report, baseModel: string): Promise<boolean> {
    const key = cacheKeyFor(this.backend, contentKey);
    if (status.state !== 'ACTIVE') return false;
    if (this.restoredKey === key) {
      core.debug(`Actions cache: ${key} was restored by this run; not saving it again.`);
      return false;
    }
    const dir = cacheDirFor(this.env, contentKey);
    try {
      const store = await this.store();
      if (!store) return false;
      const record: CachedModelRecord = {
        schema: RECORD_SCHEMA,
        backend: this.backend,
        contentKey,
        baseModel,
        tunedModel: status.tunedModel,
        endpoint: status.endpoint,
        job: status.job,
        savedAt: new Date().toISOString(),
        runUrl: report.runUrl,
      };
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, RECORD_FILE), `${scrub(JSON.stringify(record, null, 2))}\n`, 'utf8');
      await writeFile(join(dir, REPORT_FILE), `${scrub(JSON.stringify(report, null, 2))}\n`, 'utf8');
      const id = await asNotices(() => withTimeout(store.saveCache([dir], key), this.saveTimeoutMs, 'save'));
      if (id === -1) {
        core.info(`Actions cache: ${key} was not saved (see above); the next run will find the model remotely.`);
        return false;
      }
      core.info(`Actions cache: saved ${key} (${status.tunedModel ?? status.job}).`);
      return true;
    } catch (err) {
      core.notice(`Actions cache: could not save ${key} (${describe(err)}); the next run will look it up remotely.`);
      return false;
    }
  }
}

/** The verified status, with what only the record or the old report knows filled in. */
function withRecord(status: JobStatus, record: CachedModelRecord, report: Report | null): JobStatus {
  const out: JobStatus = { ...status };
  if (!out.job) out.job = record.job;
  if (!out.tunedModel) out.tunedModel = record.tunedModel;
  if (!out.endpoint) out.endpoint = record.endpoint;
  if (out.snapshots.length === 0 && report?.snapshots.length) {
    out.snapshots = report.snapshots.map((s) => ({
      step: s.step,
      epoch: s.epoch,
      meanLoss: s.meanLoss,
      computeTime: null,
    }));
  }
  return out;
}

async function readReport(path: string): Promise<Report | null> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as unknown;
    if (typeof value !== 'object' || value === null) return null;
    const r = value as Partial<Report>;
    if (r.schemaVersion !== 1 || !Array.isArray(r.snapshots)) return null;
    const snapshotsOk = r.snapshots.every(
      (s) =>
        typeof s === 'object' &&
        s !== null &&
        typeof s.step === 'number' &&
        (s.meanLoss === null || typeof s.meanLoss === 'number') &&
        (s.epoch === null || typeof s.epoch === 'number'),
    );
    return snapshotsOk ? (value as Report) : null;
  } catch {
    return null;
  }
}

/**
 * Runs `fn` with the ::error:: and ::warning:: annotations @actions/cache prints on a failed restore
 * or save (a 5xx from the cache service is logged as an error) turned into notices: the cache is an
 * optimisation, and its outage must not mark every run with error annotations.
 */
async function asNotices<T>(fn: () => Promise<T>): Promise<T> {
  const stream = process.stdout;
  const write = stream.write;
  stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    const text =
      typeof chunk === 'string'
        ? chunk.replace(/^::(?:error|warning)((?: [^:\n]*)?)::/gm, '::notice$1::Actions cache: ')
        : chunk;
    return (write as (...args: unknown[]) => boolean).call(stream, text, ...rest);
  } as typeof stream.write;
  try {
    return await fn();
  } finally {
    stream.write = write;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`cache ${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describe(err: unknown): string {
  return scrub(err instanceof Error ? err.message || err.name : String(err));
}

/**
 * Vertex AI's tuned models after tuning (cleanup and promote; decision 8): labels on the model
 * version (`PATCH …/models/M@V?updateMask=labels`, the whole map replaced), version aliases
 * (`:mergeVersionAliases`), and removal: undeploy from every endpoint (`:undeployModel`), delete
 * those endpoints, then delete the version (`:deleteVersion`) when the Model has other versions,
 * else the Model. Undeploys and deletes are long-running operations: each is waited for. A
 * resource already gone (404) counts as removed, so running twice fails on nothing.
 */

import * as z from 'zod/mini';
import { opt, type Answer } from './answers.js';
import type { ModelLifecycle } from './backend.js';
import { GoogleApiError } from './errors.js';
import type { GoogleHttp } from './http.js';
import type { Clock } from '../util/clock.js';
import { REPO_MARK } from '../lifecycle/marks.js';

const MODEL_VERSION = /^(projects\/[^/]+\/locations\/([^/]+)\/models\/[^/@]+)@(\d+)$/;

const MODEL = z.looseObject({
  name: z.string(),
  versionId: opt(z.string()),
  versionAliases: opt(z.array(z.string())),
  labels: opt(z.record(z.string(), z.string())),
  deployedModels: opt(
    z.array(
      z.looseObject({ endpoint: opt(z.string()), deployedModelId: opt(z.string()), checkpointId: opt(z.string()) }),
    ),
  ),
});
type WireModel = z.infer<typeof MODEL>;
const LIST = z.looseObject({ models: opt(z.array(MODEL)), nextPageToken: opt(z.string()) });
const ENDPOINT = z.looseObject({
  name: z.string(),
  deployedModels: opt(z.array(z.looseObject({ id: z.string(), model: opt(z.string()) }))),
});
const OPERATION = z.looseObject({
  name: z.string(),
  done: opt(z.boolean()),
  error: opt(z.looseObject({ code: opt(z.number()), message: opt(z.string()) })),
});
type WireOperation = z.infer<typeof OPERATION>;
const answer = <T extends z.ZodMiniType>(kind: string, schema: T): Answer => ({ kind, schema });

export interface VertexModelsOptions {
  http: GoogleHttp;
  /** URL of a resource name, on the host of the location the name is in. */
  url: (resource: string, query?: Record<string, string>) => string;
  /** The project and the locations to look in: the job's region and its serving multi-region. */
  project: string;
  locations: string[];
  clock: Clock;
  log: (message: string) => void;
}

/** How long to wait between reads of an operation, and for all of it. */
const OPERATION_POLL_MS = 2_000;
const OPERATION_LIMIT_MS = 30 * 60_000;

export class VertexModels implements ModelLifecycle {
  constructor(private readonly o: VertexModelsOptions) {}

  private get(name: string): Promise<WireModel> {
    return this.o.http.json<WireModel>({
      method: 'GET',
      url: this.o.url(name),
      what: 'models.get',
      answer: answer('Model', MODEL),
    });
  }

  async marks(model: string): Promise<Record<string, string>> {
    return (await this.usage(model)).marks;
  }

  async usage(model: string): Promise<{ marks: Record<string, string>; aliases: string[] }> {
    const m = await this.get(version(model).name);
    return { marks: { ...(m.labels ?? {}) }, aliases: (m.versionAliases ?? []).filter((a) => a !== 'default') };
  }

  async setMarks(model: string, marks: Record<string, string>): Promise<void> {
    await this.o.http.json({
      method: 'PATCH',
      url: this.o.url(version(model).name, { updateMask: 'labels' }),
      body: { labels: marks },
      // Replacing a whole map is idempotent.
      idempotent: true,
      what: 'models.patch (labels)',
      answer: answer('Model', MODEL),
    });
  }

  async findMarked(repository: string, key: string, value?: string): Promise<string[]> {
    const mine = `labels.${REPO_MARK}=${repository}`;
    const filter = `${mine} AND labels.${key}${value === undefined ? ':*' : `=${value}`}`;
    const found = new Set<string>();
    for (const location of this.o.locations) {
      for (const model of await this.list(`projects/${this.o.project}/locations/${location}/models`, mine)) {
        // Labels live on versions: each of the repository's Models, version by version.
        for (const v of await this.list(`${model.name}:listVersions`, filter)) {
          if (v.versionId) found.add(`${v.name}@${v.versionId}`);
        }
      }
    }
    return [...found];
  }

  private async list(resource: string, filter: string): Promise<WireModel[]> {
    const out: WireModel[] = [];
    let pageToken = '';
    do {
      const page = await this.o.http.json<z.infer<typeof LIST>>({
        method: 'GET',
        url: this.o.url(resource, { filter, pageSize: '100', ...(pageToken ? { pageToken } : {}) }),
        what: resource.endsWith(':listVersions') ? 'models.listVersions' : 'models.list',
        answer: answer('ListModelsResponse', LIST),
      });
      out.push(...(page.models ?? []));
      pageToken = page.nextPageToken ?? '';
    } while (pageToken);
    return out;
  }

  async aliasRelease(model: string, label: string): Promise<boolean> {
    const v = version(model);
    const versions = await this.list(`${v.base}:listVersions`, '');
    if (versions.length < 2) return false;
    await this.o.http.json({
      method: 'POST',
      url: this.o.url(`${v.name}:mergeVersionAliases`),
      body: { versionAliases: [label] },
      idempotent: true,
      what: 'models.mergeVersionAliases',
      answer: answer('Model', MODEL),
    });
    return true;
  }

  async remove(model: string): Promise<string[]> {
    const v = version(model);
    let current: WireModel;
    try {
      current = await this.get(v.name);
    } catch (err) {
      if (gone(err)) return [];
      throw err;
    }
    const removed: string[] = [];
    for (const d of current.deployedModels ?? []) {
      if (!d.endpoint) continue;
      if (await this.undeployAndDelete(d.endpoint, d.deployedModelId ?? null)) removed.push(d.endpoint);
    }
    const versions = await this.list(`${v.base}:listVersions`, '');
    const others = versions.filter((m) => m.versionId !== v.version);
    const target =
      others.length > 0
        ? { name: `${v.name}:deleteVersion`, what: 'models.deleteVersion' }
        : { name: v.base, what: 'models.delete' };
    if (await this.operate('DELETE', target.name, target.what)) removed.push(others.length > 0 ? v.name : v.base);
    return removed;
  }

  /** Undeploys the model from an endpoint, and deletes the endpoint once nothing is deployed on it. */
  private async undeployAndDelete(endpoint: string, deployedModelId: string | null): Promise<boolean> {
    let wire: z.infer<typeof ENDPOINT>;
    try {
      wire = await this.o.http.json({
        method: 'GET',
        url: this.o.url(endpoint),
        what: 'endpoints.get',
        answer: answer('Endpoint', ENDPOINT),
      });
    } catch (err) {
      if (gone(err)) return false;
      throw err;
    }
    const deployed = wire.deployedModels ?? [];
    for (const d of deployed.filter((x) => deployedModelId === null || x.id === deployedModelId)) {
      await this.operate('POST', `${endpoint}:undeployModel`, 'endpoints.undeployModel', { deployedModelId: d.id });
    }
    // Another model still deployed there (not ours to remove): the endpoint stays.
    if (deployed.some((x) => deployedModelId !== null && x.id !== deployedModelId)) return false;
    return this.operate('DELETE', endpoint, 'endpoints.delete');
  }

  /** Starts a long-running operation and waits for it; false when the resource was already gone. */
  private async operate(method: 'POST' | 'DELETE', resource: string, what: string, body?: unknown): Promise<boolean> {
    let op: WireOperation;
    try {
      op = await this.o.http.json<WireOperation>({
        method,
        url: this.o.url(resource),
        ...(body !== undefined ? { body } : {}),
        // Undeploying or deleting twice ends in the same place.
        idempotent: true,
        what,
        answer: answer('Operation', OPERATION),
      });
    } catch (err) {
      if (gone(err)) return false;
      throw err;
    }
    this.o.log(`${what}: ${resource} (operation ${op.name.split('/').pop() ?? ''})`);
    const started = this.o.clock.now();
    while (!op.done) {
      if (this.o.clock.now() - started > OPERATION_LIMIT_MS)
        throw new Error(`${what} of ${resource} did not finish in 30 minutes`);
      await this.o.clock.sleep(OPERATION_POLL_MS);
      op = await this.o.http.json<WireOperation>({
        method: 'GET',
        url: this.o.url(op.name),
        what: 'operations.get',
        answer: answer('Operation', OPERATION),
      });
    }
    if (op.error?.message) throw new Error(`${what} of ${resource} failed: ${op.error.message}`);
    return true;
  }
}

function version(model: string): { name: string; base: string; version: string } {
  const m = MODEL_VERSION.exec(model);
  if (!m) throw new Error(`"${model}" is not a Vertex AI model version (projects/…/models/M@VERSION)`);
  return { name: model, base: m[1]!, version: m[3]! };
}

function gone(err: unknown): boolean {
  return err instanceof GoogleApiError && err.httpStatus === 404;
}

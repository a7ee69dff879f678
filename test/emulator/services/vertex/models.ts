/**
 * Vertex AI's ModelService and EndpointService for tuned models, as the 2026-09 protos shape them
 * (v1_model_service.proto, v1_endpoint_service.proto): a succeeded tuning job makes a Model version
 * (labels copied from the job) deployed on its endpoint and one endpoint per checkpoint.
 * - models.get by `M`, `M@VERSION` or `M@ALIAS`; models.list and models:listVersions with a labels filter;
 * - models.patch with updateMask `labels` (the whole map replaced) or `defaultCheckpointId`;
 * - models:mergeVersionAliases (`-alias` removes; an alias is unique within the Model);
 * - models.delete and models:deleteVersion, refused (FAILED_PRECONDITION) while a version is
 *   deployed, and deleteVersion of the only version refused;
 * - endpoints.get, endpoints:undeployModel, endpoints.delete (refused while a model is deployed);
 * - each delete and undeploy a long-running operation, done after `operationMs`, read back by
 *   operations.get.
 */
import type { ServiceEnv } from '../../core/env.js';
import { parseJsonBody } from '../../core/protojson.js';
import { ApiError, invalidArgument } from '../../core/status.js';
import { decodePageToken, encodePageToken, pageSizeParam, queryParam, timestamp } from '../../core/util.js';
import { checkLabels, type JobRecord, type JobStore } from './jobs.js';

type Json = Record<string, unknown>;
const ALIAS = /^[a-z][a-zA-Z0-9-]{0,126}[a-z0-9-]$/;
const TYPE = 'type.googleapis.com/google.cloud.aiplatform.v1';
/** The Model fields models.patch updates here. */
const UPDATABLE = ['labels', 'defaultCheckpointId', 'displayName', 'description'];

interface Operation {
  name: string;
  createdAt: number;
  doneAt: number;
  metadataType: string;
  responseType: string;
}

export class ModelRegistry {
  private readonly operations = new Map<string, Operation>();
  private opCounter = 0;

  constructor(
    private readonly env: ServiceEnv,
    private readonly jobs: JobStore,
    private readonly operationMs: () => number,
  ) {}

  reset(): void {
    this.operations.clear();
  }

  private state(r: JobRecord): NonNullable<JobRecord['version']> {
    r.version ??= { labels: { ...r.labels }, aliases: [], deleted: false };
    return r.version;
  }

  /** The versions of a Model in a project and location, oldest first; 404 when there are none. */
  private versions(project: string, location: string, modelId: string): JobRecord[] {
    const found = this.jobs
      .versionsOf(modelId)
      .filter((j) => this.jobs.sameProject(j, project) && this.jobs.servedFrom(j) === location);
    if (found.length === 0) {
      throw new ApiError(
        'NOT_FOUND',
        `Model projects/${project}/locations/${location}/models/${modelId} does not exist.`,
      );
    }
    return found;
  }

  /** The version `ref` names (`M`, `M@VERSION`, `M@ALIAS`; without one, the default version). */
  private version(project: string, location: string, ref: string): { r: JobRecord; all: JobRecord[] } {
    const [modelId, at] = ref.split('@') as [string, string | undefined];
    const all = this.versions(project, location, modelId);
    const wanted = at ?? 'default';
    const r =
      all.find((j) => String(j.versionId) === wanted) ?? all.find((j) => this.aliasesOf(j, all).includes(wanted));
    if (!r)
      throw new ApiError('NOT_FOUND', `Model projects/${project}/locations/${location}/models/${ref} does not exist.`);
    return { r, all };
  }

  /** A version's aliases; `default` is on the newest version unless another version holds it. */
  private aliasesOf(r: JobRecord, all: JobRecord[]): string[] {
    const own = [...this.state(r).aliases];
    const held = all.find((j) => this.state(j).aliases.includes('default'));
    if (!held && r === all.at(-1)) own.unshift('default');
    return own;
  }

  /** Endpoints a version is deployed on (its own, and one per checkpoint), not undeployed or deleted. */
  private deployments(r: JobRecord): { endpointId: string; checkpointId: string }[] {
    return this.jobs
      .checkpoints(r)
      .map((c) => ({ endpointId: c.endpointId, checkpointId: c.checkpointId }))
      .concat(
        this.jobs.checkpoints(r).some((c) => c.endpointId === r.endpointId)
          ? []
          : [{ endpointId: r.endpointId, checkpointId: '' }],
      )
      .filter((d) => !r.undeployed?.has(d.endpointId) && !r.deletedEndpoints?.has(d.endpointId));
  }

  render(r: JobRecord, all: JobRecord[]): Json {
    const parent = this.jobs.modelParent(r);
    const deployed = this.deployments(r);
    const out: Json = {
      name: `${parent}/models/${r.modelId}`,
      versionId: String(r.versionId),
      versionAliases: this.aliasesOf(r, all),
      displayName: r.displayName,
      ...(r.description ? { description: r.description } : {}),
      createTime: timestamp(r.createdAt),
      updateTime: timestamp(r.createdAt),
      versionCreateTime: timestamp(r.createdAt),
      versionUpdateTime: timestamp(r.createdAt),
      defaultCheckpointId: r.defaultCheckpointId ?? this.jobs.checkpoints(r).at(-1)?.checkpointId ?? '',
      checkpoints: this.jobs.checkpoints(r).map((c) => ({
        checkpointId: c.checkpointId,
        epoch: String(c.epoch),
        step: String(c.step),
      })),
      labels: { ...this.state(r).labels },
    };
    if (deployed.length > 0) {
      out['deployedModels'] = deployed.map((d) => ({
        endpoint: `${parent}/endpoints/${d.endpointId}`,
        deployedModelId: deployedModelId(d.endpointId),
        ...(d.checkpointId ? { checkpointId: d.checkpointId } : {}),
      }));
    }
    return out;
  }

  getModel(project: string, location: string, ref: string): Json {
    const { r, all } = this.version(project, location, ref);
    return this.render(r, all);
  }

  /** models.patch: `labels` (the whole map replaced) or `defaultCheckpointId`, on the version named. */
  patchModel(project: string, location: string, ref: string, updateMask: string, raw: string): Json {
    const body = parseJsonBody(raw) as Json;
    const { r, all } = this.version(project, location, ref);
    // Without an update_mask, the fields the body sets (AIP-134); @google/genai's models.update sends none.
    const fields =
      updateMask.trim() === ''
        ? UPDATABLE.filter((f) => body[f] !== undefined)
        : updateMask.split(',').map((f) => f.trim().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()));
    if (fields.length === 0) throw invalidArgument('update_mask names no field to update.', 'update_mask');
    for (const field of fields) {
      if (field === 'labels') {
        this.state(r).labels = checkLabels(body['labels'] ?? {}, 'model.labels');
      } else if (field === 'displayName' || field === 'description') {
        if (typeof body[field] !== 'string')
          throw invalidArgument(`model.${field} must be a string.`, `model.${field}`);
        if (field === 'displayName') r.displayName = body[field] as string;
        else r.description = body[field] as string;
      } else if (field === 'defaultCheckpointId') {
        const id = body['defaultCheckpointId'];
        if (typeof id !== 'string' || !this.jobs.checkpoints(r).some((c) => c.checkpointId === id)) {
          throw invalidArgument(
            `default_checkpoint_id ${JSON.stringify(id)} is not a checkpoint of ${ref}.`,
            'model.default_checkpoint_id',
          );
        }
        r.defaultCheckpointId = id;
      } else {
        throw invalidArgument(
          `The emulator updates labels and default_checkpoint_id only, got "${field}".`,
          'update_mask',
        );
      }
    }
    return this.render(r, all);
  }

  /** models:mergeVersionAliases on `M@VERSION` (a version id is required). */
  mergeVersionAliases(project: string, location: string, ref: string, raw: string): Json {
    if (!/@\d+$/.test(ref)) {
      throw invalidArgument('name must include a version id: projects/*/locations/*/models/*@{version}.', 'name');
    }
    const body = parseJsonBody(raw) as Json;
    const wanted = body['versionAliases'];
    if (!Array.isArray(wanted) || wanted.length === 0 || !wanted.every((a) => typeof a === 'string')) {
      throw invalidArgument('version_aliases is required.', 'version_aliases');
    }
    const { r, all } = this.version(project, location, ref);
    for (const alias of wanted as string[]) {
      const name = alias.replace(/^-/, '');
      if (!ALIAS.test(name)) throw invalidArgument(`Alias ${JSON.stringify(alias)} is invalid.`, 'version_aliases');
      if (alias.startsWith('-')) {
        this.state(r).aliases = this.state(r).aliases.filter((a) => a !== name);
        continue;
      }
      for (const other of all) this.state(other).aliases = this.state(other).aliases.filter((a) => a !== name);
      this.state(r).aliases.push(name);
    }
    return this.render(r, all);
  }

  /** models.list: each Model's default version, filtered by `labels.K=V` / `labels.K:*` (AND). */
  listModels(project: string, location: string, query: URLSearchParams): Json {
    const match = labelFilter(query.get('filter') ?? '');
    const models = new Map<string, JobRecord[]>();
    for (const r of this.jobs.all()) {
      if (!this.jobs.sameProject(r, project) || this.jobs.servedFrom(r) !== location) continue;
      const all = this.jobs.versionsOf(r.modelId);
      if (all.length > 0) models.set(r.modelId, all);
    }
    const rows = [...models.values()]
      .map((all) => {
        const def = all.find((j) => this.aliasesOf(j, all).includes('default')) ?? all.at(-1)!;
        return { r: def, all };
      })
      .filter(({ r }) => match(this.state(r).labels));
    return this.page(rows, query, `models|${project}|${location}|${query.get('filter') ?? ''}`, 'models');
  }

  /** models:listVersions of one Model, with the same filter. */
  listVersions(project: string, location: string, modelId: string, query: URLSearchParams): Json {
    const match = labelFilter(query.get('filter') ?? '');
    const all = this.versions(project, location, modelId.replace(/@.*$/, ''));
    const rows = all.filter((r) => match(this.state(r).labels)).map((r) => ({ r, all }));
    return this.page(rows, query, `versions|${project}|${location}|${modelId}`, 'models');
  }

  private page(rows: { r: JobRecord; all: JobRecord[] }[], query: URLSearchParams, scope: string, key: string): Json {
    const size = pageSizeParam(queryParam(query, 'pageSize'), 100, 1000);
    const token = queryParam(query, 'pageToken');
    const offset = token ? decodePageToken(token, scope) : 0;
    const out: Json = {};
    const slice = rows.slice(offset, offset + size);
    if (slice.length > 0) out[key] = slice.map(({ r, all }) => this.render(r, all));
    if (offset + size < rows.length) out['nextPageToken'] = encodePageToken(offset + size, scope);
    return out;
  }

  /** models.delete: every version, refused while any is deployed. */
  deleteModel(project: string, location: string, modelId: string): Json {
    const all = this.versions(project, location, modelId);
    const deployed = all.flatMap((r) => this.deployments(r));
    if (deployed.length > 0) {
      throw new ApiError(
        'FAILED_PRECONDITION',
        `The Model "projects/${project}/locations/${location}/models/${modelId}" is deployed or being deployed at the following Endpoint(s): ${deployed.map((d) => d.endpointId).join(', ')}.`,
      );
    }
    for (const r of all) this.state(r).deleted = true;
    return this.operation(
      `projects/${project}/locations/${location}/models/${modelId}`,
      'DeleteOperationMetadata',
      'google.protobuf.Empty',
    );
  }

  /** models:deleteVersion of `M@VERSION`: refused while deployed, and for the only version. */
  deleteVersion(project: string, location: string, ref: string): Json {
    if (!/@\d+$/.test(ref)) throw invalidArgument('name must include a version id.', 'name');
    const { r, all } = this.version(project, location, ref);
    if (all.length === 1) {
      throw new ApiError(
        'FAILED_PRECONDITION',
        `Cannot delete the only version of Model projects/${project}/locations/${location}/models/${r.modelId}: delete the Model instead.`,
      );
    }
    if (this.deployments(r).length > 0) {
      throw new ApiError('FAILED_PRECONDITION', `Model version ${ref} is deployed at an Endpoint: undeploy it first.`);
    }
    this.state(r).deleted = true;
    return this.operation(
      `projects/${project}/locations/${location}/models/${r.modelId}`,
      'DeleteOperationMetadata',
      'google.protobuf.Empty',
    );
  }

  private endpointRecord(project: string, location: string, id: string): JobRecord {
    const r = this.jobs.findByEndpoint(project, location, id);
    if (!r || this.jobs.progress(r).state !== 'JOB_STATE_SUCCEEDED') {
      throw new ApiError('NOT_FOUND', `Endpoint projects/${project}/locations/${location}/endpoints/${id} not found.`);
    }
    return r;
  }

  getEndpoint(project: string, location: string, id: string): Json {
    const r = this.endpointRecord(project, location, id);
    const parent = this.jobs.modelParent(r);
    const deployed = !r.undeployed?.has(id);
    const checkpoint = this.jobs.checkpoints(r).find((c) => c.endpointId === id);
    const out: Json = {
      name: `${parent}/endpoints/${id}`,
      displayName: `${r.displayName}${checkpoint && id !== r.endpointId ? `-checkpoint-${checkpoint.checkpointId}` : ''}`,
      labels: { ...r.labels },
      createTime: timestamp(r.createdAt),
      updateTime: timestamp(r.createdAt),
      etag: `AMEw9yP${id.slice(-6)}`,
    };
    if (deployed) {
      const dm = deployedModelId(id);
      out['deployedModels'] = [
        {
          id: dm,
          model: `${parent}/models/${r.modelId}`,
          modelVersionId: String(r.versionId),
          displayName: r.displayName,
          createTime: timestamp(r.createdAt),
          ...(checkpoint ? { checkpointId: checkpoint.checkpointId } : {}),
        },
      ];
      out['trafficSplit'] = { [dm]: 100 };
    }
    return out;
  }

  undeployModel(project: string, location: string, id: string, raw: string): Json {
    const r = this.endpointRecord(project, location, id);
    const body = parseJsonBody(raw) as Json;
    const wanted = body['deployedModelId'];
    if (typeof wanted !== 'string' || wanted === '')
      throw invalidArgument('deployed_model_id is required.', 'deployed_model_id');
    if (r.undeployed?.has(id) || wanted !== deployedModelId(id)) {
      throw new ApiError(
        'NOT_FOUND',
        `DeployedModel ${wanted} does not exist in Endpoint projects/${project}/locations/${location}/endpoints/${id}.`,
      );
    }
    (r.undeployed ??= new Set()).add(id);
    return this.operation(
      `projects/${project}/locations/${location}/endpoints/${id}`,
      'UndeployModelOperationMetadata',
      'UndeployModelResponse',
    );
  }

  deleteEndpoint(project: string, location: string, id: string): Json {
    const r = this.endpointRecord(project, location, id);
    if (!r.undeployed?.has(id)) {
      throw new ApiError(
        'FAILED_PRECONDITION',
        `Endpoint projects/${project}/locations/${location}/endpoints/${id} has deployed models: undeploy them first.`,
      );
    }
    (r.deletedEndpoints ??= new Set()).add(id);
    return this.operation(
      `projects/${project}/locations/${location}/endpoints/${id}`,
      'DeleteOperationMetadata',
      'google.protobuf.Empty',
    );
  }

  private operation(resource: string, metadataType: string, responseType: string): Json {
    const now = this.env.now();
    const op: Operation = {
      name: `${resource}/operations/${String(8_000_000_000_000_000_000n + BigInt(++this.opCounter))}`,
      createdAt: now,
      doneAt: now + this.operationMs(),
      metadataType,
      responseType,
    };
    this.operations.set(op.name, op);
    // A long-running operation is never done in the answer that starts it.
    return this.renderOperation(op, false);
  }

  getOperation(name: string): Json {
    const op = this.operations.get(name);
    if (!op) throw new ApiError('NOT_FOUND', `Operation ${name} does not exist.`);
    return this.renderOperation(op, this.env.now() >= op.doneAt);
  }

  private renderOperation(op: Operation, done: boolean): Json {
    const out: Json = {
      name: op.name,
      metadata: {
        '@type': `${TYPE}.${op.metadataType}`,
        genericMetadata: {
          createTime: timestamp(op.createdAt),
          updateTime: timestamp(done ? op.doneAt : op.createdAt),
        },
      },
    };
    if (done) {
      out['done'] = true;
      out['response'] = {
        '@type': op.responseType.includes('.')
          ? `type.googleapis.com/${op.responseType}`
          : `${TYPE}.${op.responseType}`,
      };
    }
    return out;
  }
}

/** The DeployedModel id on an endpoint (numeric, as the service's). */
function deployedModelId(endpointId: string): string {
  return String((BigInt(endpointId) % 9_000_000_000_000_000n) + 1_000_000_000_000_000n);
}

/** `labels.K=V`, `labels.K="V"`, `labels.K:*`, `labels:K`, joined by AND. */
function labelFilter(filter: string): (labels: Record<string, string>) => boolean {
  const terms = filter.trim() === '' ? [] : filter.split(/\s+AND\s+/i).map((t) => t.trim());
  const preds = terms.map((t) => {
    let m = /^labels\.([a-z][a-z0-9_-]*)\s*=\s*"?([^"]*)"?$/.exec(t);
    if (m) {
      const [, key, value] = m as unknown as [string, string, string];
      return (l: Record<string, string>) => l[key] === value;
    }
    m = /^labels\.([a-z][a-z0-9_-]*)\s*:\s*\*$/.exec(t) ?? /^labels\s*:\s*([a-z][a-z0-9_-]*)$/.exec(t);
    if (m) {
      const key = m[1]!;
      return (l: Record<string, string>) => key in l;
    }
    throw invalidArgument(`Unsupported filter expression: ${t}`, 'filter');
  });
  return (labels) => preds.every((p) => p(labels));
}

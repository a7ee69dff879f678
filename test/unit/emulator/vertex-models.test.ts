/**
 * The emulator's ModelService and EndpointService for tuned models (what cleanup and promote
 * call), as the 2026-09 protos shape them: labels on the version, aliases, deployments, and the
 * deletes and undeploys as long-running operations, refused while something is deployed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/types.js';
import type { ManualClock } from './vertex-helpers.js';
import { NUMBER, PARENT, call, contentsJsonl, jobBody, withVertex } from './vertex-helpers.js';

let emu: Emulator;
let clock: ManualClock;
beforeAll(async () => {
  ({ emu, clock } = await withVertex({ vertex: { stepMs: 100, pendingMs: 1000, operationMs: 5_000 } }));
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  emu.storage.put('bucket', 'data/train.jsonl', contentsJsonl(16));
});

const US = `/v1/projects/${NUMBER}/locations/us`;

/** A succeeded job (2 epochs: 2 checkpoints, each on an endpoint); continuous tuning from `pre` makes version 2. */
async function tuned(labels: Record<string, string> = {}, pre?: string) {
  const body = pre
    ? { ...jobBody({ labels }), baseModel: undefined, preTunedModel: { tunedModelName: pre } }
    : jobBody({ labels });
  const job = (await call(emu, 'POST', `${PARENT}/tuningJobs`, body)).json;
  clock.advance(10_000);
  const done = (await call(emu, 'GET', `/v1/${job.name}`)).json;
  expect(done.state).toBe('JOB_STATE_SUCCEEDED');
  return done.tunedModel as { model: string; endpoint: string; checkpoints: { endpoint: string }[] };
}

async function waitOperation(op: { name: string; done?: boolean }) {
  expect(op.done).toBeUndefined();
  const early = (await call(emu, 'GET', `/v1/${op.name}`)).json;
  expect(early.done).toBeUndefined();
  clock.advance(5_000);
  const done = (await call(emu, 'GET', `/v1/${op.name}`)).json;
  expect(done.done).toBe(true);
  return done;
}

describe('models: labels, aliases, lists', () => {
  it('a version carries the job labels; PATCH updateMask=labels replaces the whole map', async () => {
    const t = await tuned({ gemini_tune_pr_7: 'open', gemini_tune_repo: '42' });
    const model = (await call(emu, 'GET', `/v1/${t.model}`)).json;
    expect(model.labels).toEqual({ gemini_tune_pr_7: 'open', gemini_tune_repo: '42' });
    expect(model.versionAliases).toEqual(['default']);
    expect(model.deployedModels).toHaveLength(2);
    expect(model.deployedModels.map((d: { endpoint: string }) => d.endpoint)).toContain(t.endpoint);

    const patched = await call(emu, 'PATCH', `/v1/${t.model}?updateMask=labels`, {
      labels: { gemini_tune_repo: '42' },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.json.labels).toEqual({ gemini_tune_repo: '42' });
    const bad = await call(emu, 'PATCH', `/v1/${t.model}?updateMask=labels`, { labels: { Bad: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.status).toBe('INVALID_ARGUMENT');
  });

  it('mergeVersionAliases moves an alias between versions; -alias removes it; @alias reads the version', async () => {
    const v1 = await tuned({ gemini_tune_repo: '42' });
    const v2 = await tuned({ gemini_tune_repo: '42' }, v1.model);
    expect(v2.model).toMatch(/@2$/);
    const merged = await call(emu, 'POST', `/v1/${v1.model}:mergeVersionAliases`, { versionAliases: ['production'] });
    expect(merged.status, merged.text).toBe(200);
    expect(merged.json.versionAliases).toEqual(['production']);
    const base = v1.model.replace(/@\d+$/, '');
    expect((await call(emu, 'GET', `/v1/${base}@production`)).json.versionId).toBe('1');
    expect((await call(emu, 'GET', `/v1/${base}`)).json.versionId).toBe('2');
    await call(emu, 'POST', `/v1/${v2.model}:mergeVersionAliases`, { versionAliases: ['production'] });
    expect((await call(emu, 'GET', `/v1/${base}@production`)).json.versionId).toBe('2');
    expect((await call(emu, 'GET', `/v1/${v1.model}`)).json.versionAliases).toEqual([]);
    await call(emu, 'POST', `/v1/${v2.model}:mergeVersionAliases`, { versionAliases: ['-production'] });
    expect((await call(emu, 'GET', `/v1/${base}@production`)).status).toBe(404);
    // A version id is required.
    expect((await call(emu, 'POST', `/v1/${base}:mergeVersionAliases`, { versionAliases: ['x1'] })).status).toBe(400);
  });

  it('models.list filters on labels and shows each Model once; listVersions shows every version', async () => {
    const a = await tuned({ gemini_tune_repo: '42', gemini_tune_release: 'production' });
    await tuned({ gemini_tune_repo: '42' }, a.model);
    await tuned({ gemini_tune_repo: '99' });
    const mine = (await call(emu, 'GET', `${US}/models?filter=${encodeURIComponent('labels.gemini_tune_repo=42')}`))
      .json;
    expect(mine.models).toHaveLength(1);
    const released = (
      await call(
        emu,
        'GET',
        `/v1/${a.model.replace(/@\d+$/, '')}:listVersions?filter=${encodeURIComponent('labels.gemini_tune_release:*')}`,
      )
    ).json;
    expect(released.models.map((m: { versionId: string }) => m.versionId)).toEqual(['1']);
  });
});

describe('deletes and undeploys (long-running operations)', () => {
  it('a deployed Model cannot be deleted; undeploy, delete the endpoints, then delete the Model', async () => {
    const t = await tuned();
    const refused = await call(emu, 'DELETE', `/v1/${t.model.replace(/@\d+$/, '')}`);
    expect(refused.status).toBe(400);
    expect(refused.json.error.status).toBe('FAILED_PRECONDITION');
    expect((await call(emu, 'DELETE', `/v1/${t.endpoint}`)).json.error.status).toBe('FAILED_PRECONDITION');

    const model = (await call(emu, 'GET', `/v1/${t.model}`)).json;
    for (const d of model.deployedModels as { endpoint: string; deployedModelId: string }[]) {
      const endpoint = (await call(emu, 'GET', `/v1/${d.endpoint}`)).json;
      expect(endpoint.deployedModels[0].id).toBe(d.deployedModelId);
      const op = await call(emu, 'POST', `/v1/${d.endpoint}:undeployModel`, { deployedModelId: d.deployedModelId });
      expect(op.status, op.text).toBe(200);
      const done = await waitOperation(op.json);
      expect(done.response['@type']).toBe('type.googleapis.com/google.cloud.aiplatform.v1.UndeployModelResponse');
      await waitOperation((await call(emu, 'DELETE', `/v1/${d.endpoint}`)).json);
      expect((await call(emu, 'GET', `/v1/${d.endpoint}`)).status).toBe(404);
    }
    const deleted = await call(emu, 'DELETE', `/v1/${t.model.replace(/@\d+$/, '')}`);
    expect(deleted.status, deleted.text).toBe(200);
    await waitOperation(deleted.json);
    expect((await call(emu, 'GET', `/v1/${t.model}`)).status).toBe(404);
  });

  it('deleteVersion: refused for the only version and while deployed; deletes one version of several', async () => {
    const v1 = await tuned();
    expect((await call(emu, 'DELETE', `/v1/${v1.model}:deleteVersion`)).json.error.status).toBe('FAILED_PRECONDITION');
    const v2 = await tuned({}, v1.model);
    expect((await call(emu, 'DELETE', `/v1/${v2.model}:deleteVersion`)).json.error.status).toBe('FAILED_PRECONDITION');
    const model = (await call(emu, 'GET', `/v1/${v2.model}`)).json;
    for (const d of model.deployedModels as { endpoint: string; deployedModelId: string }[]) {
      await waitOperation(
        (await call(emu, 'POST', `/v1/${d.endpoint}:undeployModel`, { deployedModelId: d.deployedModelId })).json,
      );
    }
    // An undeployed endpoint answers no generateContent.
    const gen = await call(emu, 'POST', `/v1/${v2.endpoint}:generateContent`, {
      contents: [{ role: 'user', parts: [{ text: '1' }] }],
    });
    expect(gen.status).toBe(400);
    await waitOperation((await call(emu, 'DELETE', `/v1/${v2.model}:deleteVersion`)).json);
    expect((await call(emu, 'GET', `/v1/${v2.model}`)).status).toBe(404);
    expect((await call(emu, 'GET', `/v1/${v1.model}`)).json.versionAliases).toEqual(['default']);
  });
});

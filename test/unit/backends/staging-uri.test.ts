/**
 * Where Vertex AI datasets land in Cloud Storage: directly under the `staging-uri` prefix
 * (`PREFIX/KEY/training.jsonl`). The README's own example, `gs://my-project-tuning/gemini-tune`,
 * once put objects under `gemini-tune/gemini-tune/KEY/...`.
 */

import { describe, expect, it } from 'vitest';
import type { RawRequestClient } from '../../../src/backends/gcs-upload.js';
import { DEFAULT_STAGING_PREFIX, stagedEvalObject, stagingObject } from '../../../src/backends/staging.js';
import { GoogleHttp, type RequestClient } from '../../../src/backends/http.js';
import { VertexAiBackend } from '../../../src/backends/vertex-ai.js';
import { examplesInMemory } from '../../../src/dataset/example-set.js';
import { instantClock } from '../../helpers/virtual-clock.js';

const KEY = 'cd'.repeat(32);

describe('stagingObject', () => {
  it.each([
    ['gs://my-project-tuning/gemini-tune', 'gemini-tune'],
    ['gs://my-project-tuning/gemini-tune/', 'gemini-tune'],
    ['gs://bkt/runs', 'runs'],
    ['gs://bkt/a/b/c', 'a/b/c'],
    ['gs://bkt//a//b/', 'a/b'],
  ])('%s puts the training set at %s/KEY/training.jsonl', (uri, folder) => {
    const at = stagingObject(uri, KEY, 'training');
    expect(at.object).toBe(`${folder}/${KEY}/training.jsonl`);
    expect(at.uri).toBe(`gs://${at.bucket}/${folder}/${KEY}/training.jsonl`);
  });

  it('never repeats the prefix, whatever it is called', () => {
    for (const prefix of ['gemini-tune', 'x/gemini-tune', 'gemini-tune/gemini-tune']) {
      const { object } = stagingObject(`gs://bkt/${prefix}`, KEY, 'validation');
      expect(object).toBe(`${prefix}/${KEY}/validation.jsonl`);
    }
  });

  it('gives a bare bucket a folder of its own instead of the bucket root', () => {
    for (const uri of ['gs://bkt', 'gs://bkt/', 'gs://bkt///']) {
      expect(stagingObject(uri, KEY, 'training')).toEqual({
        bucket: 'bkt',
        object: `${DEFAULT_STAGING_PREFIX}/${KEY}/training.jsonl`,
        uri: `gs://bkt/${DEFAULT_STAGING_PREFIX}/${KEY}/training.jsonl`,
      });
    }
  });

  it('rejects what is not a gs:// URI', () => {
    expect(() => stagingObject('s3://bkt/x', KEY, 'training')).toThrow(/gs:\/\/bucket\/prefix/);
    expect(() => stagingObject('gs://', KEY, 'training')).toThrow(/gs:\/\/bucket\/prefix/);
  });
});

describe('VertexAiBackend uploads with the README staging-uri', () => {
  it('names the objects PREFIX/KEY/*.jsonl in the upload request and in the tuning job', async () => {
    const seen: { method: string; url: string; data: unknown }[] = [];
    const client = {
      async request(opts: { url: string; method: string; data?: unknown; validateStatus?: (s: number) => boolean }) {
        seen.push({ method: opts.method, url: opts.url, data: opts.data });
        let status = 200;
        let data: unknown = {};
        const headers = new Headers();
        if (opts.method === 'GET' && opts.url.includes('/storage/v1/b/')) {
          status = 404;
          data = { error: { code: 404, message: 'no such object' } };
        } else if (opts.method === 'POST' && opts.url.includes('uploadType=resumable')) {
          headers.set('location', `${new URL(opts.url).origin}/upload/session/${seen.length}`);
        } else if (opts.method === 'POST' && opts.url.endsWith('/tuningJobs')) {
          data = { name: 'projects/1/locations/us-central1/tuningJobs/9', state: 'JOB_STATE_PENDING' };
        }
        const ok = opts.validateStatus ? opts.validateStatus(status) : status >= 200 && status < 300;
        if (!ok) throw Object.assign(new Error(`HTTP ${status}`), { response: { status, data, headers } });
        return { status, data, headers };
      },
    };
    const backend = new VertexAiBackend(
      new GoogleHttp(client as unknown as RequestClient, { clock: instantClock() }),
      client as unknown as RawRequestClient,
      {
        project: 'my-project',
        location: 'us-central1',
        stagingUri: 'gs://my-project-tuning/gemini-tune',
        apiEndpoint: null,
        uploadChunkSize: 256 * 1024,
      },
    );
    await backend.create({
      baseModel: 'gemini-3.5-flash',
      displayName: 'demo',
      description: '',
      hyperparameters: {
        epochCount: 1,
        batchSize: null,
        learningRate: null,
        learningRateMultiplier: null,
        adapterSize: null,
      },
      examples: examplesInMemory([{ textInput: 'a', output: 'b', line: 1 }]),
      validationExamples: examplesInMemory([{ textInput: 'c', output: 'd', line: 1 }]),
      contentKey: KEY,
      tunedModelId: null,
    });

    const names = seen
      .filter((s) => s.method === 'POST' && s.url.includes('uploadType=resumable'))
      .map((s) => new URL(s.url).searchParams.get('name'));
    expect(names).toEqual([`gemini-tune/${KEY}/training.jsonl`, `gemini-tune/${KEY}/validation.jsonl`]);
    for (const name of names) expect(name).not.toContain('gemini-tune/gemini-tune');

    const create = seen.find((s) => s.url.endsWith('/tuningJobs'));
    expect(create?.data).toMatchObject({
      supervisedTuningSpec: {
        trainingDatasetUri: `gs://my-project-tuning/gemini-tune/${KEY}/training.jsonl`,
        validationDatasetUri: `gs://my-project-tuning/gemini-tune/${KEY}/validation.jsonl`,
      },
    });
  });
});

describe('stagedEvalObject (mode: finish reads it back)', () => {
  it('goes under the same prefix, not repeated, named by the eval set digest', () => {
    const digest = 'e'.repeat(64);
    expect(stagedEvalObject('gs://my-project-tuning/gemini-tune', digest)).toEqual({
      bucket: 'my-project-tuning',
      object: `gemini-tune/eval/${digest}.jsonl`,
      uri: `gs://my-project-tuning/gemini-tune/eval/${digest}.jsonl`,
    });
    expect(stagedEvalObject('gs://bkt', digest).object).toBe(`${DEFAULT_STAGING_PREFIX}/eval/${digest}.jsonl`);
  });
});

/**
 * Vertex AI: the eval set of a job left training, stored in Cloud Storage next to the training
 * set (`PREFIX/eval/<sha256>.jsonl`) for `mode: finish`, and read back by it.
 */

import { parseGsUri, uploadResumable, type RawRequestClient } from './gcs-upload.js';
import type { GoogleHttp } from './http.js';
import { stagedEvalObject } from './staging.js';
import { storageBaseUrl } from './vertex-hosts.js';
import type { Clock } from '../util/clock.js';

/** An eval set larger than this is not read back (the loader's own limits keep real ones far below). */
const MAX_EVAL_BYTES = 64 * 1024 * 1024;

export interface EvalStorage {
  http: GoogleHttp;
  raw: RawRequestClient;
  stagingUri: string | null;
  apiEndpoint: string | null;
  clock?: Clock;
  log: (message: string) => void;
}

export async function storeEvalSet(s: EvalStorage, bytes: Buffer, sha256: string): Promise<string> {
  if (!s.stagingUri) throw new Error('the eval set is stored under "staging-uri", which is empty');
  const { bucket, object } = stagedEvalObject(s.stagingUri, sha256);
  const result = await uploadResumable({
    client: s.raw,
    baseUrl: storageBaseUrl(s.apiEndpoint),
    bucket,
    object,
    data: bytes,
    contentType: 'application/jsonl',
    ...(s.clock ? { clock: s.clock } : {}),
    log: s.log,
  });
  s.log(
    result.skipped
      ? `eval set: ${result.uri} is already there (same MD5)`
      : `eval set: stored ${result.size} bytes at ${result.uri} for mode: finish`,
  );
  return result.uri;
}

export async function readEvalSet(s: EvalStorage, uri: string, signal?: AbortSignal): Promise<Buffer> {
  const { bucket, prefix } = parseGsUri(uri);
  const url = `${storageBaseUrl(s.apiEndpoint)}/storage/v1/b/${encodeURIComponent(bucket)}/o/${encodeURIComponent(prefix)}?alt=media`;
  const text = await s.http.json<string>({
    method: 'GET',
    url,
    responseType: 'text',
    what: 'storage.objects.get (the stored eval set)',
    ...(signal ? { signal } : {}),
  });
  if (typeof text !== 'string') throw new Error(`${uri} did not come back as text`);
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > MAX_EVAL_BYTES) throw new Error(`${uri} is larger than ${MAX_EVAL_BYTES} bytes`);
  return bytes;
}
